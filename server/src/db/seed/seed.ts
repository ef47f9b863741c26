/**
 * Loads the public history of the WCO-Japan Career Development Programme
 * (cdp-history.json), and with the `demo` profile clearly marked sample data
 * too, into the database.
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
import { seedDemonstrationCohort, seedDemonstrationProgramme } from './demo-cohort';
import { seedDemoUsers } from './demo-users';
import { ensurer, noneCreated, totalCreated } from './find-or-create';
import { seedHistoricalCohorts, seedSampleAssociates } from './historical-cohorts';
import { seedProgramme, seedRegionsAndAdministrations } from './programme-and-administrations';
import type { SeedProfile } from './seed-profile';

export { placementEndDate } from './utc-dates';

export { SEED_PROFILES, defaultSeedProfile, type SeedProfile } from './seed-profile';

/** How many rows of each entity the seed created (zero for the ones it found already present). */
export interface SeedReport {
  profile: SeedProfile;
  created: Record<string, number>;
}

const SEED_ACTOR = 'system:seed';

/**
 * With `credentials`, the certificates the seed creates are issued as signed
 * credentials (deterministically: Ed25519 signatures depend only on the key
 * and the data); without, they are recorded unsigned. The profile is `demo`
 * unless asked for.
 */
export async function seed(
  dataSource: DataSource,
  clock: Clock,
  log: Logger,
  credentials?: CredentialSettings,
  { profile = 'demo' }: { profile?: SeedProfile } = {},
): Promise<SeedReport> {
  const now = clock.now();
  const created = noneCreated();

  await runTransaction(dataSource, clock, async (manager) => {
    const ensure = ensurer(manager, created);

    const administration = await seedRegionsAndAdministrations(ensure);
    const programme = await seedProgramme(ensure);
    const cohorts = await seedHistoricalCohorts(ensure, programme);
    if (profile === 'demo') {
      await seedSampleAssociates(manager, ensure, created, cohorts, administration, credentials);
      const demoProgramme = await seedDemonstrationProgramme(ensure);
      const demoCohort = await seedDemonstrationCohort(manager, demoProgramme, programme, now, ensure);
      await seedDemoUsers(manager, ensure, demoCohort);
    }

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
          after: { profile, ...created },
        }),
      );
    }
  });

  const total = totalCreated(created);
  log.info({ profile, created, total }, total > 0 ? 'seed: database seeded' : 'seed: nothing to do, database already seeded');
  return { profile, created };
}
