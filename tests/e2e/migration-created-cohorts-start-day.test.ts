/**
 * The CreatedCohortsStartDay migration on a database written before it:
 * the cohorts createCohort made get startDatePrecision DAY, and no other
 * cohort changes.
 */
import 'reflect-metadata';
import pino from 'pino';
import { fixedClock } from '../../server/src/common/clock';
import { DatePrecision } from '../../server/src/common/dates';
import { createLogger } from '../../server/src/common/logger';
import { openDatabase, type DataSourceBundle } from '../../server/src/db/data-source';
import { readDataVersion } from '../../server/src/db/data-version';
import { CreatedCohortsStartDay1795910000000 } from '../../server/src/db/migrations/1795910000000-CreatedCohortsStartDay';
import { seed } from '../../server/src/db/seed/seed';
import { CohortStatus } from '../../server/src/modules/cohort/cohort-status';
import { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import type { MigrationInterface } from 'typeorm';
import { insert } from '../support/arrange';
import { yearDates } from '../support/cohort-workflow';
import { describeEachDatabase, type TestDatabase } from '../support/databases';
import { TEST_NOW } from '../support/server';

const silent = () => createLogger('silent', pino.destination({ dest: '/dev/null', sync: true }));

describeEachDatabase('the CreatedCohortsStartDay migration', (kind) => {
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

  it('sets DAY on the cohorts createCohort made with its six dates, and on no other', async () => {
    const programmeId = (await ds().getRepository(Cohort).findOneByOrFail({ label: '2023-2024' })).programmeId;
    // As createCohort wrote them before: six exact dates, no precision.
    const created = await insert(ds(), Cohort, {
      programmeId,
      label: '2091-2092',
      status: CohortStatus.PLANNED,
      capacity: 10,
      ...yearDates(2091),
      startDatePrecision: null,
      note: null,
    });
    const partial = await insert(ds(), Cohort, {
      programmeId,
      label: '2092-2093',
      status: CohortStatus.IN_PROGRESS,
      capacity: null,
      ...yearDates(2092),
      selectionDate: null,
      startDatePrecision: null,
      note: null,
    });
    const cohorts = ds().getRepository(Cohort);
    const others = await cohorts.find();
    const version = await readDataVersion(ds().manager);

    await migrate(new CreatedCohortsStartDay1795910000000());

    expect((await cohorts.findOneByOrFail({ uuid: created.uuid })).startDatePrecision).toBe(DatePrecision.DAY);
    expect((await cohorts.findOneByOrFail({ uuid: partial.uuid })).startDatePrecision).toBeNull();
    for (const other of others.filter((c) => c.uuid !== created.uuid)) {
      expect({ label: other.label, precision: (await cohorts.findOneByOrFail({ uuid: other.uuid })).startDatePrecision }).toEqual({
        label: other.label,
        precision: other.startDatePrecision,
      });
    }
    // Cached answers from before the migration are not served after it.
    expect(await readDataVersion(ds().manager)).not.toBe(version);
  });
});
