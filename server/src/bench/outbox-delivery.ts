/**
 * `npm run bench:outbox`: how fast the outbox gets mail out, over SMTP to a
 * local sink (smtp-server, in this process), with CDP Hub as deployed
 * (production settings, child processes):
 *
 * - throughput: `--cohorts` cohorts close their nominations at once, each
 *   closing a letter to each of `--reviewers` reviewers; messages per
 *   second from the first request until the sink has every letter;
 * - latency at idle: `--samples` nominations, one at a time with a pause
 *   between them, each making one receipt; the time from sending the
 *   mutation (so an upper bound of commit to delivery) until the sink has
 *   the receipt, p50 and p99.
 *
 * On SQLite one process delivers; on PostgreSQL two instances share the
 * outbox (requests alternate between them). Prints markdown on stdout.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { hashPassword } from '../auth/passwords';
import { systemClock } from '../common/clock';
import { createLogger } from '../common/logger';
import type { DatabaseConfig } from '../config';
import { openDatabase } from '../db/data-source';
import { seed } from '../db/seed/seed';
import { toGlobalId } from '../graphql/relay/global-id';
import { Administration } from '../modules/administration/administration.entity';
import { Invitation } from '../modules/cohort/invitation.entity';
import { Programme } from '../modules/programme/programme.entity';
import { UserRole } from '../modules/user/user-role';
import { User } from '../modules/user/user.entity';
import { databaseUrl } from './harness/bench-database';
import { machineSummary } from './harness/machine';
import { formatMs, markdownTable } from './harness/markdown';
import { startCdpHub, type Endpoint } from './harness/processes';
import { openCohort } from './harness/bench-cohort';
import { graphqlData } from './harness/graphql-post';

const { values } = parseArgs({
  options: {
    cohorts: { type: 'string', default: '5' },
    reviewers: { type: 'string', default: '400' },
    samples: { type: 'string', default: '100' },
    'pause-ms': { type: 'string', default: '250' },
    postgres: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    'skip-postgres': { type: 'boolean', default: false },
  },
});
const cohorts = Number(values.cohorts);
const reviewers = Number(values.reviewers);
const samples = Number(values.samples);
const pauseMs = Number(values['pause-ms']);

const PASSWORD = 'bench-outbox-passphrase-2026';
const ADMIN_EMAIL = 'bench.admin@outbox.example';
const FOCAL_EMAIL = 'bench.focal@outbox.example';

/** The SMTP sink: accepts everything, notes when each Message-ID arrived (copies too). */
interface Sink {
  url: string;
  count: number;
  arrivals: Map<string, number[]>;
  next(): Promise<number>;
  close(): Promise<void>;
}

async function startSink(): Promise<Sink> {
  let waiter: ((at: number) => void) | null = null;
  const sink = {
    count: 0,
    arrivals: new Map<string, number[]>(),
    next: () => new Promise<number>((resolve) => (waiter = resolve)),
  };
  const server = new SMTPServer({
    logger: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 8192) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const at = performance.now();
        const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? `unknown-${sink.count}`;
        sink.arrivals.set(id, [...(sink.arrivals.get(id) ?? []), at]);
        sink.count++;
        const w = waiter;
        waiter = null;
        w?.(at);
        callback();
      });
    },
  });
  // A client connection reset (an instance stopping) is not the sink's failure.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(sink, { url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
}

