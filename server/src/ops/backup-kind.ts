import fs from 'node:fs';

/** What a backup file holds, by its first bytes: a SQLite database file, or a pg_dump custom-format archive. */
export function backupKind(file: string): 'sqlite' | 'postgres' | 'unknown' {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const read = fs.readSync(fd, head, 0, 16, 0);
    if (read === 16 && head.toString('latin1') === 'SQLite format 3\0') return 'sqlite';
    if (read >= 5 && head.subarray(0, 5).toString('latin1') === 'PGDMP') return 'postgres';
    return 'unknown';
  } finally {
    fs.closeSync(fd);
  }
}

/** A name beside `file` for writing before an atomic rename onto it. */
export function partialName(file: string): string {
  return `${file}.partial-${process.pid}`;
}
