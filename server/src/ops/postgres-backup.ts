import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { CliFailure } from '../cli/cli-errors';
import { partialName } from './backup-kind';
import { postgresRunner, tablesWithRows } from './sql-runner';

const CLIENT_TOOLS =
  'install the PostgreSQL client tools of the server\'s major version or later (Debian/Ubuntu: `apt-get install postgresql-client`; ' +
  'they come with the PostgreSQL server package too) so that it is on PATH';

/** The URL without its password, which goes to the tool through PGPASSWORD instead of its command line (where `ps` shows it). */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: password ? { ...process.env, PGPASSWORD: password } : process.env };
}

/** Runs pg_dump or pg_restore; a missing tool or its failure becomes one clear line. */
function runTool(tool: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'ENOENT' ? new CliFailure(`${tool} is not installed: ${CLIENT_TOOLS}.`) : err),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new CliFailure(`${tool} failed (exit ${code}): ${stderr.trim().split('\n').filter(Boolean).slice(0, 3).join(' ') || 'no message'}`));
    });
  });
}

/**
 * pg_dump in custom format: one snapshot of the database (a repeatable-read
 * transaction), taken while the server keeps serving reads and writes.
 */
export async function backupPostgres(url: string, to: string): Promise<{ bytes: number }> {
  const { dbname, env } = connection(url);
  const partial = partialName(to);
  try {
    await runTool('pg_dump', ['--format=custom', `--file=${partial}`, `--dbname=${dbname}`], env);
    fs.renameSync(partial, to);
    return { bytes: fs.statSync(to).size };
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

export interface PostgresTarget {
  /** Other sessions connected to the database (a running server's pool). */
  sessions: number;
  tablesWithRows: string[];
  hasTables: boolean;
}

export async function inspectPostgres(url: string): Promise<PostgresTarget> {
  const runner = await postgresRunner(url);
  try {
    const [{ n }] = await runner.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    const [{ tables }] = await runner.query<{ tables: string }>(`SELECT COUNT(*) AS tables FROM pg_tables WHERE schemaname = 'public'`);
    return { sessions: Number(n), tablesWithRows: await tablesWithRows(runner), hasTables: Number(tables) > 0 };
  } finally {
    await runner.close();
  }
}

/**
 * Empties the public schema (ending other sessions first when `force`),
 * then pg_restore in one transaction: the database ends up as the backup
 * was, or as it was before when the restore fails.
 */
export async function restorePostgres(url: string, from: string, { force }: { force: boolean }): Promise<void> {
  const runner = await postgresRunner(url);
  try {
    if (force) {
      await runner.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`);
    }
    await runner.query('DROP SCHEMA IF EXISTS public CASCADE');
    await runner.query('CREATE SCHEMA public');
  } finally {
    await runner.close();
  }
  const { dbname, env } = connection(url);
  await runTool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${dbname}`, from], env);
}
