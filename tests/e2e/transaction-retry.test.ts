/**
 * The transaction seam's answer to lock conflicts, on real databases: on
 * PostgreSQL a transaction that loses a deadlock or a serialization conflict
 * runs again (a bounded number of times) instead of failing its request;
 * any other failure is not retried. SQLite's single writer never conflicts.
 */
import { QueryFailedError, type EntityManager } from 'typeorm';
import { createLogger } from '../../server/src/common/logger';
import { newRequestScope } from '../../server/src/common/request-scope';
import { DEMO_USERS } from '../../server/src/db/seed/demo-users';
import { TRANSACTION_ATTEMPTS } from '../../server/src/db/transaction-retry';
import { User } from '../../server/src/modules/user/user.entity';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';

/** Resolves for everyone once `parties` have arrived, and at once for later arrivals (a retried attempt passes straight through). */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    if (++arrived === parties) open();
    return opened;
  };
}

describeEachDatabase('retrying transactions that lose a lock conflict', (kind) => {
  const postgres = kind.name === 'postgres';
  let server: TestServer;
  let rows: [string, string];
  const logLines: Array<Record<string, any>> = [];
  const scope = newRequestScope('retry-test', () => createLogger('warn', { write: (line: string) => void logLines.push(JSON.parse(line)) }));
  /** Positional parameters as each driver spells them. */
  const p = (n: number) => (postgres ? `$${n}` : '?');
  const appendTag = (m: EntityManager, uuid: string, tag: string) =>
    m.query(`UPDATE "app_user" SET "displayName" = "displayName" || ${p(1)} WHERE "id" = ${p(2)}`, [tag, uuid]);
  const names = async () => {
    const users = await server.database.dataSource.getRepository(User).findBy(rows.map((uuid) => ({ uuid })));
    return rows.map((uuid) => users.find((u) => u.uuid === uuid)!.displayName);
  };

  beforeAll(async () => {
    server = await startTestServer(kind);
    const users = server.database.dataSource.getRepository(User);
    rows = [
      (await users.findOneByOrFail({ email: DEMO_USERS.REVIEWER.email })).uuid,
      (await users.findOneByOrFail({ email: DEMO_USERS.FOCAL_POINT.email })).uuid,
    ];
  });
  afterAll(async () => server?.close());
  beforeEach(async () => {
    logLines.length = 0;
    await server.database.dataSource.getRepository(User).update(rows, { displayName: '' });
  });

  it('commits both of two transactions that lock two rows in opposite orders, the deadlock loser after a retry', async () => {
    const attempts = [0, 0];
    // On PostgreSQL both hold their first row before either asks for its second: a certain deadlock. On SQLite the
    // second transaction cannot even begin before the first commits, so waiting for it would wait for ever.
    const bothHoldOne = postgres ? barrier(2) : async () => undefined;
    const run = (i: number, [first, second]: string[]) =>
      server.database.database.transaction(
        async (m) => {
          attempts[i] += 1;
          await appendTag(m, first, `<${i}>`);
          await bothHoldOne();
          await appendTag(m, second, `<${i}>`);
        },
        server.clock,
        scope,
      );

    await Promise.all([run(0, rows), run(1, [...rows].reverse())]);

    // Each transaction's writes are there exactly once: the rolled-back attempt left nothing.
    for (const name of await names()) expect([...name.matchAll(/<\d>/g)].map((m) => m[0]).sort()).toEqual(['<0>', '<1>']);
    if (postgres) {
      expect([...attempts].sort()).toEqual([1, 2]);
      expect(logLines.filter((l) => l.msg === 'transaction conflict, retrying')).toEqual([
        expect.objectContaining({ level: 40, requestId: 'retry-test', code: '40P01', attempt: 1 }),
      ]);
    } else {
      expect(attempts).toEqual([1, 1]);
    }
  });

  it('retries a serialization failure: two repeatable-read transactions updating one row both commit', async () => {
    const attempts = [0, 0];
    const bothRead = postgres ? barrier(2) : async () => undefined;
    const run = (i: number) =>
      server.database.database.transaction(
        async (m) => {
          attempts[i] += 1;
          if (postgres) await m.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
          // The snapshot is taken here; the later writer of the row then conflicts with the first one's commit.
          await m.query(`SELECT "displayName" FROM "app_user" WHERE "id" = ${p(1)}`, [rows[0]]);
          await bothRead();
          await appendTag(m, rows[0], `<${i}>`);
        },
        server.clock,
        scope,
      );

    await Promise.all([run(0), run(1)]);

    expect([...(await names())[0].matchAll(/<\d>/g)].map((m) => m[0]).sort()).toEqual(['<0>', '<1>']);
    if (postgres) {
      expect([...attempts].sort()).toEqual([1, 2]);
      expect(logLines.filter((l) => l.msg === 'transaction conflict, retrying')).toEqual([expect.objectContaining({ code: '40001', attempt: 1 })]);
    } else {
      expect(attempts).toEqual([1, 1]);
    }
  });

  it('retries a conflict a bounded number of times, then fails with it', async () => {
    let attempts = 0;
    const deadlock = new QueryFailedError('UPDATE ...', [], Object.assign(new Error('deadlock detected'), { code: '40P01' }));
    const run = server.database.database.transaction(
      async () => {
        attempts += 1;
        throw deadlock;
      },
      server.clock,
      scope,
    );
    await expect(run).rejects.toBe(deadlock);
    expect(attempts).toBe(postgres ? TRANSACTION_ATTEMPTS : 1);
    expect(TRANSACTION_ATTEMPTS).toBe(3);
  });

  it('does not retry any other failure: a unique violation or an error of the work runs once', async () => {
    let attempts = 0;
    const duplicate = server.database.database.transaction(
      async (m) => {
        attempts += 1;
        await m.query(`UPDATE "app_user" SET "email" = ${p(1)} WHERE "id" = ${p(2)}`, [DEMO_USERS.ADMIN.email, rows[0]]);
      },
      server.clock,
      scope,
    );
    await expect(duplicate).rejects.toBeInstanceOf(QueryFailedError);
    expect(attempts).toBe(1);

    attempts = 0;
    const own = server.database.database.transaction(
      async (m) => {
        attempts += 1;
        await appendTag(m, rows[0], '<x>');
        throw new Error('the work gave up');
      },
      server.clock,
      scope,
    );
    await expect(own).rejects.toThrow('the work gave up');
    expect(attempts).toBe(1);
    expect(await names()).toEqual(['', '']);
    expect(logLines.filter((l) => l.msg === 'transaction conflict, retrying')).toEqual([]);
  });
});
