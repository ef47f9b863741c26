import type { DataSource, MigrationInterface } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** Where a database stands against this code's migrations (by name, in the order this code runs them). */
export interface MigrationStatus {
  applied: string[];
  /** This code's migrations the database has not had yet. */
  pending: string[];
  /** Migrations the database has had that this code does not know: it was migrated by a newer version. */
  unknown: string[];
}

/** A database the server must not run on as it is; the message says what to do. */
export class MigrationStateError extends Error {
  constructor(
    message: string,
    readonly status: MigrationStatus,
  ) {
    super(message);
    this.name = 'MigrationStateError';
  }
}

export const MIGRATE_COMMAND = 'cdp-hub migrate';

/** The names this code's migrations have in the migrations table. */
export function knownMigrationNames(dataSource?: DataSource): string[] {
  const migrations: MigrationInterface[] = dataSource ? dataSource.migrations : MIGRATIONS.map((M) => new M());
  return migrations.map((m) => m.name ?? m.constructor.name);
}

async function appliedMigrationNames(dataSource: DataSource): Promise<string[]> {
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const exists =
    dataSource.options.type === 'postgres'
      ? (await dataSource.query(`SELECT to_regclass($1) IS NOT NULL AS "exists"`, [`"${table}"`]))[0].exists === true
      : (await dataSource.query(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`, [table])).length > 0;
  if (!exists) return [];
  const rows: Array<{ name: string }> = await dataSource.query(`SELECT "name" FROM "${table}" ORDER BY "timestamp", "id"`);
  return rows.map((r) => r.name);
}

/** Needs a data source built with this code's migrations (see dataSourceOptions). */
export async function migrationStatus(dataSource: DataSource, known = knownMigrationNames(dataSource)): Promise<MigrationStatus> {
  const applied = await appliedMigrationNames(dataSource);
  const done = new Set(applied);
  const knownSet = new Set(known);
  return { applied, pending: known.filter((n) => !done.has(n)), unknown: applied.filter((n) => !knownSet.has(n)) };
}

/** Refuses a database migrated by a newer version: running on it could corrupt what that version wrote. */
export function refuseUnknown(status: MigrationStatus): void {
  if (!status.unknown.length) return;
  throw new MigrationStateError(
    `the database was migrated by a newer version of CDP Hub: it has ${status.unknown.length} migration(s) this version does not know ` +
      `(${status.unknown.join(', ')}). Run that newer version, or restore a backup made for this one.`,
    status,
  );
}

export function refusePending(status: MigrationStatus): void {
  if (!status.pending.length) return;
  throw new MigrationStateError(
    `the database needs ${status.pending.length} migration(s) (${status.pending.join(', ')}): run \`${MIGRATE_COMMAND}\` ` +
      `(npx cdp-hub migrate), then start again; or set MIGRATE_ON_START=true to have the server run them.`,
    status,
  );
}
