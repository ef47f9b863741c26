/**
 * `npm run bench:backup -- [--scale 0,1000] [--database sqlite,postgres]`:
 * how long `cdp-hub backup` takes, and how large the backup is, while the
 * server serves a load of reads and writes; then how long `cdp-hub restore`
 * into a fresh database and `cdp-hub verify` of it take. The databases are
 * the benchmarks' (seeded, with the synthetic copies of the scale, kept
 * under the temp folder or as cdp_hub_bench_scale_<n>). Markdown on stdout.
 * PostgreSQL runs need BENCH_POSTGRES_URL (or TEST_POSTGRES_URL): a server
 * where databases may be created.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { databaseUrl, prepareBenchDatabase, type BenchDatabaseKind } from './harness/bench-database';
import { startCdpHub } from './harness/processes';

const CLI = path.resolve(__dirname, '..', 'cli', 'cdp-hub.js');
const ADMIN = { email: 'bench.admin@customs.example', password: 'bench-admin-passphrase-2026' };

function cdpHub(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string; seconds: number }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr, seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
  });
}

async function must(result: Promise<{ code: number; stderr: string; seconds: number }>, what: string) {
  const r = await result;
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}): ${r.stderr}`);
  return r;
}

async function post(url: string, query: string, variables: object, token?: string): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}

interface Served {
  writes: number;
  reads: number;
  errors: number;
  maxMs: number;
  latencies: number[];
}

/** Writers scheduling events and readers reading cohort pages, until stopped; counts what was served in a window. */
function load(url: string, token: string, writers: number, readers: number) {
  let running = true;
  let window: Served | null = null;
  let n = 0;
  const time = async (kind: 'writes' | 'reads', work: () => Promise<any>) => {
    const started = performance.now();
    const answer = await work().catch(() => ({ errors: [{}] }));
    const ms = performance.now() - started;
    if (window) {
      if (answer.errors || answer.data?.scheduleEvent?.userErrors?.length) window.errors += 1;
      else window[kind] += 1;
      window.latencies.push(ms);
      window.maxMs = Math.max(window.maxMs, ms);
    }
  };
  const writer = async () => {
    while (running)
      await time('writes', () =>
        post(url, 'mutation ($i: ScheduleEventInput!) { scheduleEvent(input: $i) { event { id } userErrors { code } } }', {
          i: { kind: 'WORKSHOP', title: `Bench workshop ${++n}`, startsAt: '2030-02-01T09:00:00Z', location: 'WCO, Brussels' },
        }, token),
      );
  };
  const reader = async () => {
    while (running) await time('reads', () => post(url, '{ cohorts(first: 10) { totalCount nodes { label associates(first: 5) { nodes { fullName } } } } }', {}, token));
  };
  const all = Promise.all([...Array.from({ length: writers }, writer), ...Array.from({ length: readers }, reader)]);
  return {
    begin: () => (window = { writes: 0, reads: 0, errors: 0, maxMs: 0, latencies: [] }),
    end: (): Served => {
      const w = window!;
      window = null;
      return w;
    },
    stop: async () => {
      running = false;
      await all;
    },
  };
}

