/**
 * Benchmark of issue #9's hostile requests: for each one, the HTTP status,
 * error code, time to answer, response size, and how long /healthz took when
 * asked while it ran. Also the slow-statement log lines of a passing fan-out
 * (row G), security headers (row K), and how long SIGTERM takes with a stuck
 * log reader (row J). Run by hand (`npm run bench:hostile`); prints Markdown,
 * asserts nothing. It starts the built server (server/dist/main.js) as a
 * child process on a fresh SQLite file, or on BENCH_DATABASE_URL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HOSTILE_REQUESTS, PASSING_FAN_OUT, type HostileRequest } from './hostile-catalog';

const MAIN = path.resolve(__dirname, '..', 'main.js');
const REQUEST_TIMEOUT_MS = 60_000;
const EXIT_WAIT_MS = 25_000;

interface Server {
  child: ChildProcess;
  origin: string;
  lines: Array<Record<string, unknown>>;
}

function databaseUrl(): string {
  return process.env.BENCH_DATABASE_URL ?? `sqlite:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-hostile-')), 'bench.sqlite')}`;
}

/** Starts main.js and resolves once it logs its URL; keeps reading its log unless told to stop. */
async function startServer(database: string): Promise<Server> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', DATABASE_URL: database, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', CDP_CLOCK: '2026-11-26T12:00:00Z' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: Array<Record<string, unknown>> = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    const parts = (buffered + chunk.toString()).split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) {
      try {
        lines.push(JSON.parse(line));
      } catch {
        // Not a log line.
      }
    }
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const ready = lines.find((l) => typeof l.url === 'string');
    if (ready) return { child, origin: new URL(String(ready.url)).origin, lines };
    if (child.exitCode != null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start');
}

async function send(origin: string, request: HostileRequest) {
  const started = performance.now();
  const res = await fetch(origin + request.path, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  let code = '-';
  let requestId = false;
  try {
    const body = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string; requestId?: string } }> };
    code = body.errors?.[0]?.extensions?.code ?? (body.errors ? '(none)' : 'no errors');
    requestId = Boolean(body.errors?.length) && body.errors!.every((e) => typeof e.extensions?.requestId === 'string');
  } catch {
    code = `not JSON (${res.headers.get('content-type') ?? 'no content-type'})`;
  }
  return { status: res.status, code, ms, bytes: text.length, requestId, nosniff: res.headers.get('x-content-type-options') === 'nosniff' };
}

/** Sends a request and, 20 ms in, asks /healthz: the liveness check must not wait behind it. */
async function measure(origin: string, request: HostileRequest) {
  // NaN when /healthz failed outright (the server dropped the connection).
  const health = new Promise<number>((resolve) =>
    setTimeout(async () => {
      const started = performance.now();
      await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })
        .then((r) => r.text())
        .then(() => resolve(performance.now() - started), () => resolve(NaN));
    }, 20),
  );
  const rss = process.memoryUsage().rss;
  const result = await send(origin, request).catch((err: Error) => ({ status: 0, code: err.name, ms: REQUEST_TIMEOUT_MS, bytes: 0, requestId: false, nosniff: false }));
  return { ...result, healthMs: await health, rss };
}

const ms = (n: number) => (Number.isNaN(n) ? 'failed' : n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`);

async function hostileRows(server: Server) {
  console.log('| row | request | status | code | time | /healthz during it | response bytes | requestId on errors |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const request of HOSTILE_REQUESTS) {
    const r = await measure(server.origin, request);
    console.log(
      `| ${request.row} | ${request.name} | ${r.status} | ${r.code} | ${ms(r.ms)} | ${ms(r.healthMs)} | ${r.bytes} | ${r.code === 'no errors' ? '-' : r.requestId ? 'yes' : 'no'} |`,
    );
  }
}

async function slowStatementLogs(server: Server) {
  const before = server.lines.length;
  const r = await measure(server.origin, PASSING_FAN_OUT);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const slow = server.lines.slice(before).filter((l) => /slow sql/.test(String(l.msg)));
  const withId = slow.filter((l) => typeof l.requestId === 'string' || typeof (l.req as { id?: string } | undefined)?.id === 'string');
  console.log(`\nRow G (${PASSING_FAN_OUT.name}): HTTP ${r.status} in ${ms(r.ms)} (/healthz ${ms(r.healthMs)}); ` +
    `${slow.length} slow-SQL log lines, ${withId.length} of them with a request id`);
}

async function headers(server: Server) {
  const health = await fetch(`${server.origin}/healthz`);
  const graphql = await send(server.origin, { row: 'K', name: '', method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
  const missing = await fetch(`${server.origin}/no-such-page`);
  console.log(`\nRow K: nosniff on /healthz: ${health.headers.get('x-content-type-options') === 'nosniff'}; on POST /graphql: ${graphql.nosniff}; ` +
    `unknown path: HTTP ${missing.status}, ${missing.headers.get('content-type')}`);
}

/** Stops reading the server's stdout (a supervisor that hangs), makes it log, then sends SIGTERM. */
async function stuckReaderShutdown(database: string) {
  const server = await startServer(database);
  server.child.stdout!.pause();
  server.child.stdout!.removeAllListeners('data');
  await Promise.all(
    Array.from({ length: 400 }, () =>
      fetch(`${server.origin}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
        signal: AbortSignal.timeout(5000),
      }).then((r) => r.text(), () => undefined),
    ),
  );
  const started = performance.now();
  server.child.kill('SIGTERM');
  const exited = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), EXIT_WAIT_MS);
    server.child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
  const took = performance.now() - started;
  if (exited === null) server.child.kill('SIGKILL');
  console.log(`\nRow J (SIGTERM after 400 requests, stdout reader stuck): ${exited === null ? `still running after ${ms(EXIT_WAIT_MS)} (killed)` : `exited with code ${exited} in ${ms(took)}`}`);
}

async function main() {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  const database = databaseUrl();
  const server = await startServer(database);
  try {
    console.log(`database: ${database.split(':')[0]}; node ${process.version}; ${os.cpus().length} CPUs (${os.arch()})\n`);
    await hostileRows(server);
    await slowStatementLogs(server);
    await headers(server);
  } finally {
    server.child.kill('SIGTERM');
    await new Promise((resolve) => server.child.once('exit', resolve));
  }
  await stuckReaderShutdown(database);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
