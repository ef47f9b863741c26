import type Database from 'better-sqlite3';
import type { Pool } from 'pg';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { logStatementTime } from '../../db/sql-logger';
import { bindValues, dialectOf, type SqlShape } from './sql-shape';

/** better-sqlite3 statements prepared once per shape and connection. */
const sqliteStatements = new WeakMap<DataSource, Map<string, Database.Statement>>();

function sqliteStatement(dataSource: DataSource, shape: SqlShape): Database.Statement {
  let statements = sqliteStatements.get(dataSource);
  if (!statements) {
    statements = new Map();
    sqliteStatements.set(dataSource, statements);
  }
  let statement = statements.get(shape.name);
  if (!statement) {
    const connection = (dataSource.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
    statement = connection.prepare(shape.sql);
    statements.set(shape.name, statement);
  }
  return statement;
}

function execute(dataSource: DataSource, shape: SqlShape, parameters: unknown[]): Promise<Record<string, unknown>[]> | Record<string, unknown>[] {
  if (dialectOf(dataSource) === 'sqlite') return sqliteStatement(dataSource, shape).all(...parameters) as Record<string, unknown>[];
  // A named statement: each pooled connection parses and plans it once, then only binds values.
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  return pool.query({ name: shape.name, text: shape.sql, values: parameters }).then((result) => result.rows);
}

/**
 * Runs a shape. Inside a transaction it goes through the transaction's
 * TypeORM query runner. Outside one (every read of a request) it goes
 * straight to the reading connection's driver (the same better-sqlite3
 * connection or pg pool TypeORM opened), with the statement prepared once:
 * TypeORM's runner would make a runner object per statement on PostgreSQL,
 * take and return a pooled connection, and broadcast events nothing here
 * listens to. Statements are still logged, counted and timed by the data
 * source's logger, as TypeORM does.
 */
export async function runShape(db: EntityManager, shape: SqlShape, values: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const dataSource = db.connection;
  const parameters = bindValues(dataSource, shape, values);
  // A request's reading runner (requestReader) only carries its scope to the logger; a transaction's runs the statement.
  const runner = db.queryRunner;
  if (runner?.isTransactionActive) return db.query(shape.sql, parameters);
  const { logger } = dataSource;
  logger.logQuery(shape.sql, parameters, runner);
  const started = performance.now();
  try {
    const rows = await execute(dataSource, shape, parameters);
    const ms = performance.now() - started;
    logStatementTime(logger, ms);
    const slowAfter = dataSource.options.maxQueryExecutionTime;
    if (slowAfter && ms > slowAfter) logger.logQuerySlow(Math.round(ms), shape.sql, parameters, runner);
    return rows;
  } catch (err) {
    logger.logQueryError(err as Error, shape.sql, parameters, runner);
    throw new QueryFailedError(shape.sql, parameters, err as Error);
  }
}
