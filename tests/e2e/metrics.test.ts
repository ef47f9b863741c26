/**
 * The Prometheus metrics (issue 18, section 5): each family present and
 * moving with the traffic that feeds it, labels bounded (a document that is
 * not trusted is "other", whatever it calls itself) and free of personal
 * data, and the access rules: a port of their own without a token, the
 * public port only with METRICS_TOKEN as a bearer token.
 */
import { ephemeralAuthSettings } from '../../server/src/auth/setup';
import { DEMO_USERS } from '../../server/src/db/seed/demo-users';
import { Metrics } from '../../server/src/metrics/metrics';
import { User } from '../../server/src/modules/user/user.entity';
import { OutboxChannel, OutboxMessageStatus } from '../../server/src/outbox/outbox-enums';
import { OutboxEvent } from '../../server/src/outbox/outbox-event.entity';
import { OutboxMessage } from '../../server/src/outbox/outbox-message.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { listenForMetrics, type MetricsListener } from '../../server/src/metrics/metrics-endpoint';
import { operationSources } from '../../sdk/src/generated/graphql';
import { describeEachDatabase } from '../support/databases';
import { families, samples, valueOf } from '../support/metrics-text';
import { startTestServer, type TestServer } from '../support/server';

const TOKEN = 'metrics-token-for-tests-0123456789abcdef';
const SDK_OPERATIONS = new Set(Object.keys(operationSources));

async function post(server: TestServer, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.text() };
}

