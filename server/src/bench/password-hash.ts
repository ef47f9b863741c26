/**
 * Benchmark: the cost of argon2id password hashing with CDP Hub's settings,
 * and what it makes a sign-in cost end to end. Run by hand
 * (`npm run bench:login`); prints numbers, asserts nothing.
 *
 * - hashPassword and verifyPassword, one at a time: median, p95, per second;
 * - hashPassword with one call per CPU at once (libuv's thread pool runs them);
 * - the login mutation over HTTP against an in-process server on a fresh
 *   SQLite file: right password, wrong password, unknown e-mail (the last two
 *   should cost the same, so timing does not reveal which e-mails exist);
 * - requestPasswordReset over HTTP for an account's e-mail and for an
 *   unknown one (the same answer, and should take the same time).
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../app';
import { hashPassword, PASSWORD_HASH_OPTIONS, verifyPassword } from '../auth/passwords';
import { ephemeralAuthSettings } from '../auth/setup';
import { systemClock } from '../common/clock';
import { createLogger } from '../common/logger';
import { openDatabase } from '../db/data-source';
import { DEMO_PASSWORD, DEMO_USERS } from '../db/seed/demo-users';
import { seedIfEmpty } from '../db/seed/seed-if-empty';
import { timeRuns, type Stats } from './harness/timing';

const RUNS = 30;
const PASSWORD = 'benchmark-passphrase-2026';

const row = (label: string, s: Stats) =>
  `${label.padEnd(34)} | ${s.median.toFixed(1).padStart(9)} | ${s.p95.toFixed(1).padStart(6)} | ${s.perSecond.toFixed(1).padStart(7)}`;

async function main(): Promise<void> {
  const cpus = os.cpus();
  const nproc = os.availableParallelism();
  console.log(`cpu: ${cpus[0]?.model ?? 'unknown'}; nproc: ${nproc}; node ${process.version}`);
  console.log(
    `argon2id: memoryCost ${PASSWORD_HASH_OPTIONS.memoryCost} KiB, timeCost ${PASSWORD_HASH_OPTIONS.timeCost}, parallelism ${PASSWORD_HASH_OPTIONS.parallelism}; ${RUNS} runs after one warm-up`,
  );
  console.log(`${'operation'.padEnd(34)} | median ms | p95 ms | per sec`);

  const hash = await hashPassword(PASSWORD);
  console.log(row('hashPassword', await timeRuns(RUNS, () => hashPassword(PASSWORD))));
  console.log(row('verifyPassword (right)', await timeRuns(RUNS, () => verifyPassword(hash, PASSWORD))));
  console.log(row('verifyPassword (wrong)', await timeRuns(RUNS, () => verifyPassword(hash, `${PASSWORD}x`))));
  console.log(row('verifyPassword (no account, dummy)', await timeRuns(RUNS, () => verifyPassword(null, PASSWORD))));

  // Throughput when every CPU hashes at once; the per-call time then includes waiting for a thread.
  const batches = 5;
  const start = process.hrtime.bigint();
  for (let b = 0; b < batches; b++) await Promise.all(Array.from({ length: nproc }, () => hashPassword(PASSWORD)));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`hashPassword, ${nproc} at once: ${((batches * nproc) / seconds).toFixed(1)} hashes/s`);

  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-bench-login-')), 'bench.sqlite');
  const logger = createLogger('warn');
  const bundle = await openDatabase({ kind: 'sqlite', file }, logger);
  await seedIfEmpty(bundle.dataSource, systemClock, logger);
  // Limits high enough that the throttle never answers instead of the password check.
  const auth = ephemeralAuthSettings({ perAccountAndAddress: 100_000, perAddress: 100_000, windowSeconds: 60 });
  const app = await createApp({ database: bundle, clock: systemClock, logger, auth });
  const url = await app.listen(0, '127.0.0.1');
  const login = (email: string, password: string, expectToken: boolean) => async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ($input: LoginInput!) { login(input: $input) { token userErrors { code } } }',
        variables: { input: { email, password } },
      }),
    });
    const body = (await res.json()) as { data?: { login: { token: string | null } }; errors?: unknown };
    if (body.errors || Boolean(body.data?.login.token) !== expectToken) throw new Error(`unexpected login answer: ${JSON.stringify(body)}`);
  };
  console.log(`login mutation over HTTP (in-process server, SQLite, ${RUNS} runs each):`);
  console.log(row('login, right password', await timeRuns(RUNS, login(DEMO_USERS.REVIEWER.email, DEMO_PASSWORD, true))));
  console.log(row('login, wrong password', await timeRuns(RUNS, login(DEMO_USERS.REVIEWER.email, 'not-the-password', false))));
  console.log(row('login, unknown e-mail', await timeRuns(RUNS, login('nobody@nowhere.example', DEMO_PASSWORD, false))));
  const reset = (email: string) => async () => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation ($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { requestedAt userErrors { code } } }',
        variables: { input: { email } },
      }),
    });
    const body = (await res.json()) as { data?: { requestPasswordReset: { requestedAt: string | null } }; errors?: unknown };
    if (body.errors || !body.data?.requestPasswordReset.requestedAt) throw new Error(`unexpected reset answer: ${JSON.stringify(body)}`);
  };
  console.log(`requestPasswordReset over HTTP (no outbox worker: the events wait; ${RUNS} runs each):`);
  const known = await timeRuns(RUNS, reset(DEMO_USERS.REVIEWER.email));
  const unknown = await timeRuns(RUNS, reset('nobody@nowhere.example'));
  console.log(row('reset, an account’s e-mail', known));
  console.log(row('reset, unknown e-mail', unknown));
  console.log(`median ratio known/unknown: ${(known.median / unknown.median).toFixed(2)}`);
  await app.close();
  await bundle.database.close();
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
