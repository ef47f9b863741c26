/**
 * `cdp-hub doctor`: whether this configuration can serve, in one report:
 * configuration, database reachable, migrations applied, signing keys
 * readable, mail and Redis reachable. Exit 1 when a check fails, 2 when the
 * configuration itself is invalid.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import Redis from 'ioredis';
import { ConfigError, DATA_DIR, loadConfig, type Config } from '../../config';
import { knownMigrationNames } from '../../db/migration-status';
import { redactedMailUrl } from '../../mail/mail-settings';
import { SmtpTransport } from '../../mail/smtp-transport';
import { DEVELOPMENT_KEY_FILE, readSigningKeyFile } from '../../modules/certificate/credential/signing-keys';
import { postgresRunner, sqliteRunner, type SqlRunner } from '../../ops/sql-runner';
import type { Check } from '../../ops/verify';

const TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not answer within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('check configuration, database, migrations, signing keys, mail and Redis, in one report; exit 1 when something fails')
    .action(async () => {
      const checks: Check[] = [];
      let config: Config;
      try {
        config = loadConfig();
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        print([{ name: 'configuration', ok: false, detail: err.problems.join('; ') }]);
        process.exitCode = 2;
        return;
      }
      checks.push({
        name: 'configuration',
        ok: true,
        detail: `${config.env}, ${config.database.kind}${config.database.kind === 'sqlite' ? ` (${config.database.file})` : ''}, MIGRATE_ON_START=${config.migrateOnStart}`,
      });
      checks.push(...(await databaseChecks(config)));
      checks.push(keysCheck(config));
      checks.push(await mailCheck(config));
      checks.push(await redisCheck(config));
      print(checks);
      if (checks.some((c) => !c.ok)) process.exitCode = 1;
    });
}

function print(checks: Check[]): void {
  const width = Math.max(...checks.map((c) => c.name.length));
  for (const c of checks) process.stdout.write(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(width)}  ${c.detail}\n`);
}

async function databaseChecks(config: Config): Promise<Check[]> {
  let runner: SqlRunner;
  try {
    if (config.database.kind === 'sqlite') {
      if (!fs.existsSync(config.database.file)) {
        return [
          { name: 'database', ok: false, detail: `no database file at ${config.database.file} (\`cdp-hub migrate\` makes it)` },
          { name: 'migrations', ok: false, detail: 'no database' },
        ];
      }
      runner = sqliteRunner(config.database.file);
    } else {
      runner = await withTimeout(postgresRunner(config.database.url), 'PostgreSQL');
    }
  } catch (err) {
    return [
      { name: 'database', ok: false, detail: `unreachable: ${(err as Error).message}` },
      { name: 'migrations', ok: false, detail: 'no database' },
    ];
  }
  try {
    await runner.query('SELECT 1');
    const tables = await runner.query<{ n: unknown }>(
      runner.dialect === 'sqlite'
        ? `SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'migrations'`
        : `SELECT COUNT(*) AS n FROM pg_tables WHERE schemaname = 'public' AND tablename = 'migrations'`,
    );
    const applied = Number(tables[0].n) ? (await runner.query<{ name: string }>(`SELECT "name" FROM "migrations"`)).map((r) => r.name) : [];
    const known = knownMigrationNames();
    const unknown = applied.filter((n) => !known.includes(n));
    const pending = known.filter((n) => !applied.includes(n));
    const migrations: Check = unknown.length
      ? { name: 'migrations', ok: false, detail: `made by a newer CDP Hub (unknown: ${unknown.join(', ')}): the server refuses it` }
      : !pending.length
        ? { name: 'migrations', ok: true, detail: `${applied.length} applied, none pending` }
        : config.migrateOnStart
          ? { name: 'migrations', ok: true, detail: `${pending.length} pending: the server applies them at start (MIGRATE_ON_START)` }
          : { name: 'migrations', ok: false, detail: `${pending.length} pending (${pending.join(', ')}): run \`cdp-hub migrate\`` };
    return [{ name: 'database', ok: true, detail: 'reachable' }, migrations];
  } catch (err) {
    return [
      { name: 'database', ok: false, detail: `unreachable: ${(err as Error).message}` },
      { name: 'migrations', ok: false, detail: 'no database' },
    ];
  } finally {
    await runner.close();
  }
}

function keysCheck(config: Config): Check {
  const file = config.certificates.signingKeyFile ?? path.join(DATA_DIR, DEVELOPMENT_KEY_FILE);
  if (!config.certificates.signingKeyFile && !fs.existsSync(file)) {
    return { name: 'signing keys', ok: true, detail: `none yet: a development key is made at ${file} at first start` };
  }
  try {
    const ring = readSigningKeyFile(file);
    return { name: 'signing keys', ok: true, detail: `${ring.keys.length} key(s) in ${file}; the current one is ${ring.current.kid}` };
  } catch (err) {
    return { name: 'signing keys', ok: false, detail: (err as Error).message };
  }
}

async function mailCheck(config: Config): Promise<Check> {
  const { mail } = config;
  if (mail.mode === 'off') return { name: 'mail', ok: true, detail: 'MAIL=off: no e-mail is sent (letters are recorded as SKIPPED)' };
  if (mail.mode === 'mailbox') return { name: 'mail', ok: true, detail: 'no MAIL_URL: letters go to the development mailbox at /dev/mailbox' };
  const transport = new SmtpTransport(mail.url, { maxConnections: 1 });
  try {
    await withTimeout(transport.verify(), 'The SMTP server');
    return { name: 'mail', ok: true, detail: `${redactedMailUrl(mail.url)} accepts a connection and our sign-in; sender ${mail.from}` };
  } catch (err) {
    return { name: 'mail', ok: false, detail: `${redactedMailUrl(mail.url)}: ${(err as Error).message}` };
  } finally {
    await transport.close();
  }
}

async function redisCheck(config: Config): Promise<Check> {
  if (!config.redisUrl) return { name: 'redis', ok: true, detail: 'not configured (REDIS_URL unset): each instance counts sign-ins in its own memory' };
  const redis = new Redis(config.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: TIMEOUT_MS, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await withTimeout(redis.connect(), 'Redis');
    const pong = await withTimeout(redis.ping(), 'Redis');
    return { name: 'redis', ok: pong === 'PONG', detail: `reachable (${pong})` };
  } catch (err) {
    return { name: 'redis', ok: false, detail: `unreachable: ${(err as Error).message}` };
  } finally {
    redis.disconnect();
  }
}
