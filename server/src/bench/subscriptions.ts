/**
 * `npm run bench:subscriptions`: how many subscribers one instance holds and
 * how fast a commit reaches them, with CDP Hub as deployed (production
 * settings, a child process; the subscribers are raw graphql-ws sockets in
 * this process):
 *
 * - memory: the server's RSS (from /proc) before any socket, with
 *   `--subscribers` idle sockets (acknowledged, nothing subscribed), and with
 *   one subscription on each; the difference per socket;
 * - /healthz: `--probes` sequential requests with no socket and with every
 *   socket open and subscribed, p50 and p99 side by side;
 * - latency: `--samples` nominations, one at a time with a pause between
 *   them; for each, every subscriber's message; the time from the event's
 *   occurredAt (recorded inside the transaction, so before the commit: an
 *   upper bound of commit to message) until the socket delivered it here.
 *
 * Prints markdown on stdout.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
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
import { startCdpHub } from './harness/processes';
import { openCohort } from './harness/bench-cohort';
import { graphqlData } from './harness/graphql-post';

const { values } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1000' },
    samples: { type: 'string', default: '30' },
    probes: { type: 'string', default: '200' },
    'pause-ms': { type: 'string', default: '200' },
  },
});
const subscribers = Number(values.subscribers);
const samples = Number(values.samples);
const probes = Number(values.probes);
const pauseMs = Number(values['pause-ms']);

const PASSWORD = 'bench-subscriptions-passphrase-2026';
const ADMIN_EMAIL = 'bench.admin@live.example';

const SUBMIT = `mutation ($input: SubmitNominationInput!) { submitNomination(input: $input) { nomination { id } userErrors { code message } } }`;
const SUBSCRIBE = `subscription ($cohortId: ID!) { nominationChanged(cohortId: $cohortId) { eventType occurredAt nomination { id status candidateFullName administration { iso2 } } } }`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

/** A fresh SQLite database: migrated, seeded (demo users off), an ADMIN and an open cohort with one invited administration. */
async function prepare(): Promise<{ config: DatabaseConfig; cohortId: string; administrationId: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-hub-bench-live-'));
  const config: DatabaseConfig = { kind: 'sqlite', file: path.join(dir, 'live.sqlite') };
  const log = createLogger('warn');
  const { dataSource, database } = await openDatabase(config, log);
  try {
    await seed(dataSource, systemClock, log);
    const users = dataSource.getRepository(User);
    await users.update({ isDemo: true }, { isActive: false });
    const now = new Date();
    await users.insert({
      email: ADMIN_EMAIL,
      passwordHash: await hashPassword(PASSWORD),
      displayName: 'Bench Admin',
      role: UserRole.ADMIN,
      administrationId: null,
      isActive: true,
      isDemo: false,
      lastLoginAt: null,
      createdAt: now,
      updatedAt: now,
    });
    const programme = await dataSource.getRepository(Programme).findOneByOrFail({ code: 'WCO-JAPAN-CDP' });
    const administration = await dataSource.getRepository(Administration).findOneByOrFail({ iso2: 'RW' });
    const cohort = await openCohort(dataSource, programme.uuid, 2299, now);
    await dataSource.getRepository(Invitation).insert({ cohortId: cohort.uuid, administrationId: administration.uuid, sentAt: now, createdAt: now, updatedAt: now });
    return { config, cohortId: toGlobalId('Cohort', cohort.uuid), administrationId: toGlobalId('Administration', administration.uuid) };
  } finally {
    await database.close();
  }
}

const graphql = graphqlData;

/** The server's resident memory, in bytes. */
function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** The server's CPU time so far (user + system), in ms: what a commit's fan-out costs whatever else the machine runs. */
function cpuMsOf(pid: number): number {
  // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th, in clock ticks (100 a second on Linux).
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The RSS once the server has been idle a moment (timers, freed buffers), the median of a few readings. */
async function settledRss(pid: number): Promise<number> {
  await sleep(1_000);
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) {
    readings.push(rssOf(pid));
    await sleep(200);
  }
  return readings.sort((a, b) => a - b)[2];
}