async function databaseBytes(config: ReturnType<typeof databaseConfigOf>): Promise<number> {
  if (config.kind === 'sqlite') return ['', '-wal'].reduce((sum, s) => sum + (fs.existsSync(config.file + s) ? fs.statSync(config.file + s).size : 0), 0);
  const client = new Client({ connectionString: config.url });
  await client.connect();
  try {
    return Number((await client.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n);
  } finally {
    await client.end();
  }
}
const databaseConfigOf = (c: Awaited<ReturnType<typeof prepareBenchDatabase>>) => c;

async function freshTarget(kind: BenchDatabaseKind, adminUrl: string, dir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (kind === 'sqlite') return { url: `sqlite:${path.join(dir, 'restored.sqlite')}`, drop: async () => undefined };
  const name = `cdp_hub_bench_restore_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const percentile = (values: number[], p: number) => {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

async function run(kind: BenchDatabaseKind, scale: number, adminUrl: string): Promise<string> {
  const config = await prepareBenchDatabase(kind, scale, adminUrl);
  const url = databaseUrl(config);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-hub-bench-backup-'));
  const keyFile = path.join(dir, 'keys.json');
  const env = { DATABASE_URL: url, CDP_SIGNING_KEY_FILE: keyFile, CDP_TOKEN_PEPPER: randomBytes(48).toString('base64') };
  await must(cdpHub(['keys', 'rotate', '--file', keyFile], {}), 'keys rotate');
  const existing = await cdpHub(['user', 'list', '--json'], env);
  if (!JSON.parse(existing.stdout || '[]').some((u: { email: string }) => u.email === ADMIN.email)) {
    await must(cdpHub(['user', 'create', '--email', ADMIN.email, '--role', 'ADMIN'], { ...env, CDP_USER_PASSWORD: ADMIN.password }), 'user create');
  }
  const server = await startCdpHub(url, 'off', { env: { TRUSTED_DOCUMENTS: 'allow' } });
  const target = await freshTarget(kind, adminUrl, dir);
  try {
    const login = await post(server.url, 'mutation ($i: LoginInput!) { login(input: $i) { token userErrors { code } } }', { i: ADMIN });
    const token = login.data.login.token as string;
    const traffic = load(server.url, token, 2, 2);
    await new Promise((r) => setTimeout(r, 2000));
    traffic.begin();
    const baseline = await new Promise<Served>((r) => setTimeout(() => r(traffic.end()), 3000));
    const size = await databaseBytes(config);
    const file = path.join(dir, `backup.${kind}`);
    traffic.begin();
    const backup = await must(cdpHub(['backup', '--to', file], env), 'backup');
    const during = traffic.end();
    await traffic.stop();
    const backupBytes = fs.statSync(file).size;
    const restore = await must(cdpHub(['restore', '--from', file], { ...env, DATABASE_URL: target.url }), 'restore');
    const verify = await cdpHub(['verify'], { ...env, DATABASE_URL: target.url });
    if (verify.code !== 0 && !/credentials/.test(verify.stdout)) throw new Error(`verify failed: ${verify.stdout}${verify.stderr}`);
    const perSecond = (s: Served, seconds: number) => `${Math.round(s.writes / seconds)} w/s + ${Math.round(s.reads / seconds)} r/s`;
    return (
      `| ${kind} | ${scale}x | ${mib(size)} | ${backup.seconds.toFixed(1)} s | ${mib(backupBytes)} | ` +
      `${perSecond(during, backup.seconds)}, p50 ${percentile(during.latencies, 50).toFixed(0)} ms, max ${during.maxMs.toFixed(0)} ms, ${during.errors} errors ` +
      `(before: ${perSecond(baseline, 3)}, p50 ${percentile(baseline.latencies, 50).toFixed(0)} ms) | ${restore.seconds.toFixed(1)} s | ${verify.seconds.toFixed(1)} s |`
    );
  } finally {
    await server.stop();
    await target.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '0,1000' }, database: { type: 'string', default: 'sqlite,postgres' } } });
  const scales = values.scale.split(',').map(Number);
  const kinds = values.database.split(',') as BenchDatabaseKind[];
  const adminUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const rows: string[] = [];
  for (const kind of kinds) for (const scale of scales) {
    console.error(`${kind} at ${scale}x ...`);
    rows.push(await run(kind, scale, adminUrl));
    console.error(rows.at(-1));
  }
  process.stdout.write(
    [
      '| database | scale | database size | backup time | backup size | served during the backup (2 writers, 2 readers) | restore time (fresh database) | verify time |',
      '|---|---|---|---|---|---|---|---|',
      ...rows,
    ].join('\n') + '\n',
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
