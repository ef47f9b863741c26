import type { EntityManager } from 'typeorm';
import type { Row } from './copy-plan';
import { dialectOf } from '../../../graphql/sql/sql-shape';

/** Bound variables one statement may carry: SQLite's default SQLITE_MAX_VARIABLE_NUMBER, PostgreSQL's protocol limit. */
const MAX_PARAMETERS = { sqlite: 32_766, postgres: 65_535 } as const;

/** Beyond a few hundred rows a longer statement saves nothing and costs memory to build. */
const MAX_ROWS_PER_STATEMENT = 500;

/**
 * Inserts rows that all have the same columns with as few multi-row,
 * parameterised INSERT statements as the database's variable limit allows.
 */
export async function bulkInsert(manager: EntityManager, table: string, rows: Row[]): Promise<void> {
  if (!rows.length) return;
  const dialect = dialectOf(manager.connection);
  const columns = Object.keys(rows[0]);
  const perStatement = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS[dialect] / columns.length)));
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `;
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const parameters: unknown[] = [];
    const tuples = chunk.map((row) => {
      const marks = columns.map((column) => {
        parameters.push(row[column] ?? null);
        return dialect === 'postgres' ? `$${parameters.length}` : '?';
      });
      return `(${marks.join(', ')})`;
    });
    await manager.query(head + tuples.join(', '), parameters);
  }
}