/** A fresh database: migrated, seeded (demo users off, as production wants), with the people and cohorts the runs need. */
async function prepare(config: DatabaseConfig): Promise<{ throughputCohorts: string[]; latencyCohort: string }> {
  const log = createLogger('warn');
  const { dataSource, database } = await openDatabase(config, log);
  try {
    await seed(dataSource, systemClock, log);
    const users = dataSource.getRepository(User);
    await users.update({ isDemo: true }, { isActive: false });
    const programme = await dataSource.getRepository(Programme).findOneByOrFail({ code: 'WCO-JAPAN-CDP' });
    const administration = await dataSource.getRepository(Administration).findOneByOrFail({ iso2: 'RW' });
    const hash = await hashPassword(PASSWORD);
    const now = new Date();
    const user = (email: string, role: UserRole, administrationId: string | null = null) => ({
      email,
      passwordHash: hash,
      displayName: email.split('@')[0],
      role,
      administrationId,
      isActive: true,
      isDemo: false,
      lastLoginAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await users.insert([user(ADMIN_EMAIL, UserRole.ADMIN), user(FOCAL_EMAIL, UserRole.FOCAL_POINT, administration.uuid)]);
    for (let i = 0; i < reviewers; i += 500) {
      await users.insert(
        Array.from({ length: Math.min(500, reviewers - i) }, (_, j) => ({ ...user(`reviewer.${i + j}@outbox.example`, UserRole.REVIEWER), passwordHash: 'none' })),
      );
    }
    // Open cohorts far in the future (the server's clock is the real one): closing them early makes the letters.
    const open = (year: number) => openCohort(dataSource, programme.uuid, year, now);
    const throughputCohorts = [];
    for (let i = 0; i < cohorts; i++) throughputCohorts.push(toGlobalId('Cohort', (await open(2300 + i)).uuid));
    const latency = await open(2299);
    await dataSource.getRepository(Invitation).insert({ cohortId: latency.uuid, administrationId: administration.uuid, sentAt: now, createdAt: now, updatedAt: now });
    return { throughputCohorts, latencyCohort: toGlobalId('Cohort', latency.uuid) };
  } finally {
    await database.close();
  }
}

async function freshPostgres(adminUrl: string): Promise<DatabaseConfig> {
  const name = 'cdp_hub_bench_outbox';
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { kind: 'postgres', url: url.toString() };
}

function freshSqlite(): DatabaseConfig {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-hub-bench-outbox-'));
  return { kind: 'sqlite', file: path.join(dir, 'outbox.sqlite') };
}

const graphql = graphqlData;

async function signIn(url: string, email: string): Promise<string> {
  const { login } = await graphql(url, 'mutation ($input: LoginInput!) { login(input: $input) { token userErrors { code } } }', {
    input: { email, password: PASSWORD },
  });
  if (!login.token) throw new Error(`sign-in failed: ${JSON.stringify(login.userErrors)}`);
  return login.token;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

interface Result {
  database: string;
  instances: number;
  messages: number;
  seconds: number;
  copies: number;
  latency: number[];
}

async function run(kind: 'sqlite' | 'postgres', sink: Sink): Promise<Result> {
  const config = kind === 'sqlite' ? freshSqlite() : await freshPostgres(values.postgres!);
  const { throughputCohorts, latencyCohort } = await prepare(config);
  // The benchmark's own documents, not the SDK's, may run; both instances accept one token (one pepper).
  const env = {
    MAIL: '',
    MAIL_URL: sink.url,
    MAIL_FROM: 'CDP Hub <bench@outbox.example>',
    RESPONSE_CACHE: 'off',
    TRUSTED_DOCUMENTS: 'allow',
    CDP_TOKEN_PEPPER: randomBytes(48).toString('base64'),
  };
  sink.count = 0;
  sink.arrivals.clear();
  const instances: Endpoint[] = [];
  try {
    instances.push(await startCdpHub(databaseUrl(config), 'off', { env }));
    if (kind === 'postgres') instances.push(await startCdpHub(databaseUrl(config), 'off', { env }));
    const urls = instances.map((i) => i.url);
    const adminToken = await signIn(urls[0], ADMIN_EMAIL);
    const focalToken = await signIn(urls[0], FOCAL_EMAIL);
    // A first letter warms up the connections (SMTP pool, database) before anything is timed.
    await graphql(urls[0], SUBMIT, submitInput(latencyCohort, 'warm-up'), focalToken);
    await sink.next();

    // Throughput: every cohort closes at once; each closing is one commit with `reviewers` letters.
    const before = sink.count;
    const messages = cohorts * reviewers;
    const started = performance.now();
    const done = new Promise<number>((resolve) => {
      const poll = setInterval(() => {
        if (sink.count - before >= messages) {
          clearInterval(poll);
          resolve(performance.now());
        }
      }, 2);
    });
    await Promise.all(
      throughputCohorts.map((cohortId, i) =>
        graphql(urls[i % urls.length], CLOSE, { input: { cohortId, to: 'SELECTION', closeEarly: true } }, adminToken),
      ),
    );
    const finished = await done;
    const copies = [...sink.arrivals.values()].reduce((sum, times) => sum + times.length - 1, 0);

    // Latency at idle: one receipt at a time, the workers asleep between them.
    const latency: number[] = [];
    for (let i = 0; i < samples; i++) {
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      const arrival = sink.next();
      const sent = performance.now();
      await graphql(urls[i % urls.length], SUBMIT, submitInput(latencyCohort, `sample-${i}`), focalToken);
      latency.push((await arrival) - sent);
    }
    return { database: kind === 'sqlite' ? 'SQLite' : 'PostgreSQL', instances: instances.length, messages, seconds: (finished - started) / 1000, copies, latency };
  } finally {
    for (const instance of instances) await instance.stop();
    if (config.kind === 'sqlite') fs.rmSync(path.dirname(config.file), { recursive: true, force: true });
  }
}

const SUBMIT = 'mutation ($input: SubmitNominationInput!) { submitNomination(input: $input) { nomination { id } userErrors { code message } } }';
const CLOSE = 'mutation ($input: TransitionCohortInput!) { transitionCohort(input: $input) { userErrors { code } } }';
const submitInput = (cohortId: string, tag: string) => ({
  input: {
    cohortId,
    motivation: 'A candidate nominated by the outbox benchmark, whose receipt is what is being timed here.',
    candidate: { fullName: `Bench Candidate ${tag}`, email: `candidate.${tag}@outbox.example`, position: 'Officer', yearsOfService: 5, languages: ['en'] },
  },
});

async function main(): Promise<void> {
  console.log(`# Outbox delivery\n\n${machineSummary()}\n`);
  console.log(
    `Production settings, SMTP (nodemailer pool of 5 connections) to a local smtp-server sink in the benchmark process. ` +
      `Throughput: ${cohorts} cohorts close their nominations at once, ${reviewers} reviewers each (${cohorts * reviewers} letters), ` +
      `from the first request until the sink has every letter. Latency at idle: ${samples} receipts one at a time, ${pauseMs} ms apart, ` +
      `from sending the mutation until the sink has the receipt (an upper bound of commit to delivery).\n`,
  );
  const sink = await startSink();
  const results: Result[] = [];
  try {
    results.push(await run('sqlite', sink));
    if (!values['skip-postgres']) results.push(await run('postgres', sink));
  } finally {
    await sink.close();
  }
  console.log(
    markdownTable(
      ['database', 'instances', 'letters', 'seconds', 'letters/s', 'copies', 'idle p50 ms', 'idle p99 ms', 'idle max ms'],
      results.map((r) => {
        const sorted = [...r.latency].sort((a, b) => a - b);
        return [
          r.database,
          String(r.instances),
          String(r.messages),
          r.seconds.toFixed(2),
          (r.messages / r.seconds).toFixed(0),
          String(r.copies),
          formatMs(percentile(sorted, 50)),
          formatMs(percentile(sorted, 99)),
          formatMs(sorted[sorted.length - 1]),
        ];
      }),
    ),
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
