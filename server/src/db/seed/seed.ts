/**
 * Loads the public history of the WCO-Japan Career Development Programme
 * (cdp-history.json) plus clearly marked sample data into the database.
 *
 * Idempotent: every row is looked up by its natural key first and created only
 * when missing, so running the seed again creates nothing and never
 * overwrites corrections made later through the API. Everything happens in one
 * transaction, together with one audit entry when anything was created.
 */
import type { DataSource } from 'typeorm';
import type { Clock } from '../../common/clock';
import type { Logger } from '../../common/logger';
import { AuditEntry } from '../../modules/audit/audit-entry.entity';
import type { CredentialSettings } from '../../modules/certificate/credential/credential-settings';
import { runTransaction } from '../database';
import { seedDemonstrationCohort } from './demo-cohort';
import { seedDemoUsers } from './demo-users';
import { ensurer, noneCreated, totalCreated } from './find-or-create';
import { seedHistoricalCohorts } from './historical-cohorts';
import { seedProgramme, seedRegionsAndAdministrations } from './programme-and-administrations';

export { placementEndDate } from './utc-dates';

/** How many rows of each entity the seed created (zero for the ones it found already present). */
export interface SeedReport {
  created: Record<string, number>;
}

const SEED_ACTOR = 'system:seed';

/**
 * With `credentials`, the certificates the seed creates are issued as signed
 * credentials (deterministically: Ed25519 signatures depend only on the key
 * and the data); without, they are recorded unsigned.
 */
export async function seed(dataSource: DataSource, clock: Clock, log: Logger, credentials?: CredentialSettings): Promise<SeedReport> {
  const now = clock.now();
  const created = noneCreated();

  await runTransaction(dataSource, clock, async (manager) => {
    const ensure = ensurer(manager, created);

    const administration = await seedRegionsAndAdministrations(ensure);
    const programme = await seedProgramme(ensure);
    await seedHistoricalCohorts(manager, ensure, created, programme, administration, credentials);
    const demoCohort = await seedDemonstrationCohort(manager, programme, now, ensure);
    await seedDemoUsers(manager, ensure, demoCohort);

    if (totalCreated(created) > 0) {
      await manager.save(
        manager.create(AuditEntry, {
          occurredAt: now,
          actorId: null,
          actorLabel: SEED_ACTOR,
          requestId: null,
          operation: 'seed',
          entityType: 'Database',
          entityId: null,
          before: null,
          after: { ...created },
        }),
      );
    }
  });

  const total = totalCreated(created);
  log.info({ created, total }, total > 0 ? 'seed: database seeded' : 'seed: nothing to do, database already seeded');
  return { created };
}
