/**
 * Drain under load (issue 18, section 6), with the built server as a real
 * process: 16 keep-alive clients of mixed reads and writes, plus clients
 * that send a request and hang up before its answer (as a load generator
 * does when it stops), then SIGTERM. What must hold, counted rather than
 * timed:
 *
 * - /readyz answers 503 before the listener closes (SHUTDOWN_DELAY_SECONDS);
 * - every request the server accepted (it logs each one it handled, by the
 *   request id the client sent) got a complete, successful answer; the
 *   others were refused cleanly: connection refused, or reset before any
 *   byte of an answer, and never logged by the server;
 * - no request is accepted once a connection has been refused;
 * - every acknowledged write is in the database with its audit entry, no
 *   refused write is, and no audit entry lacks its event (no half-written
 *   transaction);
 * - the process exits 0 within the grace period; it closes the database
 *   only once no request is left running, those of hung-up clients included
 *   (on PostgreSQL, some wait on a row lock the test holds through the
 *   drain, so they are certainly running then), and logs nothing after the
 *   database has closed but "stopped": in particular no "Connection
 *   terminated" from handlers still running for clients that had gone.
 */
import http from 'node:http';
import net from 'node:net';
import BetterSqlite3 from 'better-sqlite3';
import { Client } from 'pg';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/db/seed/demo-users';
import { operationSources } from '../../sdk/src/generated/graphql';
import { describeEachDatabase, type TestDatabase } from '../support/databases';
import { start, waitForLog, type Running } from '../support/process';
import { TEST_NOW } from '../support/server';

const CLIENTS = 16;
const HANG_UPS = 2;
const HANG_UP_PAUSE_MS = 100;
/** Long enough for the server to read the request (gone before it is read, it never runs), shorter than its run. */
const HANG_UP_AFTER_MS = 15;
/**
 * The hung-up clients' query: light, but some 150 statements one after another (a cohort's first associate,
 * their research and milestones, their cohort again, and so on), so that under load it runs for a while and
 * some of these requests are still reading when the drain ends.
 */
const DEEP_LEVELS = 40;
const DEEP_QUERY = (() => {
  let fields = 'fullName';
  for (let i = 0; i < DEEP_LEVELS; i++) fields = `fullName research { title milestones { title } } cohort { label associates(first: 1) { nodes { ${fields} } } }`;
  return `query Deep { cohort(label: "2023-2024") { associates(first: 1) { nodes { ${fields} } } } }`;
})();
/** Long enough for a few probes to be answered on a loaded machine (2 cores shared with the clients). */
const DELAY_SECONDS = 3;
const GRACE_SECONDS = 10;
/** PostgreSQL: requests whose client hangs up while they wait for a row lock the test holds until the drain. */
const BLOCKED = 3;
/** Requests answered before SIGTERM is sent: the load is in full swing by then. */
const WARM_UP_ANSWERS = 200;

interface Outcome {
  id: string;
  write: boolean;
  title?: string;
  sentAt: number;
  status?: number;
  body?: any;
  /** The network error's code, when the request got no complete answer. */
  error?: string;
  /** Bytes of an answer received before the error. */
  partial?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

function post(origin: string, agent: http.Agent | false, id: string, body: unknown, token?: string): Promise<Omit<Outcome, 'write' | 'title'>> {
  const sentAt = Date.now();
  const text = JSON.stringify(body);
  return new Promise((resolve) => {
    let received = 0;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(text)),
      'x-request-id': id,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    };
    const req = http.request(`${origin}/graphql`, { method: 'POST', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        chunks.push(chunk);
      });
      res.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw);
        } catch {
          parsed = raw;
        }
        resolve({ id, sentAt, status: res.statusCode, body: parsed });
      });
      res.on('error', (err: NodeJS.ErrnoException) => resolve({ id, sentAt, error: err.code ?? err.message, partial: received }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ id, sentAt, error: err.code ?? err.message, partial: received }));
    req.end(text);
  });
}

