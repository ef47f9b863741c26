/**
 * Webhooks, the outbox's second channel, end to end: real HTTP to a receiver
 * started here, whose signatures are checked by the Standard Webhooks
 * reference library (npm `standardwebhooks`), not by our own code. Retries
 * keep the webhook-id; an endpoint failing in a row is disabled; a rotated
 * secret's predecessor signs too during the overlap; refused addresses are
 * refused at registration and at delivery; a rolled-back change sends nothing.
 */
import { randomUUID } from 'node:crypto';
import type { LookupAddress } from 'node:dns';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { createLogger } from '../../server/src/common/logger';
import { createRequestContext } from '../../server/src/graphql/context';
import { fromGlobalId, toGlobalId } from '../../server/src/graphql/relay/global-id';
import { withTransaction } from '../../server/src/graphql/transaction';
import { DevMail } from '../../server/src/mail/dev-mail.entity';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity';
import { User } from '../../server/src/modules/user/user.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { WebhookEndpoint } from '../../server/src/modules/webhook/webhook-endpoint.entity';
import { OutboxMessage } from '../../server/src/outbox/outbox-message.entity';
import type { OutboxSettings } from '../../server/src/outbox/outbox-settings';
import { recordEvent } from '../../server/src/outbox/record-event';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type Caller, type TestServer } from '../support/server';

/** Retries within milliseconds, so that the bounded attempts run out within a test. */
const FAST: Partial<OutboxSettings> = { pollIntervalMs: 100, retryBaseMs: 40, retryCapMs: 200, maxAttempts: 3 };
const DISABLE_AFTER = 3;

const CREATE = `mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id url isEnabled } userErrors { code field message } } }`;
const UPDATE = `mutation ($input: UpdateWebhookEndpointInput!) {
  updateWebhookEndpoint(input: $input) { endpoint { id isEnabled disabledReason consecutiveFailures } userErrors { code field message } } }`;
const ROTATE = `mutation ($input: RotateWebhookSecretInput!) {
  rotateWebhookSecret(input: $input) { secret endpoint { id previousSecretExpiresAt } userErrors { code field message } } }`;
const RESEND = `mutation ($input: ResendWebhookDeliveryInput!) {
  resendWebhookDelivery(input: $input) { delivery { id status attempts } userErrors { code field message } } }`;
const ENDPOINTS = `query { webhookEndpoints(first: 50) { nodes { id isEnabled disabledReason consecutiveFailures
  deliveries(first: 10) { totalCount nodes { id status attempts lastError idempotencyKey eventType endpoint { id } recipient { id } } } } } }`;

const silent = () => createLogger('silent', pino.destination({ dest: '/dev/null', sync: true }));

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  answered: number;
}

