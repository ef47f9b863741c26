import fs from 'node:fs';
import path from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config';
import type { Logger } from '../common/logger';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SqlLogger, StatementCounter } from './sql-logger';

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
  dataSource: CdpDataSource;
  statements: StatementCounter;
}

export interface DatabaseOptions {
  /** Statements slower than this are reported (once per request, summarised). */
  slowStatementMs?: number;
}

const SLOW_STATEMENT_MS = 500;

export function dataSourceOptions(
  database: DatabaseConfig,
  logger: Logger,
  statements: StatementCounter,
  { slowStatementMs = SLOW_STATEMENT_MS }: DatabaseOptions = {},
): DataSourceOptions {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
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
    enableWAL: database.file !== ':memory:',
    timeout: 5000,
    // SQLite's own LOWER folds ASCII only; case-insensitive filters must treat "Åland" like PostgreSQL does.
    prepareDatabase: (db: { function(name: string, options: object, fn: (value: unknown) => unknown): void }) => {
      db.function('lower', { deterministic: true }, (value) => (typeof value === 'string' ? value.toLowerCase() : value));
    },
  };
}

export function createDataSource(database: DatabaseConfig, logger: Logger, options?: DatabaseOptions): DataSourceBundle {
  const statements = new StatementCounter();
  return { dataSource: new CdpDataSource(dataSourceOptions(database, logger, statements, options)), statements };
}

/** Connects and brings the schema up to date. Never `synchronize`: migrations only. */
export async function openDatabase(database: DatabaseConfig, logger: Logger, options?: DatabaseOptions): Promise<DataSourceBundle> {
  const bundle = createDataSource(database, logger, options);
  await bundle.dataSource.initialize();
  const applied = await bundle.dataSource.runMigrations();
  if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'database migrated');
  return bundle;
}