function get(origin: string, path: string, agent: http.Agent): Promise<number | string> {
  return new Promise((resolve) => {
    const req = http.get(`${origin}${path}`, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    });
    req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

/** A whole request on a fresh connection, left open: the caller hangs up (destroys it) before the answer. */
function sendAndHold(origin: string, id: string, body: string, token?: string): Promise<net.Socket | string> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
    socket.on('connect', () => {
      const headers = [
        `POST /graphql HTTP/1.1`,
        `Host: ${hostname}:${port}`,
        'Content-Type: application/json',
        `Content-Length: ${Buffer.byteLength(body)}`,
        `X-Request-Id: ${id}`,
        ...(token ? [`Authorization: Bearer ${token}`] : []),
      ];
      socket.write(`${headers.join('\r\n')}\r\n\r\n${body}`, () => resolve(socket));
    });
  });
}

/** A whole request, and the connection closed shortly after, before the answer: the client has gone. */
async function hangUp(origin: string, id: string, body: string): Promise<'sent' | string> {
  const socket = await sendAndHold(origin, id, body);
  if (typeof socket === 'string') return socket;
  await sleep(HANG_UP_AFTER_MS);
  socket.destroy();
  return 'sent';
}

function databaseUrl(db: TestDatabase): string {
  return db.config.kind === 'sqlite' ? `sqlite:${db.config.file}` : db.config.url;
}

/** The events the test wrote (title "drain …") with the request id of their audit entry, and audit entries whose event is missing. */
async function writtenEvents(db: TestDatabase): Promise<{ events: Array<{ title: string; requestId: string | null }>; orphanAudits: number }> {
  const eventsSql = `SELECT e.title AS title, a."requestId" AS "requestId" FROM event e
    LEFT JOIN audit_entry a ON a."entityId" = e.id AND a.operation = 'scheduleEvent' WHERE e.title LIKE 'drain %'`;
  const orphansSql = `SELECT count(*) AS n FROM audit_entry a WHERE a.operation = 'scheduleEvent'
    AND NOT EXISTS (SELECT 1 FROM event e WHERE e.id = a."entityId")`;
  if (db.config.kind === 'sqlite') {
    const sqlite = new BetterSqlite3(db.config.file, { readonly: true });
    try {
      return {
        events: sqlite.prepare(eventsSql).all() as Array<{ title: string; requestId: string | null }>,
        orphanAudits: Number((sqlite.prepare(orphansSql).get() as { n: number }).n),
      };
    } finally {
      sqlite.close();
    }
  }
  const pg = new Client({ connectionString: db.config.url });
  await pg.connect();
  try {
    return { events: (await pg.query(eventsSql)).rows, orphanAudits: Number((await pg.query(orphansSql)).rows[0].n) };
  } finally {
    await pg.end();
  }
}

/** The answer is complete and successful: HTTP 200, JSON, no errors, and for a write the event with no user errors. */
function succeeded(outcome: Outcome): boolean {
  if (outcome.status !== 200 || typeof outcome.body !== 'object' || outcome.body.errors) return false;
  if (!outcome.write) return outcome.body.data != null;
  const payload = outcome.body.data?.scheduleEvent;
  return payload?.userErrors?.length === 0 && payload.event?.title === outcome.title;
}