describeEachDatabase('metrics', (kind) => {
  let server: TestServer;
  let tokenless: TestServer | undefined;
  let metrics: Metrics;
  let listener: MetricsListener;
  const scrape = async () => (await fetch(listener.url)).text();

  beforeAll(async () => {
    metrics = new Metrics();
    server = await startTestServer(kind, {
      metrics,
      metricsToken: TOKEN,
      auth: ephemeralAuthSettings({ perAccountAndAddress: 2, perAddress: 100, windowSeconds: 60 }),
    });
    listener = await listenForMetrics(metrics, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await listener?.close();
    await tokenless?.close();
    await server?.close();
  });

  it('serves every family on its own port, in Prometheus text format, and nothing else there', async () => {
    const res = await fetch(listener.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const declared = families(await res.text());
    expect(Object.fromEntries([...declared].filter(([name]) => name.startsWith('cdp_')))).toEqual({
      cdp_graphql_requests_total: 'counter',
      cdp_graphql_request_duration_seconds: 'histogram',
      cdp_sql_statements_total: 'counter',
      cdp_sql_statement_errors_total: 'counter',
      cdp_sql_statement_duration_seconds: 'histogram',
      cdp_response_cache_lookups_total: 'counter',
      cdp_login_failures_total: 'counter',
      cdp_login_throttled_total: 'counter',
      cdp_http_requests_in_flight: 'gauge',
      cdp_outbox_messages: 'gauge',
    });
    // The event loop's lag and the process's memory, from the client library's default collectors.
    for (const family of ['nodejs_eventloop_lag_seconds', 'nodejs_eventloop_lag_p99_seconds', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes']) {
      expect(declared.get(family)).toBe('gauge');
    }
    const origin = new URL(listener.url).origin;
    expect((await fetch(`${origin}/graphql`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${origin}/healthz`)).status).toBe(404);
    expect((await fetch(listener.url, { method: 'POST' })).status).toBe(404);
  });

  it('serves them on the public port only to a caller with the metrics token', async () => {
    const url = new URL('/metrics', server.url);
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(((await anonymous.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await fetch(url, { headers: { authorization: `Bearer ${TOKEN}x` } })).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: TOKEN } })).status).toBe(401);
    // A user's session token is no metrics token.
    const admin = await server.as(UserRole.ADMIN);
    expect((await fetch(url, { headers: { authorization: `Bearer ${admin.token}` } })).status).toBe(401);
    const allowed = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(allowed.status).toBe(200);
    expect(families(await allowed.text()).get('cdp_graphql_requests_total')).toBe('counter');

    // Without a token configured, the public port has no /metrics at all (the metrics port alone serves them).
    tokenless = await startTestServer(kind, { sameDatabaseAs: server, metrics: new Metrics() });
    const absent = await fetch(new URL('/metrics', tokenless.url), { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(absent.status).toBe(404);
    expect(((await absent.json()) as any).errors[0].extensions.code).toBe('ENDPOINT_NOT_FOUND');
  });

  it('counts and times requests by trusted operation name and outcome; any other document is "other"', async () => {
    const before = await scrape();
    const cohortPage = { query: operationSources.CohortPage, variables: { label: '2023-2024' } };
    expect((await post(server, cohortPage)).status).toBe(200);
    // Same question again: answered from the response cache.
    expect((await post(server, cohortPage)).status).toBe(200);
    // A document of the client's own, named as it likes: its name must not become a label.
    const untrusted = await post(server, { query: 'query JaneDoeFromAccounting { cohort(label: "2023-2024") { status } }' });
    expect(JSON.parse(untrusted.body).data.cohort.status).toBeDefined();
    // The SDK's operation name on a document that is not the SDK's is "other" too.
    expect((await post(server, { query: 'query CohortPage { programmes { totalCount } }', operationName: 'CohortPage' })).status).toBe(200);
    expect((await post(server, { query: '{ noSuchField }' })).status).toBe(400);
    expect((await post(server, '{"query": ')).status).toBe(400);
    // A masked failure of the SDK's Regions: a server error, under its name.
    await server.database.dataSource.query('ALTER TABLE region RENAME TO region_gone');
    try {
      const failed = await post(server, { query: operationSources.Regions, variables: { first: 5 } });
      expect(JSON.parse(failed.body).errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await server.database.dataSource.query('ALTER TABLE region_gone RENAME TO region');
    }
    const after = await scrape();

    const delta = (name: string, labels: Record<string, string> = {}) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect({
      cohortPageOk: delta('cdp_graphql_requests_total', { operation: 'CohortPage', outcome: 'ok' }),
      cohortPageTimed: delta('cdp_graphql_request_duration_seconds_count', { operation: 'CohortPage' }),
      otherOk: delta('cdp_graphql_requests_total', { operation: 'other', outcome: 'ok' }),
      otherClientErrors: delta('cdp_graphql_requests_total', { operation: 'other', outcome: 'client_error' }),
      otherTimed: delta('cdp_graphql_request_duration_seconds_count', { operation: 'other' }),
      regionsServerErrors: delta('cdp_graphql_requests_total', { operation: 'Regions', outcome: 'server_error' }),
      cacheHits: delta('cdp_response_cache_lookups_total', { result: 'hit' }),
      // The first CohortPage, the untrusted cohort query, the mis-named programmes query and Regions.
      cacheMisses: delta('cdp_response_cache_lookups_total', { result: 'miss' }),
    }).toEqual({
      cohortPageOk: 2,
      cohortPageTimed: 2,
      otherOk: 2,
      otherClientErrors: 2,
      otherTimed: 4,
      regionsServerErrors: 1,
      cacheHits: 1,
      cacheMisses: 4,
    });
    expect(delta('cdp_graphql_request_duration_seconds_sum', { operation: 'CohortPage' })).toBeGreaterThan(0);
    expect(delta('cdp_graphql_request_duration_seconds_bucket', { operation: 'CohortPage', le: '+Inf' })).toBe(2);

    // SQL: statements sent and timed, and the one that failed on the renamed table.
    const timed = delta('cdp_sql_statement_duration_seconds_count');
    expect(timed).toBeGreaterThan(5);
    expect(delta('cdp_sql_statements_total')).toBeGreaterThanOrEqual(timed);
    expect(delta('cdp_sql_statement_duration_seconds_sum')).toBeGreaterThan(0);
    expect(delta('cdp_sql_statement_errors_total')).toBeGreaterThanOrEqual(1);
    expect(after).not.toContain('JaneDoeFromAccounting');
  });

  it('counts refused passwords and throttled sign-ins, and no label names anyone', async () => {
    const email = 'jane.doe.private@example.org';
    const login = (password: string) => post(server, { query: operationSources.Login, variables: { input: { email, password } } });
    const associate = await server.as(UserRole.ASSOCIATE);
    const before = await scrape();
    for (let i = 0; i < 2; i++) expect(JSON.parse((await login(`wrong-password-${i}`)).body).data.login.userErrors[0].code).toBe('INVALID_CREDENTIALS');
    expect(JSON.parse((await login('wrong-password-2')).body).data.login.userErrors[0].code).toBe('TOO_MANY_ATTEMPTS');
    // A wrong current password is a refused password too.
    const changed = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${associate.token}` },
      body: JSON.stringify({ query: operationSources.ChangePassword, variables: { input: { currentPassword: 'not-my-password', newPassword: 'a-new-long-passphrase-42' } } }),
    });
    expect(((await changed.json()) as any).data.changePassword.userErrors[0].code).toBe('CURRENT_PASSWORD_INCORRECT');
    // Personal data in a query's variables.
    const { cohort } = await server.data('{ cohort(label: "2023-2024") { associates(first: 3) { nodes { fullName } } } }');
    const names: string[] = cohort.associates.nodes.map((n: { fullName: string }) => n.fullName);
    await post(server, { query: operationSources.Associates, variables: { filter: { nameContains: names[0] } } });
    const after = await scrape();

    const delta = (name: string, labels: Record<string, string>) => valueOf(after, name, labels) - valueOf(before, name, labels);
    expect({
      loginFailures: delta('cdp_login_failures_total', { operation: 'login' }),
      loginThrottled: delta('cdp_login_throttled_total', { operation: 'login' }),
      changePasswordFailures: delta('cdp_login_failures_total', { operation: 'changePassword' }),
      loginRequests: delta('cdp_graphql_requests_total', { operation: 'Login', outcome: 'ok' }),
    }).toEqual({ loginFailures: 2, loginThrottled: 1, changePasswordFailures: 1, loginRequests: 3 });

    for (const secret of [email, ...names, DEMO_USERS.ASSOCIATE.email, DEMO_USERS.ASSOCIATE.displayName, TOKEN]) expect(after).not.toContain(secret);
    expect(after).not.toContain('@');
    // Bounded: operations are the SDK's own names or "other"; the other labels take a handful of fixed values.
    const values = (label: string) => new Set(samples(after).flatMap((s) => (label in s.labels ? [s.labels[label]] : [])));
    for (const operation of values('operation')) expect(operation === 'other' || operation === 'login' || operation === 'changePassword' || SDK_OPERATIONS.has(operation)).toBe(true);
    expect([...values('outcome')].every((o) => ['ok', 'client_error', 'server_error', 'aborted'].includes(o))).toBe(true);
    expect([...values('result')].sort()).toEqual(['hit', 'miss']);
  });

  it('tells the outbox depth and the dead messages, by status, as the database holds them at the scrape', async () => {
    const ds = server.database.dataSource;
    const before = await scrape();
    const counts = Object.fromEntries(Object.values(OutboxMessageStatus).map((s) => [s, valueOf(before, 'cdp_outbox_messages', { status: s })]));
    const admin = await ds.getRepository(User).findOneByOrFail({ email: DEMO_USERS.ADMIN.email });
    const event = await ds.getRepository(OutboxEvent).save({
      type: 'PasswordChanged' as const,
      payload: { userId: admin.uuid },
      occurredAt: new Date(),
      requestId: null,
      actorId: admin.uuid,
      actorLabel: 'test',
      dedupeKey: null,
    });
    const message = (key: string, messageStatus: OutboxMessageStatus) => ({
      eventId: event.uuid,
      eventType: event.type,
      channel: OutboxChannel.EMAIL,
      recipientId: admin.uuid,
      idempotencyKey: `metrics:${key}`,
      status: messageStatus,
      attempts: 1,
      nextAttemptAt: messageStatus === OutboxMessageStatus.PENDING ? new Date(Date.now() + 3_600_000) : null,
      leaseOwner: null,
      lastError: null,
      sentAt: null,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    await ds.getRepository(OutboxMessage).save([
      message('pending-1', OutboxMessageStatus.PENDING),
      message('pending-2', OutboxMessageStatus.PENDING),
      message('dead', OutboxMessageStatus.DEAD),
    ]);
    const after = await scrape();
    expect(valueOf(after, 'cdp_outbox_messages', { status: 'PENDING' })).toBe(counts.PENDING + 2);
    expect(valueOf(after, 'cdp_outbox_messages', { status: 'DEAD' })).toBe(counts.DEAD + 1);
    expect(samples(after).filter((s) => s.name === 'cdp_outbox_messages').map((s) => s.labels.status).sort()).toEqual(['DEAD', 'PENDING', 'SENDING', 'SENT', 'SKIPPED']);
  });
});
