/**
 * The DeclinedAssociates migration on a database written before it: the
 * WITHDRAWN associates who certainly never started become DECLINED, and
 * everything else stays as it was.
 */
import 'reflect-metadata';
import pino from 'pino';
import { fixedClock } from '../../server/src/common/clock';
import { createLogger } from '../../server/src/common/logger';
import { openDatabase, type DataSourceBundle } from '../../server/src/db/data-source';
import { readDataVersion } from '../../server/src/db/data-version';
import { DeclinedAssociates1795910001000 } from '../../server/src/db/migrations/1795910001000-DeclinedAssociates';
import { seed } from '../../server/src/db/seed/seed';
import { AssociateStatus, Directorate } from '../../server/src/modules/associate/associate-enums';
import { ProfessionalAssociate } from '../../server/src/modules/associate/associate.entity';
import { CohortStatus } from '../../server/src/modules/cohort/cohort-status';
import { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import type { MigrationInterface } from 'typeorm';
import { describeEachDatabase, type TestDatabase } from '../support/databases';
import { TEST_NOW } from '../support/server';
import { arrangeAssociate, arrangeCohort } from '../support/workflow-fixtures';

const silent = () => createLogger('silent', pino.destination({ dest: '/dev/null', sync: true }));

describeEachDatabase('the DeclinedAssociates migration', (kind) => {
  let db: TestDatabase;
  let bundle: DataSourceBundle;
  const ds = () => bundle.dataSource;

  beforeAll(async () => {
    db = await kind.create();
    bundle = await openDatabase(db.config, silent());
    await seed(bundle.dataSource, fixedClock(TEST_NOW), silent());
  });
  afterAll(async () => {
    await bundle?.database.close();
    await db?.drop();
  });

  /** Runs the migration's up again, on rows written as the code before it wrote them. */
  async function migrate(migration: MigrationInterface): Promise<void> {
    const runner = ds().createQueryRunner();
    try {
      await migration.up(runner);
    } finally {
      await runner.release();
    }
  }

  it('makes DECLINED the WITHDRAWN associates who never started, and leaves those who did WITHDRAWN', async () => {
    const running = await arrangeCohort(ds(), { status: CohortStatus.IN_PROGRESS });
    const selecting = await arrangeCohort(ds(), { status: CohortStatus.SELECTION });
    const placed = { directorate: Directorate.CAPACITY_BUILDING, startDate: '2026-09-01' };
    const withdrawn = (cohort: Cohort, values: Partial<ProfessionalAssociate> = {}) =>
      arrangeAssociate(ds(), cohort, { status: AssociateStatus.WITHDRAWN, endDate: '2026-10-15', ...values });
    // Never placed: no directorate, whatever the cohort did since.
    const neverPlaced = await withdrawn(running);
    // Placed while the cohort was in SELECTION, which it has not left: never ACTIVE.
    const placedInSelection = await withdrawn(selecting, placed);
    // Placed in a running year: may have started, so it stays WITHDRAWN.
    const startedAndLeft = await withdrawn(running, placed);
    const active = await arrangeAssociate(ds(), running, { status: AssociateStatus.ACTIVE, ...placed });
    const assigned = await arrangeAssociate(ds(), selecting);
    const version = await readDataVersion(ds().manager);

    await migrate(new DeclinedAssociates1795910001000());

    const statusOf = async (a: ProfessionalAssociate) => {
      const row = await ds().getRepository(ProfessionalAssociate).findOneByOrFail({ uuid: a.uuid });
      return [row.status, row.endDate];
    };
    expect(await statusOf(neverPlaced)).toEqual([AssociateStatus.DECLINED, '2026-10-15']);
    expect(await statusOf(placedInSelection)).toEqual([AssociateStatus.DECLINED, '2026-10-15']);
    expect(await statusOf(startedAndLeft)).toEqual([AssociateStatus.WITHDRAWN, '2026-10-15']);
    expect(await statusOf(active)).toEqual([AssociateStatus.ACTIVE, null]);
    expect(await statusOf(assigned)).toEqual([AssociateStatus.ASSIGNED, null]);
    // The seeded associates all completed their placements: none of them is among the DECLINED.
    expect(await ds().getRepository(ProfessionalAssociate).countBy({ status: AssociateStatus.DECLINED })).toBe(2);
    // Cached lists and statistics from before the migration are not served after it.
    expect(await readDataVersion(ds().manager)).not.toBe(version);
  });
});