describeEachDatabase('drain under load', (kind) => {
  let db: TestDatabase;
  let running: Running | undefined;
  beforeAll(async () => {
    db = await kind.create();
  });
  let clients: Client[] = [];
  afterAll(async () => {
    if (running && running.child.exitCode == null) running.child.kill('SIGKILL');
    await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
    await db?.drop();
  });

  it(`SIGTERM under ${CLIENTS} connections of reads and writes: readiness fails first, nothing accepted fails, writes are whole, exit 0`, async () => {
    running = start({
      DATABASE_URL: databaseUrl(db),
      PORT: '0',
      HOST: '127.0.0.1',
      CDP_CLOCK: TEST_NOW,
      LOG_LEVEL: 'info',
      // Every read reaches the database, as uncached traffic does.
      RESPONSE_CACHE: 'off',
      METRICS_PORT: '0',
      // The hung-up clients' query is deeper and longer than a client may ask for by default.
      GRAPHQL_MAX_DEPTH: String(DEEP_LEVELS * 4 + 10),
      GRAPHQL_MAX_TOKENS: String(DEEP_LEVELS * 40 + 100),
      SHUTDOWN_DELAY_SECONDS: String(DELAY_SECONDS),
      SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS),
    });
    const server = running;
    const ready = await waitForLog(server, (l) => typeof l.url === 'string', 120_000);
    const origin = new URL(ready.url).origin;

    const login = await post(origin, false, 'drain-login', {
      query: operationSources.Login,
      variables: { input: { email: DEMO_USERS.ADMIN.email, password: DEMO_PASSWORD } },
    });
    const token: string = login.body.data.login.token;
    expect(token).toMatch(/^cdp_/);

    // PostgreSQL: an event whose row the test will lock, so that requests rescheduling it wait in the database.
    let held: { uuid: string; blocker: Client; watcher: Client } | undefined;
    if (db.config.kind === 'postgres') {
      const scheduled = await post(origin, false, 'drain-held', {
        query: operationSources.ScheduleEvent,
        variables: { input: { kind: 'WORKSHOP', title: 'held by the test', startsAt: '2027-04-01T10:00:00.000Z' } },
      }, token);
      expect(scheduled.body.data.scheduleEvent.userErrors).toEqual([]);
      const [blocker, watcher] = [new Client({ connectionString: db.config.url }), new Client({ connectionString: db.config.url })];
      await Promise.all([blocker.connect(), watcher.connect()]);
      const { rows } = await watcher.query(`SELECT id FROM event WHERE title = 'held by the test'`);
      held = { uuid: rows[0].id, blocker, watcher };
      clients = [blocker, watcher];
    }

    const outcomes: Outcome[] = [];
    let answered = 0;
    let refusedAt: number | undefined;
    const reads = [
      { query: operationSources.CohortPage, variables: { label: '2023-2024' } },
      { query: operationSources.Events, variables: { first: 10 } },
      { query: operationSources.Viewer },
    ];
    const loadClient = async (n: number) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (let i = 0; ; i++) {
          const id = `drain-${n}-${i}`;
          // One request in four writes: a programme-wide event and its audit entry, in one transaction.
          const write = i % 4 === 3;
          const title = write ? `drain ${id}` : undefined;
          const body = write
            ? { query: operationSources.ScheduleEvent, variables: { input: { kind: 'WORKSHOP', title, startsAt: '2027-03-01T10:00:00.000Z' } } }
            : reads[(n + i) % reads.length];
          const outcome: Outcome = { ...(await post(origin, agent, id, body, token)), write, title };
          outcomes.push(outcome);
          if (outcome.status !== undefined) answered += 1;
          if (outcome.error === 'ECONNREFUSED') {
            refusedAt ??= Date.now();
            return;
          }
        }
      } finally {
        agent.destroy();
      }
    };
    // Clients that hang up: their handlers run on with nobody to answer, during the drain too.
    const deep = JSON.stringify({ query: DEEP_QUERY });
    let hungUp = 0;
    const hangUpClient = async (n: number) => {
      for (let i = 0; ; i++) {
        const result = await hangUp(origin, `hangup-${n}-${i}`, deep);
        if (result !== 'sent') return;
        hungUp += 1;
        // Paced: every request hung up on still runs to its end, and a flood of them would starve the others.
        await sleep(HANG_UP_PAUSE_MS);
      }
    };
    const readiness: Array<number | string> = [];
    let signalled = false;
    // A prober with a connection of its own kept open, as the load clients have: on SQLite under this load a fresh
    // connection can wait seconds to be read, longer than the delay.
    const prober = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const pollReadiness = async () => {
      for (;;) {
        const status = await get(origin, '/readyz', prober);
        readiness.push(status);
        if (typeof status === 'string') return;
        // Before SIGTERM one answer is enough; then ask until the listener refuses.
        if (!signalled) {
          await until(() => signalled, 'SIGTERM');
        } else {
          await sleep(20);
        }
      }
    };

    const load = [...Array.from({ length: CLIENTS }, (_, n) => loadClient(n)), ...Array.from({ length: HANG_UPS }, (_, n) => hangUpClient(n))];
    const polling = pollReadiness();
    await until(() => answered >= WARM_UP_ANSWERS, `${WARM_UP_ANSWERS} answers`);

    // PostgreSQL: requests that wait on the locked row when their clients hang up, and keep waiting through the
    // drain; the lock goes once the server has closed its connections (and says that it waits for them) or has
    // drained. Deterministic: they are in the database, their clients gone, whenever the drain ends.
    let released: Promise<string> | undefined;
    if (held) {
      const { uuid, blocker, watcher } = held;
      await blocker.query('BEGIN');
      await blocker.query('SELECT id FROM event WHERE id = $1 FOR UPDATE', [uuid]);
      const eventId = Buffer.from(`Event:${uuid}`).toString('base64url');
      const sockets = await Promise.all(
        Array.from({ length: BLOCKED }, (_, i) =>
          sendAndHold(origin, `blocked-${i}`, JSON.stringify({ query: operationSources.RescheduleEvent, variables: { input: { eventId, location: `blocked ${i}` } } }), token),
        ),
      );
      const waiting = async () =>
        Number(
          (
            await watcher.query(
              `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%' AND query LIKE '%"event"%'`,
            )
          ).rows[0].n,
        );
      const deadline = Date.now() + 30_000;
      for (let n = await waiting(); n < BLOCKED; n = await waiting()) {
        if (Date.now() > deadline) throw new Error(`only ${n} of ${BLOCKED} requests wait on the locked row`);
        await sleep(10);
      }
      for (const socket of sockets) if (typeof socket !== 'string') socket.destroy();
      released = (async () => {
        const line = await waitForLog(server, (l) => l.msg === 'drained' || String(l.msg).startsWith('connections closed'), 60_000);
        await blocker.query('COMMIT');
        return line.msg as string;
      })();
    }
    const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
      server.child.once('exit', (code) => resolve({ code, at: Date.now() })),
    );
    const signalledAt = Date.now();
    server.child.kill('SIGTERM');
    signalled = true;
    const [releasedOn] = await Promise.all([released, ...load, polling]);
    prober.destroy();
    const exit = await exited;

    // The log lines of the requests the server handled, by the id each client sent.
    const handled = new Map<string, string>();
    for (const line of server.lines) if (typeof line.req?.id === 'string' && /^request (completed|aborted)$/.test(line.msg)) handled.set(line.req.id, line.msg);

    const accepted = outcomes.filter((o) => handled.has(o.id) || o.status !== undefined);
    const failed = accepted.filter((o) => !succeeded(o) || handled.get(o.id) !== 'request completed');
    const refused = outcomes.filter((o) => !accepted.includes(o));
    const duringShutdown = accepted.filter((o) => o.sentAt >= signalledAt);
    const summary = {
      acceptedDuringShutdown: duringShutdown.length,
      writesAcceptedDuringShutdown: duringShutdown.filter((o) => o.write).length,
      failedDuringShutdown: duringShutdown.filter((o) => failed.includes(o)).length,
      failed: failed.length,
    };
    console.log(
      `drain [${kind.name}]: ${CLIENTS} clients, ${accepted.length} requests accepted (${accepted.length - duringShutdown.length} before SIGTERM, ` +
        `${summary.acceptedDuringShutdown} after, of which ${summary.writesAcceptedDuringShutdown} writes), ${summary.failed} failed; ` +
        `${refused.length} refused before acceptance (${[...new Set(refused.map((o) => o.error))].join(', ')}); ` +
        `${hungUp} requests hung up on by their clients (${[...handled.keys()].filter((id) => id.startsWith('hangup-')).length} of them read by the server); ` +
        `readyz ${readiness.filter((s) => s === 503).length}× 503 before ${readiness[readiness.length - 1]}; exit ${exit.code} after ${exit.at - signalledAt} ms`,
    );

    // Nothing accepted failed, and the drain had work to do.
    expect(summary.failed).toBe(0);
    expect(failed.slice(0, 3)).toEqual([]);
    expect(summary.acceptedDuringShutdown).toBeGreaterThanOrEqual(CLIENTS);
    expect(summary.writesAcceptedDuringShutdown).toBeGreaterThan(0);
    // Refusals are clean: no byte of an answer, never handled by the server (refused, or reset or closed before it read
    // the request: a connection it had not read from when the listener closed).
    for (const o of refused) {
      expect({ id: o.id, error: o.error, partial: o.partial }).toEqual({ id: o.id, error: expect.stringMatching(/^(ECONNREFUSED|ECONNRESET|EPIPE)$/), partial: 0 });
    }
    // New connections are refused once the drain has begun: nothing sent after the first refusal was accepted.
    expect(refusedAt).toBeDefined();
    expect(accepted.filter((o) => o.sentAt > refusedAt!)).toEqual([]);

    // Readiness failed while the listener still accepted connections, and never recovered; the last probe was
    // refused (or reset, when it reached the server as the listener closed, before it was read).
    expect(readiness.join(' ')).toMatch(/^(200 )+(503 )+(ECONNREFUSED|ECONNRESET)$/);

    // Exit 0 within the grace period, after the delay.
    expect(exit.code).toBe(0);
    expect(exit.at - signalledAt).toBeGreaterThanOrEqual(DELAY_SECONDS * 1000);
    expect(exit.at - signalledAt).toBeLessThan(GRACE_SECONDS * 1000);

    // The log: shutdown in order, no request left running once drained (handlers of hung-up clients included),
    // no error at all, and nothing but "stopped" after the database closed.
    const messages = server.lines.map((l) => l.msg);
    expect(server.lines.find((l) => l.msg === 'drained')?.requestsInFlight).toBe(0);
    expect(messages.indexOf('database closed')).toBeGreaterThan(messages.indexOf('drained'));
    const closedAt = messages.indexOf('database closed');
    expect(closedAt).toBeGreaterThan(messages.indexOf('draining: new connections are refused; finishing requests in flight'));
    expect(messages.indexOf('draining: new connections are refused; finishing requests in flight')).toBeGreaterThan(
      messages.indexOf('shutting down: readiness fails from now on'),
    );
    expect(messages.slice(closedAt + 1)).toEqual(['stopped']);
    expect(server.lines.filter((l) => l.level >= 50)).toEqual([]);
    expect(server.lines.filter((l) => /Connection terminated|not open|after calling end|stopping|stopped\./i.test(JSON.stringify(l)))).toEqual([]);
    expect(server.stderr.join('')).toBe('');

    // PostgreSQL: the server waited for the requests in the database whose clients had gone, and they committed whole.
    if (held) {
      expect(releasedOn).toBe('connections closed; waiting for the requests whose client has gone');
      const audits = await held.watcher.query(`SELECT count(*) AS n FROM audit_entry WHERE operation = 'rescheduleEvent' AND "entityId" = $1`, [held.uuid]);
      expect(Number(audits.rows[0].n)).toBe(BLOCKED);
    }

    // Writes: those acknowledged are there with their audit entry, the others are not, and no transaction is half there.
    const { events, orphanAudits } = await writtenEvents(db);
    const acknowledged = accepted.filter((o) => o.write);
    expect(events.map((e) => e.title).sort()).toEqual(acknowledged.map((o) => o.title).sort());
    expect(Object.fromEntries(events.map((e) => [e.title, e.requestId]))).toEqual(Object.fromEntries(acknowledged.map((o) => [o.title, o.id])));
    expect(orphanAudits).toBe(0);
  }, 180_000);
});
