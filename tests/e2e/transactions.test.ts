import { createRequestContext } from '../../server/src/graphql/context';
import { withTransaction } from '../../server/src/graphql/transaction';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity';
import { User } from '../../server/src/modules/user/user.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TEST_NOW, type Caller, type TestServer } from '../support/server';

const CREATE_USER = `mutation ($input: CreateUserInput!) {
  createUser(input: $input) { user { id } userErrors { code field message } }
}`;
const USERS = '{ users(first: 100) { totalCount nodes { email } } }';

/** A transaction held open until `release()`: it writes a user, then fails, so everything it wrote must vanish. */
function slowFailingTransaction(server: TestServer, email: string) {
  const ctx = createRequestContext({
    requestId: 'slow-transaction',
    database: server.database.database,
    clock: server.clock,
    log: server.logger,
    auth: server.auth,
  });
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let wrote!: () => void;
  const written = new Promise<void>((resolve) => (wrote = resolve));
  const done = withTransaction(ctx, async (tx) => {
    await tx.db.save(tx.db.create(User, { email, passwordHash: 'x', displayName: 'Slow', role: UserRole.REVIEWER, isActive: true }));
    wrote();
    await gate;
    throw new Error('rolled back on purpose');
  });
  return { written, release, done };
}

describeEachDatabase('the transaction seam', (kind) => {
  let server: TestServer;
  let admin: Caller;
  beforeAll(async () => {
    server = await startTestServer(kind);
    admin = await server.as(UserRole.ADMIN);
  });
  afterAll(async () => server?.close());

  const emails = async () => ((await admin.data(USERS)).users.nodes as Array<{ email: string }>).map((u) => u.email);

  it('keeps a concurrent committed write when a slow transaction rolls back, and no read sees the uncommitted row', async () => {
    const slow = slowFailingTransaction(server, 'uncommitted@example.org');
    await slow.written;

    // A read while the slow transaction holds its row: the row must not be visible.
    expect(await emails()).not.toContain('uncommitted@example.org');

    // Another request's write, started while the slow transaction is open.
    const create = admin.graphql(CREATE_USER, {
      input: { email: 'committed@example.org', displayName: 'Committed', role: 'REVIEWER', password: 'a long enough password 1' },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    slow.release();
    await expect(slow.done).rejects.toThrow('rolled back on purpose');

    const created = await create;
    expect(created.errors).toBeUndefined();
    expect(created.data.createUser.userErrors).toEqual([]);
    const stored = await server.database.dataSource.getRepository(User).findBy([
      { email: 'committed@example.org' },
      { email: 'uncommitted@example.org' },
    ]);
    expect(stored.map((u) => u.email)).toEqual(['committed@example.org']);
    expect(await emails()).toEqual(expect.arrayContaining(['committed@example.org']));
    expect(await emails()).not.toContain('uncommitted@example.org');
  });

  it('runs many concurrent mutations without losing or mixing any', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        admin.graphql(CREATE_USER, {
          input: { email: `parallel-${i}@example.org`, displayName: `Parallel ${i}`, role: 'REVIEWER', password: `parallel password number ${i}` },
        }),
      ),
    );
    expect(results.map((r) => r.data?.createUser.userErrors)).toEqual(Array(8).fill([]));
    const all = await emails();
    for (let i = 0; i < 8; i++) expect(all).toContain(`parallel-${i}@example.org`);
    const audits = await server.database.dataSource.getRepository(AuditEntry).countBy({ operation: 'createUser' });
    expect(audits).toBeGreaterThanOrEqual(9);
  });

  it("stamps rows and audit entries with the request's clock, not the machine's", async () => {
    await admin.data(CREATE_USER, {
      input: { email: 'clocked@example.org', displayName: 'Clocked', role: 'REVIEWER', password: 'clocked password 2026' },
    });
    const user = await server.database.dataSource.getRepository(User).findOneByOrFail({ email: 'clocked@example.org' });
    expect(user.createdAt.toISOString()).toBe(TEST_NOW);
    expect(user.updatedAt.toISOString()).toBe(TEST_NOW);
    const entry = await server.database.dataSource.getRepository(AuditEntry).findOneByOrFail({ operation: 'createUser', entityId: user.uuid });
    expect(entry.occurredAt.toISOString()).toBe(TEST_NOW);
  });
  it('leaves the writing connection as it found it: its runner neither gains a wrapper nor keeps a clock per transaction', async () => {
    const { dataSource } = server.database;
    const run = () => server.database.database.transaction(async (m) => m.count(User), server.clock);
    await run();
    const runner = dataSource.createQueryRunner();
    const query = runner.query;
    for (let i = 0; i < 5; i++) await run();
    // On SQLite TypeORM hands out one runner for every transaction; on PostgreSQL each transaction has its own.
    expect(dataSource.createQueryRunner().query).toBe(query);
    expect(runner.data).not.toHaveProperty('clock');
    if (kind.name === 'postgres') await runner.release();
  });
});
