import type { EntityManager } from 'typeorm';

/**
 * Runs a statement with named parameters (`:name`, `:...list`) on either
 * database: TypeORM's driver turns them into the database's placeholders and
 * instants into the form its columns store (SQLite keeps UTC text).
 */
export async function runNamed<T = Record<string, unknown>>(db: EntityManager, sql: string, parameters: Record<string, unknown> = {}): Promise<T[]> {
  const [query, values] = db.connection.driver.escapeQueryWithParameters(sql, parameters);
  const result: unknown = await db.query(query, values);
  // PostgreSQL's runner answers [rows, count] for UPDATE and DELETE; SQLite a row id for statements without rows.
  if (isPostgres(db) && Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return Array.isArray(result) ? (result as T[]) : [];
}

export const isPostgres = (db: EntityManager) => db.connection.options.type === 'postgres';

/** An instant read by raw SQL: PostgreSQL answers a Date, SQLite the UTC text TypeORM wrote ("2026-11-26 12:00:00.000"). */
export function instantOf(value: unknown): Date | null {
  if (value == null) return null;
  if (value instanceof Date) return value;
  return new Date(`${String(value).replace(' ', 'T')}Z`);
}