async function healthz(base: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < probes; i++) {
    const started = performance.now();
    const res = await fetch(`${base}/healthz`);
    await res.text();
    if (!res.ok) throw new Error(`/healthz answered ${res.status}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

interface Subscriber {
  ws: WebSocket;
  /** Called with each `next` payload's nominationChanged and the time it arrived. */
  onChange: (change: { occurredAt: string; nomination: { candidateFullName: string } }, at: number) => void;
}

function connect(wsUrl: string, token: string): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, 'graphql-transport-ws', { perMessageDeflate: false });
    const subscriber: Subscriber = { ws, onChange: () => undefined };
    ws.on('open', () => ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
    ws.on('error', reject);
    ws.on('close', (code) => reject(new Error(`socket closed: ${code}`)));
    ws.on('message', (data) => {
      const at = Date.now();
      const message = JSON.parse(data.toString());
      if (message.type === 'connection_ack') resolve(subscriber);
      else if (message.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
      else if (message.type === 'next') {
        if (message.payload.errors) throw new Error(JSON.stringify(message.payload.errors));
        subscriber.onChange(message.payload.data.nominationChanged, at);
      } else if (message.type === 'error') throw new Error(JSON.stringify(message.payload));
    });
  });
}

async function main(): Promise<void> {
  const { config, cohortId, administrationId } = await prepare();
  const hub = await startCdpHub(databaseUrl(config), 'off', {
    nodeArgs: process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : [],
    env: {
      TRUSTED_DOCUMENTS: 'allow',
      SUBSCRIPTION_SOCKETS_PER_USER: String(subscribers),
      SUBSCRIPTIONS_PER_USER: String(subscribers),
    },
  });
  const sockets: Subscriber[] = [];
  try {
    const base = hub.url.replace(/\/graphql$/, '');
    const wsUrl = hub.url.replace(/^http/, 'ws');
    const { login } = await graphql(hub.url, 'mutation ($input: LoginInput!) { login(input: $input) { token } }', {
      input: { email: ADMIN_EMAIL, password: PASSWORD },
    });
    const token: string = login.token;
    let n = 0;
    const submit = async () => {
      const { submitNomination } = await graphql(
        hub.url,
        SUBMIT,
        {
          input: {
            cohortId,
            administrationId,
            candidate: { fullName: `Live Candidate ${++n}`, email: `live.${n}@bench.example`, position: 'Officer', yearsOfService: 5, languages: ['EN'] },
            motivation: 'A seasoned officer whose research on border risk management would serve the whole region.',
          },
        },
        token,
      );
      if (submitNomination.userErrors.length) throw new Error(JSON.stringify(submitNomination.userErrors));
      return `Live Candidate ${n}`;
    };
    // Warm-up: the first requests compile, open connections and fill caches.
    await submit();
    await healthz(base);

    const rssBefore = await settledRss(hub.pid);
    const healthBefore = await healthz(base);

    const connectStarted = performance.now();
    for (let i = 0; i < subscribers; i += 50) {
      sockets.push(...(await Promise.all(Array.from({ length: Math.min(50, subscribers - i) }, () => connect(wsUrl, token)))));
    }
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    const rssIdle = await settledRss(hub.pid);

    sockets.forEach((s, i) => s.ws.send(JSON.stringify({ id: `s${i}`, type: 'subscribe', payload: { query: SUBSCRIBE, variables: { cohortId } } })));
    // Held once an event reaches every socket.
    const latencies: number[] = [];
    const round = async (timed: boolean) => {
      let waiting = sockets.length;
      let expected = '';
      let done!: () => void;
      const all = new Promise<void>((resolve) => (done = resolve));
      for (const s of sockets) {
        s.onChange = (change, at) => {
          if (change.nomination.candidateFullName !== expected) return;
          if (timed) latencies.push(at - Date.parse(change.occurredAt));
          if (--waiting === 0) done();
        };
      }
      expected = await submit();
      await all;
    };
    await sleep(500);
    await round(false);
    const rssSubscribed = await settledRss(hub.pid);
    const healthWith = await healthz(base);

    let cpuMs = 0;
    for (let i = 0; i < samples; i++) {
      const cpuBefore = cpuMsOf(hub.pid);
      await round(true);
      cpuMs += cpuMsOf(hub.pid) - cpuBefore;
      await sleep(pauseMs);
    }
    latencies.sort((a, b) => a - b);

    const kb = (bytes: number) => (bytes / 1024).toFixed(1);
    console.log(`# Subscriptions: ${subscribers} subscribers on one instance\n`);
    console.log(`${machineSummary()}; SQLite; CDP Hub in production mode (one process); subscribers are raw graphql-ws sockets in the benchmark's process.\n`);
    console.log(`Opened ${subscribers} sockets in ${connectSeconds.toFixed(1)} s.\n`);
    console.log(
      markdownTable(
        ['server RSS', 'MB', 'per socket (KB)'],
        [
          ['no socket', (rssBefore / 2 ** 20).toFixed(1), ''],
          [`${subscribers} idle sockets`, (rssIdle / 2 ** 20).toFixed(1), kb((rssIdle - rssBefore) / subscribers)],
          [`${subscribers} sockets, one subscription each`, (rssSubscribed / 2 ** 20).toFixed(1), kb((rssSubscribed - rssBefore) / subscribers)],
        ],
      ),
    );
    console.log('');
    console.log(
      markdownTable(
        ['GET /healthz (ms)', 'p50', 'p99', 'max'],
        [
          ['no socket', formatMs(percentile(healthBefore, 50)), formatMs(percentile(healthBefore, 99)), formatMs(healthBefore[healthBefore.length - 1])],
          [`${subscribers} sockets subscribed`, formatMs(percentile(healthWith, 50)), formatMs(percentile(healthWith, 99)), formatMs(healthWith[healthWith.length - 1])],
        ],
      ),
    );
    console.log('');
    console.log(
      markdownTable(
        ['commit → message (ms)', 'messages', 'p50', 'p99', 'max', 'server CPU per commit'],
        [
          [
            `${samples} commits × ${subscribers} subscribers`,
            String(latencies.length),
            formatMs(percentile(latencies, 50)),
            formatMs(percentile(latencies, 99)),
            formatMs(latencies[latencies.length - 1]),
            formatMs(cpuMs / samples),
          ],
        ],
      ),
    );
    console.log(
      '\nServer CPU per commit: the server process\'s CPU time (user + system) from the mutation until the last subscriber had its message, per commit: the fan-out\'s cost, whatever else the machine runs.',
    );
    console.log('\nTargets (issue 17): p99 ≤ 250 ms, ≤ 100 KB of RSS per idle subscription socket.');
  } finally {
    for (const s of sockets) s.ws.terminate();
    await hub.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
