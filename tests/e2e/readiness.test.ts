/**
 * /readyz (issue 18, section 5) is not /healthz: the process can be alive
 * (healthz 200) yet not fit for traffic. Readiness fails while a migration
 * this build needs is missing from the database, once shutdown has begun,
 * and while the database does not answer.
 */
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';

async function probe(server: TestServer, path: '/readyz' | '/healthz') {
  const res = await fetch(new URL(path, server.url));
  return { status: res.status, body: await res.json() };
}

describeEachDatabase('readiness', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    // Every probe looks the migrations up again, so the test sees a change at once.
    server = await startTestServer(kind, { migrationCheckMs: 0 });
  });
  afterAll(async () => server?.close());

  it('is ready once migrated and serving', async () => {
    expect(await probe(server, '/readyz')).toEqual({ status: 200, body: { status: 'ready' } });
    expect(await probe(server, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('is not ready while a migration is pending, and ready again once it is applied', async () => {
    const migrations: Array<{ id: number; timestamp: string; name: string }> = await server.database.dataSource.query(
      'SELECT id, timestamp, name FROM migrations ORDER BY id DESC',
    );
    const last = migrations[0];
    // As if the database were restored from before the last migration, or the server started without migrating.
    await server.database.dataSource.query(`DELETE FROM migrations WHERE id = ${Number(last.id)}`);
    try {
      expect(await probe(server, '/readyz')).toEqual({ status: 503, body: { status: 'unavailable', reason: 'migrations pending' } });
      expect((await probe(server, '/healthz')).status).toBe(200);
    } finally {
      await server.database.dataSource.query(`INSERT INTO migrations (id, timestamp, name) VALUES (${Number(last.id)}, ${Number(last.timestamp)}, '${last.name}')`);
    }
    expect(await probe(server, '/readyz')).toEqual({ status: 200, body: { status: 'ready' } });
  });

  it('looks migrations up at most once per interval, so probes stay cheap', async () => {
    const cached = await startTestServer(kind, { sameDatabaseAs: server, migrationCheckMs: 60_000 });
    try {
      expect((await probe(cached, '/readyz')).status).toBe(200);
      const before = cached.database.statements.count;
      for (let i = 0; i < 5; i++) expect((await probe(cached, '/readyz')).status).toBe(200);
      // SELECT 1 per probe; the migrations table is not read again within the interval.
      expect(cached.database.statements.count - before).toBe(5);
    } finally {
      await cached.close();
    }
  });

  it('is not ready once shutdown has begun, while still alive and serving', async () => {
    const stopping = await startTestServer(kind, { sameDatabaseAs: server });
    try {
      expect((await probe(stopping, '/readyz')).status).toBe(200);
      stopping.beginShutdown();
      expect(await probe(stopping, '/readyz')).toEqual({ status: 503, body: { status: 'unavailable', reason: 'shutting down' } });
      expect(await probe(stopping, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
      // Requests still get answers until the drain: the load balancer stops sending them first.
      expect(await stopping.data('{ programmes { totalCount } }')).toEqual({ programmes: { totalCount: expect.any(Number) } });
    } finally {
      await stopping.close();
    }
  });

  it('is not ready while the database does not answer', async () => {
    await server.database.database.close();
    expect(await probe(server, '/readyz')).toEqual({ status: 503, body: { status: 'unavailable', reason: 'database unreachable' } });
    expect((await probe(server, '/healthz')).status).toBe(503);
  });
});
