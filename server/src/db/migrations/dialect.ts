import type { QueryRunner } from 'typeorm';

export interface DialectStatements {
  sqlite: string[];
  postgres: string[];
}

/** Runs the statements written for the connected database. */
export async function runForDialect(queryRunner: QueryRunner, statements: DialectStatements): Promise<void> {
  const type = queryRunner.connection.options.type;
  const list = type === 'postgres' ? statements.postgres : type === 'better-sqlite3' ? statements.sqlite : undefined;
  if (!list) throw new Error(`CDP Hub has no migrations for database type ${type}`);
  for (const statement of list) await queryRunner.query(statement);
}

/** A composite index: its name, its table and its columns in order. */
export type IndexSpec = [name: string, table: string, columns: string[]];

/** CREATE (for up) and DROP (for down, in reverse) statements of composite indexes; both databases write them alike. */
export function indexStatements(indexes: IndexSpec[]): { creates: string[]; drops: string[] } {
  const quote = (name: string) => `"${name}"`;
  return {
    creates: indexes.map(([name, table, columns]) => `CREATE INDEX ${quote(name)} ON ${quote(table)} (${columns.map(quote).join(', ')})`),
    drops: indexes.map(([name]) => `DROP INDEX ${quote(name)}`).reverse(),
  };
}
