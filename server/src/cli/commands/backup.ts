/** `cdp-hub backup`, `restore` and `verify`: see docs/operations.md, "Backups, restores and verification". */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { Client } from 'pg';
import { DATA_DIR, type Config } from '../../config';
import { DEVELOPMENT_KEY_FILE, type SigningKey } from '../../modules/certificate/credential/signing-keys';
import { publicKeysFromFile } from '../../ops/public-keys';
import { backupKind } from '../../ops/backup-kind';
import { backupPostgres, inspectPostgres, restorePostgres } from '../../ops/postgres-backup';
import { backupSqlite, restoreSqlite, sqliteInUse, sqliteTablesWithRows } from '../../ops/sqlite-backup';
import { postgresRunner, sqliteRunner, type SqlRunner } from '../../ops/sql-runner';
import { verifyDatabase, type Check } from '../../ops/verify';
import { CliFailure, UsageError } from '../cli-errors';
import { cliConfig, say } from '../cli-context';

const seconds = (since: bigint) => (Number(process.hrtime.bigint() - since) / 1e9).toFixed(2);
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description(
      'write a consistent backup of the database while the server keeps serving: SQLite through its online backup API, ' +
        'PostgreSQL with pg_dump (custom format; the PostgreSQL client tools must be installed)',
    )
    .requiredOption('--to <file>', 'the backup file to write (refused when it exists)')
    .action(async (options: { to: string }) => {
      const config = cliConfig();
      const to = path.resolve(options.to);
      if (fs.existsSync(to)) throw new UsageError(`${to} exists: choose another name (a backup never overwrites a file).`);
      if (!fs.existsSync(path.dirname(to))) throw new UsageError(`no folder ${path.dirname(to)} for the backup.`);
      const started = process.hrtime.bigint();
      let bytes: number;
      if (config.database.kind === 'sqlite') {
        if (config.database.file === ':memory:' || !fs.existsSync(config.database.file)) throw new UsageError(`no database file at ${config.database.file}.`);
        ({ bytes } = await backupSqlite(config.database.file, to));
      } else {
        ({ bytes } = await backupPostgres(config.database.url, to));
      }
      process.stdout.write(`${to}\n`);
      say(`Backed up the ${config.database.kind} database to ${to} (${megabytes(bytes)}) in ${seconds(started)} s.`);
    });

  program
    .command('restore')
    .description(
      'restore a backup into the database of DATABASE_URL; refuses a database that is in use (a server is connected) or holds data, unless --force',
    )
    .requiredOption('--from <file>', 'the backup file (made by cdp-hub backup)')
    .option('--force', 'overwrite a database that holds data, and end the sessions connected to it (stop the servers first)')
    .action(async (options: { from: string; force?: boolean }) => {
      const config = cliConfig();
      const from = path.resolve(options.from);
      if (!fs.existsSync(from)) throw new UsageError(`no backup file at ${from}.`);
      const kind = backupKind(from);
      if (kind === 'unknown') throw new UsageError(`${from} is neither a SQLite database nor a pg_dump custom-format archive.`);
      if (kind !== config.database.kind) {
        throw new UsageError(`${from} is a ${kind} backup, but DATABASE_URL names a ${config.database.kind} database.`);
      }
      const force = options.force === true;
      const started = process.hrtime.bigint();
      if (config.database.kind === 'sqlite') {
        const target = config.database.file;
        if (target === ':memory:') throw new UsageError('cannot restore into an in-memory database.');
        fs.mkdirSync(path.dirname(target), { recursive: true });
        if (fs.existsSync(target)) {
          if (sqliteInUse(target) && !force) throw new CliFailure(`${target} is in use (a server has it open): stop it first, or add --force.`);
          const held = await sqliteTablesWithRows(target);
          if (held.length && !force) throw new CliFailure(`${target} holds data (${held.slice(0, 5).join(', ')}): restore into an empty database, or add --force to overwrite it.`);
        }
        await restoreSqlite(from, target);
      } else {
        const target = await inspectPostgres(config.database.url);
        if (target.sessions > 0 && !force) {
          throw new CliFailure(`the database is in use (${target.sessions} other session(s) connected): stop the servers first, or add --force.`);
        }
        if (target.tablesWithRows.length && !force) {
          throw new CliFailure(`the database holds data (${target.tablesWithRows.slice(0, 5).join(', ')}): restore into an empty database, or add --force to overwrite it.`);
        }
        await restorePostgres(config.database.url, from, { force });
      }
      say(`Restored ${from} into the ${config.database.kind} database in ${seconds(started)} s. Next: \`cdp-hub verify\`, and \`cdp-hub migrate\` if it is from an older version.`);
    });

  program
    .command('verify')
    .description(
      'check the database of DATABASE_URL, or a backup file: integrity (SQLite integrity_check), foreign keys, the migrations table, ' +
        'every certificate credential against the published keys, and the audit log against the tables. Exit 1 when a check fails',
    )
    .option('--from <file>', 'check this backup file instead (a PostgreSQL one is restored into a scratch database on DATABASE_URL\'s server, dropped after)')
    .option('--keys <file>', 'the JWK set of the published keys (default: CDP_SIGNING_KEY_FILE, or the development key file); public keys suffice')
    .action(async (options: { from?: string; keys?: string }) => {
      const config = cliConfig();
      const keys = readKeys(options.keys, config);
      const checks = await withRunner(config, options.from, (runner) => verifyDatabase(runner, { keys, publicUrl: config.certificates.publicUrl }));
      report(checks);
      if (checks.some((c) => !c.ok)) process.exitCode = 1;
    });
}

