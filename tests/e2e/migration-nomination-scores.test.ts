/**
 * The NominationScores migration on a database that already has reviews:
 * the stored mean and count are backfilled, and SQLite's table rebuild
 * keeps the reviews (foreign keys are off while migrations run, so the
 * rebuild does not cascade).
 */
import 'reflect-metadata';
import pino from 'pino';
import { fixedClock } from '../../server/src/common/clock';
import { createLogger } from '../../server/src/common/logger';
import { openDatabase, type DataSourceBundle } from '../../server/src/db/data-source';
import { NominationScores1795790700108 } from '../../server/src/db/migrations/1795790700108-NominationScores';
import { seed } from '../../server/src/db/seed/seed';
import { Nomination } from '../../server/src/modules/nomination/nomination.entity';
import { Review } from '../../server/src/modules/nomination/review.entity';
import { User } from '../../server/src/modules/user/user.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { insert } from '../support/arrange';
import { describeEachDatabase, type TestDatabase } from '../support/databases';
import { TEST_NOW } from '../support/server';

describeEachDatabase('the NominationScores migration', (kind) => {
  let db: TestDatabase;
  let bundle: DataSourceBundle;

  beforeAll(async () => {
    db = await kind.create();
    bundle = await openDatabase(db.config, createLogger('silent', pino.destination({ dest: '/dev/null', sync: true })));
    await seed(bundle.dataSource, fixedClock(TEST_NOW), createLogger('silent', pino.destination({ dest: '/dev/null', sync: true })));
  });
  afterAll(async () => {
    await bundle?.database.close();
    await db?.drop();
  });

  it('backfills meanScore and reviewCount from the reviews, and keeps the reviews', async () => {
    const ds = bundle.dataSource;
    const [scored, unscored] = await ds.getRepository(Nomination).find({ order: { candidateEmail: 'ASC' }, take: 2 });
    const reviewers = await ds.getRepository(User).findBy({ role: UserRole.REVIEWER });
    const second = await insert(ds, User, {
      email: 'second@reviewers.example',
      passwordHash: 'x',
      displayName: 'Second',
      role: UserRole.REVIEWER,
      isActive: true,
    });
    // Written directly, as reviews written before the migration were: nothing stored the mean then.
    await insert(ds, Review, { nominationId: scored.uuid, reviewerId: reviewers[0].uuid, score: 5, comment: null });
    await insert(ds, Review, { nominationId: scored.uuid, reviewerId: second.uuid, score: 2, comment: null });

    const migration = new NominationScores1795790700108();
    const runner = ds.createQueryRunner();
    try {
      await runner.beforeMigration();
      await migration.down(runner);
      await migration.up(runner);
      await runner.afterMigration();
    } finally {
      await runner.release();
    }

    const after = await ds.getRepository(Nomination).findBy([{ uuid: scored.uuid }, { uuid: unscored.uuid }]);
    const byId = new Map(after.map((n) => [n.uuid, n]));
    expect(byId.get(scored.uuid)).toMatchObject({ meanScore: 3.5, reviewCount: 2 });
    expect(byId.get(unscored.uuid)).toMatchObject({ meanScore: null, reviewCount: 0 });
    expect(await ds.getRepository(Review).countBy({ nominationId: scored.uuid })).toBe(2);
  });
});
