import fs from 'node:fs';
import path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config';
import type { Logger } from '../common/logger';
import { Database } from './database';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SqlLogger, StatementCounter } from './sql-logger';
import { ClockStampSubscriber } from './clock-stamp-subscriber';
import { StatementTimingSubscriber } from './statement-timing-subscriber';
import { bumpDataVersion } from './data-version';
import { migrationStatus, refusePending, refuseUnknown } from './migration-status';

/**
 * Entities declare instants as `type: Date`, which TypeORM maps to
 * `datetime` on SQLite and `timestamp without time zone` on PostgreSQL.
 * PostgreSQL should keep instants unambiguous, so its columns become
 * `timestamptz` once the metadata is built, before migrations or queries.
 */
export class CdpDataSource extends DataSource {
  override async buildMetadatas(): Promise<void> {
    await super.buildMetadatas();
    if (this.options.type !== 'postgres') return;
    for (const metadata of this.entityMetadatas) {
      for (const column of metadata.columns) {
        if (column.type === Date || column.type === 'timestamp') column.type = 'timestamptz';
      }
    }
  }
}

export interface DataSourceBundle {
  /** The connection that writes: migrations, the seed and every transaction. */
  dataSource: CdpDataSource;
  /** Reads and transactions for request handling; see Database. */
  database: Database;
  statements: StatementCounter;
}

export interface DatabaseOptions {
  /** Statements slower than this are reported (once per request, summarised). */
  slowStatementMs?: number;
}

/**
 * What opening does about migrations: `run` the pending ones (the default),
 * `require-current` refuses a database with any pending, `none` leaves them
 * (tools that inspect a database as it is). The first two refuse a database
 * with migrations this code does not know (see MigrationStateError).
 */
export type MigrationMode = 'run' | 'require-current' | 'none';

const SLOW_STATEMENT_MS = 500;

export function dataSourceOptions(
  database: DatabaseConfig,
  logger: Logger,
  statements: StatementCounter,
  { slowStatementMs = SLOW_STATEMENT_MS, readonly = false }: DatabaseOptions & { readonly?: boolean } = {},
): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: readonly ? [] : MIGRATIONS,
    subscribers: [ClockStampSubscriber, StatementTimingSubscriber],
    migrationsTransactionMode: 'each' as const,
    synchronize: false,
    logger: new SqlLogger(logger, statements),
    maxQueryExecutionTime: slowStatementMs,
  };
  if (database.kind === 'postgres') {
    return { ...common, type: 'postgres', url: database.url, extra: { max: 10 } };
  }
  if (database.file !== ':memory:') fs.mkdirSync(path.dirname(database.file), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.file,
    readonly,
    // WAL is a property of the file: the writer sets it, and readers then never see uncommitted pages.
    enableWAL: !readonly && database.file !== ':memory:',
    timeout: 5000,
    // SQLite's own LOWER folds ASCII only; case-insensitive filters must treat "Åland" like PostgreSQL does.
    prepareDatabase: (db: { function(name: string, options: object, fn: (value: unknown) => unknown): void }) => {
      db.function('lower', { deterministic: true }, (value) => (typeof value === 'string' ? value.toLowerCase() : value));
    },
  };
}

export function createDataSource(
  database: DatabaseConfig,
  logger: Logger,
  statements = new StatementCounter(),
  options?: DatabaseOptions,
): CdpDataSource {
  return new CdpDataSource(dataSourceOptions(database, logger, statements, options));
}

/**
 * Connects and brings the schema up to date (never `synchronize`: migrations
 * only), unless told otherwise (see MigrationMode). A SQLite file also gets a
 * second, read-only connection for reads, so no request ever observes another
 * request's uncommitted writes.
 */
export async function openDatabase(
  config: DatabaseConfig,
  logger: Logger,
  { migrations = 'run', ...options }: DatabaseOptions & { migrations?: MigrationMode } = {},
): Promise<DataSourceBundle> {
  const statements = new StatementCounter();
  const writer = createDataSource(config, logger, statements, options);
  await writer.initialize();
  try {
    if (migrations !== 'none') {
      const status = await migrationStatus(writer);
      refuseUnknown(status);
      if (migrations === 'require-current') refusePending(status);
    }
    const applied = migrations === 'run' ? await writer.runMigrations() : [];
    if (applied.length) {
      logger.info({ migrations: applied.map((m) => m.name) }, 'database migrated');
      // A migration may change data: answers other instances cached before it must not outlive it.
      await bumpDataVersion(writer.manager);
    }
    if (config.kind === 'sqlite') {
      // Without statistics SQLite's planner takes any equality on an index as selective: it scanned all 64,000
      // research projects by status (every one PUBLISHED) before a search's few matches. SQLite's advice for
      // long-lived connections: analyse what needs it when the connection opens (bounded; a no-op when current).
      await writer.query('PRAGMA optimize=0x10002');
    }
    let reader: CdpDataSource = writer;
    if (config.kind === 'sqlite' && config.file !== ':memory:') {
      reader = new CdpDataSource(dataSourceOptions(config, logger, statements, { ...options, readonly: true }));
      await reader.initialize();
    }
    return { dataSource: writer, database: new Database(writer, reader), statements };
  } catch (err) {
    await writer.destroy();
    throw err;
  }
}