function readKeys(file: string | undefined, config: Config): SigningKey[] | null {
  const chosen = file ?? config.certificates.signingKeyFile ?? path.join(DATA_DIR, DEVELOPMENT_KEY_FILE);
  if (file && !fs.existsSync(file)) throw new UsageError(`no key file at ${file}.`);
  if (!fs.existsSync(chosen)) return null;
  return publicKeysFromFile(chosen);
}

function report(checks: Check[]): void {
  const width = Math.max(...checks.map((c) => c.name.length));
  for (const c of checks) process.stdout.write(`${c.ok ? 'ok  ' : 'FAIL'}  ${c.name.padEnd(width)}  ${c.detail}\n`);
}

async function withRunner<T>(config: Config, from: string | undefined, work: (runner: SqlRunner) => Promise<T>): Promise<T> {
  if (!from) {
    if (config.database.kind === 'sqlite') {
      if (!fs.existsSync(config.database.file)) throw new UsageError(`no database file at ${config.database.file}.`);
      return using(sqliteRunner(config.database.file), work);
    }
    return using(await postgresRunner(config.database.url), work);
  }
  const file = path.resolve(from);
  if (!fs.existsSync(file)) throw new UsageError(`no backup file at ${file}.`);
  const kind = backupKind(file);
  if (kind === 'sqlite') {
    // A copy: opening a database file may write beside it (a journal), and a backup stays as it was made.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-hub-verify-'));
    try {
      fs.copyFileSync(file, path.join(dir, 'backup.sqlite'));
      return await using(sqliteRunner(path.join(dir, 'backup.sqlite')), work);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  if (kind === 'postgres') {
    if (config.database.kind !== 'postgres') throw new UsageError('verifying a PostgreSQL backup needs DATABASE_URL to name a PostgreSQL server (a scratch database is made there).');
    return withScratchDatabase(config.database.url, async (url) => {
      await restorePostgres(url, file, { force: false });
      return using(await postgresRunner(url), work);
    });
  }
  throw new UsageError(`${file} is neither a SQLite database nor a pg_dump custom-format archive.`);
}

async function using<T>(runner: SqlRunner, work: (runner: SqlRunner) => Promise<T>): Promise<T> {
  try {
    return await work(runner);
  } finally {
    await runner.close();
  }
}

async function withScratchDatabase<T>(url: string, work: (url: string) => Promise<T>): Promise<T> {
  const name = `cdp_hub_verify_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const scratch = new URL(url);
    scratch.pathname = `/${name}`;
    return await work(scratch.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
