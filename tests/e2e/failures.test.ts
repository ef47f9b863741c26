import { describeEachDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';

/** What the docs promise (docs/api.md, API conventions) when something really breaks: a masked error with a request id, and /healthz saying 503. */
describeEachDatabase('real failures', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind, { captureLogs: true });
  });
  afterAll(async () => server?.close());

  it('refuses a forged date cursor with INVALID_CURSOR', async () => {
    const page = await server.data('{ events(first: 1, orderBy: { field: STARTS_AT, direction: ASC }) { pageInfo { endCursor } } }');
    const [key, direction, , uuid] = JSON.parse(Buffer.from(page.events.pageInfo.endCursor, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify([key, direction, 'not-a-date', uuid])).toString('base64url');
    const result = await server.graphql(
      'query ($c: String) { events(first: 1, after: $c, orderBy: { field: STARTS_AT, direction: ASC }) { totalCount } }',
      { c: forged },
    );
    expect(result.errors?.[0].extensions?.code).toBe('INVALID_CURSOR');
  });

  it('masks an unexpected failure as INTERNAL_SERVER_ERROR with the request id, and logs its details', async () => {
    await server.database.dataSource.query('ALTER TABLE region RENAME TO region_gone');
    try {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'masking-check' },
        body: JSON.stringify({ query: '{ regions { nodes { code } } }' }),
      });
      const text = await res.text();
      expect(text).not.toMatch(/region_|SELECT|sqlite|relation|no such table|at .*\.js/i);
      const body = JSON.parse(text);
      expect(body.errors[0]).toEqual({
        message: 'Internal server error. Quote the requestId when reporting it.',
        locations: expect.any(Array),
        path: ['regions'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'masking-check' },
      });
      const logged = server.logLines.find((l) => l.msg === 'unexpected error in GraphQL operation' && l.req?.id === 'masking-check');
      expect(logged?.err.message).toMatch(/region/);
      // The request's logger is made on first use at this level (requestLogging); it still binds the request.
      expect(logged?.req).toMatchObject({ method: 'POST', url: '/graphql', headers: { 'x-request-id': 'masking-check' } });
    } finally {
      await server.database.dataSource.query('ALTER TABLE region_gone RENAME TO region');
    }
  });

  it('answers /healthz with 503 once the database is gone', async () => {
    expect((await fetch(new URL('/healthz', server.url))).status).toBe(200);
    await server.database.database.close();
    const res = await fetch(new URL('/healthz', server.url));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', reason: 'database unreachable' });
  });
});
