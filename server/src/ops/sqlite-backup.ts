import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { partialName } from './backup-kind';
import { sqliteRunner, tablesWithRows } from './sql-runner';

/**
 * SQLite's online backup API, copying every page in one step: that step reads
 * one snapshot of the database (WAL lets the server keep writing meanwhile),
 * so the copy is consistent and, unlike small steps, is never restarted by
 * the server's writes. The copy is then made a single self-contained file
 * (rollback journal mode), written beside the target and renamed onto it.
 */
export async function backupSqlite(source: string, to: string): Promise<{ bytes: number; pages: number }> {
  const db = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  const partial = partialName(to);
  try {
    db.pragma('busy_timeout = 5000');
    const progress = await db.backup(partial, { progress: () => 0x7fffffff });
    const copy = new BetterSqlite3(partial);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    fs.renameSync(partial, to);
    return { bytes: fs.statSync(to).size, pages: progress.totalPages };
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  } finally {
    db.close();
  }
}

/**
 * Whether another connection has the file open: leaving WAL mode needs the
 * database to itself, so it fails while anyone (a running server) has it
 * open. When it succeeds the file is put back in WAL mode.
 */
export function sqliteInUse(file: string): boolean {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    const [{ journal_mode: before }] = db.pragma('journal_mode') as Array<{ journal_mode: string }>;
    if (before !== 'wal') return false;
    try {
      const [{ journal_mode: after }] = db.pragma('journal_mode = DELETE') as Array<{ journal_mode: string }>;
      if (after === 'wal') return true;
      db.pragma('journal_mode = WAL');
      return false;
    } catch {
      return true;
    }
  } finally {
    db.close();
  }
}

export async function sqliteTablesWithRows(file: string): Promise<string[]> {
  const runner = sqliteRunner(file);
  try {
    return await tablesWithRows(runner);
  } finally {
    await runner.close();
  }
}

/**
 * Puts the backup in the target's place: copied beside it, checked, the
 * target's WAL and shared-memory files removed (an old WAL would otherwise be
 * replayed onto the restored pages), then renamed onto it.
 */
export async function restoreSqlite(from: string, target: string): Promise<{ bytes: number }> {
  const partial = partialName(target);
  try {
    fs.copyFileSync(from, partial);
    const copy = new BetterSqlite3(partial);
    try {
      const [{ quick_check: check }] = copy.pragma('quick_check') as Array<{ quick_check: string }>;
      if (check !== 'ok') throw new Error(`the backup ${from} is damaged: ${check}`);
      copy.pragma('journal_mode = WAL');
    } finally {
      copy.close();
    }
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${target}${suffix}`, { force: true });
    fs.renameSync(partial, target);
    return { bytes: fs.statSync(target).size };
  } catch (err) {
    fs.rmSync(partial, { force: true });
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${partial}${suffix}`, { force: true });
    throw err;
  }
}
