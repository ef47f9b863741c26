import type { DataSource, EntityManager } from 'typeorm';

const BUMP = 'UPDATE "data_version" SET "version" = "version" + 1 WHERE "id" = 1';
const READ = 'SELECT "epoch", "version" FROM "data_version" WHERE "id" = 1';

/**
 * Counts committed writes: runTransaction calls this last in every write
 * transaction, so the new number commits with the write or not at all. On
 * PostgreSQL the row lock orders concurrent writers only from here to their
 * commit, which follows at once.
 */
export async function bumpDataVersion(manager: EntityManager): Promise<void> {
  await manager.query(BUMP);
}

interface VersionRow {
  epoch: string;
  version: string | number;
}

/** The smallest statement the better-sqlite3 driver can run: a prepared statement of its own connection. */
interface SqliteConnection {
  prepare(sql: string): { get(): VersionRow };
}

/** This database's epoch and its number of committed writes: equal tokens mean equal data. */
const token = (row: VersionRow) => `${row.epoch}:${row.version}`;

/**
 * Reads the data version token, once per cacheable request. On
 * SQLite the statement is prepared once on the read-only connection and run
 * synchronously (a few microseconds, against tens through TypeORM's query
 * runner); on PostgreSQL it is one primary-key lookup on the pool.
 */
export function dataVersionReader(reader: DataSource): () => Promise<string> {
  if (reader.options.type === 'better-sqlite3') {
    let statement: { get(): VersionRow } | undefined;
    return async () => {
      statement ??= (reader.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection.prepare(READ);
      return token(statement.get());
    };
  }
  return async () => token(((await reader.query(READ)) as VersionRow[])[0]);
}
