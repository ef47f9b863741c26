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