/** A webhook receiver on 127.0.0.1: answers each path with the statuses planned for it (then 204), and keeps every request. */
async function startReceiver() {
  const received: Received[] = [];
  const plans = new Map<string, number[]>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const answered = plans.get(path)?.shift() ?? 204;
      received.push({ path, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8'), answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    received,
    url: (path: string) => `${base}${path}`,
    /** The next answers to `path`; "always" repeats one status. */
    plan: (path: string, statuses: number[]) => plans.set(path, statuses),
    at: (path: string) => received.filter((r) => r.path === path),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** A self-signed certificate for `name` (openssl), which the server is told to trust: a receiver with an internal CA. */
function selfSigned(name: string): { key: string; cert: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-webhook-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${name}`, '-addext', `subjectAltName=DNS:${name}`,
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describeEachDatabase('webhooks', (kind) => {
  let receiver: Receiver;
  let server: TestServer;
  let production: TestServer;
  let admin: Caller;
  let tlsReceiver: https.Server;
  const tlsReceived: Received[] = [];
  const TLS_NAME = 'hooks.partner.test';
  /** Host names the test resolves (as DNS would), for the rules on names that resolve to private addresses. */
  const names = new Map<string, string>();
  const resolve = async (hostname: string): Promise<LookupAddress[]> => {
    const address = names.get(hostname);
    if (!address) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return [{ address, family: address.includes(':') ? 6 : 4 }];
  };
  const ds = () => server.database.dataSource;

  async function register(path: string, eventTypes = ['COHORT_OPENED']): Promise<{ id: string; uuid: string; secret: string }> {
    const { createWebhookEndpoint } = await admin.data(CREATE, { input: { url: receiver.url(path), eventTypes, description: `receiver ${path}` } });
    expect(createWebhookEndpoint.userErrors).toEqual([]);
    const { id } = createWebhookEndpoint.endpoint;
    return { id, uuid: fromGlobalId(id, new Set(['WebhookEndpoint'])).id, secret: createWebhookEndpoint.secret };
  }

  /** Records a CohortOpened event as a mutation would, in a transaction of the seam; returns its cohort's global ID. */
  async function cohortOpened(): Promise<string> {
    const cohortId = toGlobalId('Cohort', randomUUID());
    const ctx = createRequestContext({ requestId: `webhooks-${randomUUID()}`, database: server.database.database, clock: server.clock, log: silent(), auth: server.auth, actorLabel: 'system:test' });
    await withTransaction(ctx, (tx) => recordEvent(tx, 'CohortOpened', { cohortId }));
    return cohortId;
  }

  async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, ms = 15_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`${what}: ${JSON.stringify(value)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  const deliveriesTo = (endpointUuid: string) => ds().getRepository(OutboxMessage).find({ where: { endpointId: endpointUuid }, order: { createdAt: 'ASC' } });
  const endpointRow = (uuid: string) => ds().getRepository(WebhookEndpoint).findOneByOrFail({ uuid });

  beforeAll(async () => {
    receiver = await startReceiver();
    const tlsPair = selfSigned(TLS_NAME);
    tlsReceiver = https.createServer(tlsPair, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        tlsReceived.push({ path: req.url ?? '/', headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8'), answered: 200 });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => tlsReceiver.listen(0, '127.0.0.1', resolve));
    server = await startTestServer(kind, {
      outbox: { mail: { mode: 'mailbox', from: 'CDP Hub <cdp-hub@wco.example>' }, settings: FAST },
      // Development rules: http to localhost, and loopback addresses, are allowed (the receiver is on 127.0.0.1).
      webhooks: { allowLocalhost: true, disableAfterFailures: DISABLE_AFTER, timeoutMs: 2_000, resolve, ca: tlsPair.cert },
    });
    // A second instance on the same database, with the production rules.
    production = await startTestServer(kind, { sameDatabaseAs: server, webhooks: { resolve } });
    admin = await server.as(UserRole.ADMIN);
  });
  afterEach(async () => {
    // Every endpoint goes, so that the next test's events reach only its own.
    await ds().createQueryBuilder().delete().from(WebhookEndpoint).execute();
  });
  afterAll(async () => {
    await production?.close();
    await server?.close();
    await receiver?.close();
    await new Promise((resolve) => tlsReceiver?.close(resolve));
  });

  it('signs each webhook as Standard Webhooks says: the reference library verifies it; the body carries type, time and global IDs only', async () => {
    const endpoint = await register('/signed');
    const cohortId = await cohortOpened();
    const [message] = await until(() => deliveriesTo(endpoint.uuid), (m) => m[0]?.status === 'SENT', 'the webhook is SENT');
    const [request] = receiver.at('/signed');
    expect(request.headers['webhook-id']).toBe(message.idempotencyKey);
    expect(request.headers['content-type']).toBe('application/json');
    expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);

    const verified = new Webhook(endpoint.secret).verify(request.body, request.headers);
    expect(verified).toEqual({ type: 'CohortOpened', timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), data: { cohortId } });
    // Another secret, or a body changed on the way, does not verify.
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(request.body, request.headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(endpoint.secret).verify(request.body.replace('CohortOpened', 'CohortClosed'), request.headers)).toThrow(WebhookVerificationError);

    // The ADMIN sees the delivery under its endpoint; it is no user's message.
    const { webhookEndpoints } = await admin.data(ENDPOINTS);
    const listed = webhookEndpoints.nodes.find((e: { id: string }) => e.id === endpoint.id);
    expect(listed.deliveries).toMatchObject({ totalCount: 1, nodes: [{ status: 'SENT', attempts: 1, eventType: 'CohortOpened', idempotencyKey: message.idempotencyKey, endpoint: { id: endpoint.id }, recipient: null }] });
    // The secret is kept sealed, never as given, and the audit entry does not hold it either.
    const row = await endpointRow(endpoint.uuid);
    expect(row.secretSealed).not.toContain(endpoint.secret.slice(6));
    const audit = await ds().getRepository(AuditEntry).findOneByOrFail({ operation: 'createWebhookEndpoint', entityId: endpoint.uuid });
    expect(audit.after).toMatchObject({ url: receiver.url('/signed'), eventTypes: ['CohortOpened'], isEnabled: true });
    expect(JSON.stringify(audit)).not.toContain(endpoint.secret.slice(6));
  });

  it('retries a failed delivery with the same webhook-id, and the receiver accepts it once', async () => {
    const endpoint = await register('/flaky');
    receiver.plan('/flaky', [500, 503]);
    await cohortOpened();
    const [message] = await until(() => deliveriesTo(endpoint.uuid), (m) => m[0]?.status === 'SENT', 'SENT after retries');
    expect(message).toMatchObject({ attempts: 3, lastError: null });
    const requests = receiver.at('/flaky');
    expect(requests.map((r) => r.answered)).toEqual([500, 503, 204]);
    expect(new Set(requests.map((r) => r.headers['webhook-id']))).toEqual(new Set([message.idempotencyKey]));
    // Each attempt is signed afresh (its own timestamp), and each verifies.
    for (const r of requests) expect(new Webhook(endpoint.secret).verify(r.body, r.headers)).toMatchObject({ type: 'CohortOpened' });
    expect((await endpointRow(endpoint.uuid)).consecutiveFailures).toBe(0);
  });

  it('disables an endpoint that keeps failing, with its reason and an audit entry; it can be enabled and the delivery re-sent', async () => {
    const endpoint = await register('/down');
    receiver.plan('/down', Array(DISABLE_AFTER).fill(503));
    await cohortOpened();
    const [dead] = await until(() => deliveriesTo(endpoint.uuid), (m) => m[0]?.status === 'DEAD', 'DEAD after the attempts');
    expect(dead.lastError).toBe('HTTP 503');
    const disabled = await until(() => endpointRow(endpoint.uuid), (e) => !e.isEnabled, 'the endpoint is disabled');
    expect(disabled).toMatchObject({ consecutiveFailures: DISABLE_AFTER, disabledReason: `disabled after ${DISABLE_AFTER} failed deliveries in a row; the last: HTTP 503` });
    const audited = await ds().getRepository(AuditEntry).findBy({ operation: 'disableWebhookEndpoint' });
    expect(audited.some((a) => a.actorLabel === 'system:webhooks' && JSON.stringify(a.after).includes('"isEnabled":false'))).toBe(true);
    // The notice: a letter to every active ADMIN (here into the development mailbox), naming the endpoint and why.
    const admins = await ds().getRepository(User).findBy({ role: UserRole.ADMIN, isActive: true });
    const letters = await until(
      () => ds().getRepository(DevMail).findBy({ subject: 'A CDP Hub webhook endpoint was disabled' }),
      (found) => found.length >= admins.length,
      'the notice to the ADMINs',
    );
    expect(new Set(letters.map((l) => l.recipient))).toEqual(new Set(admins.map((a) => a.email)));
    expect(letters[0].text).toContain(`${receiver.url('/down')} failed ${DISABLE_AFTER} deliveries in a row`);
    expect(letters[0].text).toContain('HTTP 503');

    // Events meanwhile are not routed to it; re-sending waits until it is enabled.
    await cohortOpened();
    const refused = await admin.data(RESEND, { input: { deliveryId: toGlobalId('OutboxMessage', dead.uuid) } });
    expect(refused.resendWebhookDelivery.userErrors.map((e: { code: string }) => e.code)).toEqual(['WEBHOOK_ENDPOINT_DISABLED']);
    const enabled = await admin.data(UPDATE, { input: { endpointId: endpoint.id, isEnabled: true } });
    expect(enabled.updateWebhookEndpoint.endpoint).toMatchObject({ isEnabled: true, disabledReason: null, consecutiveFailures: 0 });
    const resent = await admin.data(RESEND, { input: { deliveryId: toGlobalId('OutboxMessage', dead.uuid) } });
    expect(resent.resendWebhookDelivery).toMatchObject({ userErrors: [], delivery: { status: 'PENDING', attempts: 0 } });
    await until(() => deliveriesTo(endpoint.uuid), (m) => m.length === 1 && m[0].status === 'SENT', 'SENT once re-sent');
    const requests = receiver.at('/down');
    expect(requests).toHaveLength(DISABLE_AFTER + 1);
    expect(new Set(requests.map((r) => r.headers['webhook-id']))).toEqual(new Set([dead.idempotencyKey]));
  });

  it('rotates the secret with an overlap: both signatures are sent and both secrets verify; after the overlap only the new one', async () => {
    const endpoint = await register('/rotated');
    const { rotateWebhookSecret } = await admin.data(ROTATE, { input: { endpointId: endpoint.id, overlapHours: 1 } });
    expect(rotateWebhookSecret.userErrors).toEqual([]);
    const next = rotateWebhookSecret.secret as string;
    expect(next).toMatch(/^whsec_/);
    expect(next).not.toBe(endpoint.secret);
    await cohortOpened();
    await until(async () => receiver.at('/rotated'), (r) => r.length === 1, 'the webhook during the overlap');
    const [during] = receiver.at('/rotated');
    expect(during.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(endpoint.secret).verify(during.body, during.headers)).toMatchObject({ type: 'CohortOpened' });
    expect(new Webhook(next).verify(during.body, during.headers)).toMatchObject({ type: 'CohortOpened' });

    // A rotation without overlap: the secret before it no longer signs.
    const last = (await admin.data(ROTATE, { input: { endpointId: endpoint.id, overlapHours: 0 } })).rotateWebhookSecret.secret as string;
    await cohortOpened();
    await until(async () => receiver.at('/rotated'), (r) => r.length === 2, 'the webhook after the overlap');
    const after = receiver.at('/rotated')[1];
    expect(after.headers['webhook-signature'].split(' ')).toHaveLength(1);
    expect(new Webhook(last).verify(after.body, after.headers)).toMatchObject({ type: 'CohortOpened' });
    expect(() => new Webhook(next).verify(after.body, after.headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(endpoint.secret).verify(after.body, after.headers)).toThrow(WebhookVerificationError);
  });

  it('refuses non-public and non-https receivers at registration', async () => {
    names.set('internal.partner.test', '10.1.2.3');
    names.set('mapped.partner.test', '::ffff:192.168.1.20');
    const refusedEverywhere = [
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.8/hook',
      'https://172.16.4.1/hook',
      'https://192.168.1.1/hook',
      'https://100.64.0.1/hook',
      'https://0.0.0.0/hook',
      'https://[fc00::1]/hook',
      'https://[fe80::1]/hook',
      'https://[::ffff:10.0.0.1]/hook',
      'https://internal.partner.test/hook',
      'https://mapped.partner.test/hook',
      'https://unknown.partner.test/hook',
      'http://hooks.partner.test/hook',
      'https://user:secret@hooks.partner.test/hook',
      'ftp://hooks.partner.test/hook',
    ];
    const inProduction = ['http://127.0.0.1:8080/hook', 'https://127.0.0.1/hook', 'https://[::1]/hook', 'http://localhost:8080/hook', 'https://localhost/hook'];
    const codes = async (caller: Caller, url: string) =>
      ((await caller.data(CREATE, { input: { url, eventTypes: ['COHORT_OPENED'] } })).createWebhookEndpoint.userErrors as Array<{ code: string }>).map((e) => e.code)[0];
    const productionAdmin = await production.as(UserRole.ADMIN);
    for (const url of refusedEverywhere) {
      expect([url, await codes(admin, url)]).toEqual([url, url.startsWith('ftp:') ? 'INVALID_VALUE' : 'WEBHOOK_URL_REFUSED']);
    }
    for (const url of [...refusedEverywhere, ...inProduction]) {
      expect([url, await codes(productionAdmin, url)]).toEqual([url, url.startsWith('ftp:') ? 'INVALID_VALUE' : 'WEBHOOK_URL_REFUSED']);
    }
    // Development allows the developer's own machine; a public address is fine in both.
    names.set('hooks.partner.test', '93.184.215.14');
    expect(await codes(admin, 'http://127.0.0.1:8080/hook')).toBeUndefined();
    expect(await codes(productionAdmin, 'https://hooks.partner.test/hook')).toBeUndefined();
    expect(await ds().getRepository(WebhookEndpoint).count()).toBe(2);
  });

  it('checks the address again at delivery: a name that now resolves to a private address gets nothing (DNS rebinding)', async () => {
    names.set('rebind.partner.test', '93.184.215.14');
    const { createWebhookEndpoint } = await admin.data(CREATE, { input: { url: 'https://rebind.partner.test/hook', eventTypes: ['COHORT_OPENED'] } });
    expect(createWebhookEndpoint.userErrors).toEqual([]);
    const uuid = fromGlobalId(createWebhookEndpoint.endpoint.id, new Set(['WebhookEndpoint'])).id;
    names.set('rebind.partner.test', '10.9.8.7');
    const before = receiver.received.length;
    await cohortOpened();
    const [message] = await until(() => deliveriesTo(uuid), (m) => m[0]?.status === 'DEAD', 'DEAD at once: a refused address is for good');
    expect(message).toMatchObject({ attempts: 1 });
    expect(message.lastError).toMatch(/^refused: the address 10\.9\.8\.7 is private/);
    expect(receiver.received.length).toBe(before);
  });

  it('sends https to the pinned address while TLS checks the certificate against the host name', async () => {
    const port = (tlsReceiver.address() as AddressInfo).port;
    // Both names resolve to the receiver (loopback is allowed in development); its certificate names only the first.
    names.set(TLS_NAME, '127.0.0.1');
    names.set('other.partner.test', '127.0.0.1');
    const create = async (url: string) => (await admin.data(CREATE, { input: { url, eventTypes: ['COHORT_OPENED'] } })).createWebhookEndpoint;
    const good = await create(`https://${TLS_NAME}:${port}/tls`);
    const wrong = await create(`https://other.partner.test:${port}/tls-wrong-name`);
    expect([good.userErrors, wrong.userErrors]).toEqual([[], []]);
    const uuidOf = (id: string) => fromGlobalId(id, new Set(['WebhookEndpoint'])).id;
    await cohortOpened();
    await until(() => deliveriesTo(uuidOf(good.endpoint.id)), (m) => m[0]?.status === 'SENT', 'SENT over TLS');
    const [request] = tlsReceived.filter((r) => r.path === '/tls');
    expect(new Webhook(good.secret).verify(request.body, request.headers)).toMatchObject({ type: 'CohortOpened' });
    const [refused] = await until(() => deliveriesTo(uuidOf(wrong.endpoint.id)), (m) => m[0]?.status === 'DEAD', 'DEAD: the certificate does not name the host');
    expect(refused.lastError).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(tlsReceived.filter((r) => r.path === '/tls-wrong-name')).toEqual([]);
  });

  it('sends nothing for a rolled-back transaction', async () => {
    const endpoint = await register('/rollback');
    const ctx = createRequestContext({ requestId: `rollback-${randomUUID()}`, database: server.database.database, clock: server.clock, log: silent(), auth: server.auth, actorLabel: 'system:test' });
    await expect(
      withTransaction(ctx, async (tx) => {
        await recordEvent(tx, 'CohortOpened', { cohortId: toGlobalId('Cohort', randomUUID()) });
        throw new Error('the change failed after its event was recorded');
      }),
    ).rejects.toThrow('the change failed');
    // A committed event after it is delivered; the rolled-back one never is.
    const committed = await cohortOpened();
    await until(() => deliveriesTo(endpoint.uuid), (m) => m[0]?.status === 'SENT', 'the committed event is SENT');
    await new Promise((r) => setTimeout(r, 300));
    const requests = receiver.at('/rollback');
    expect(requests.map((r) => JSON.parse(r.body).data.cohortId)).toEqual([committed]);
    expect(await deliveriesTo(endpoint.uuid)).toHaveLength(1);
  });
});
