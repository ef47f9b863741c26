import type { EntityManager } from 'typeorm';
import { dialectOf } from '../../../graphql/sql/sql-shape';
import { PROGRAMME_COPY, type Row, type TableCopy } from './copy-plan';


/** The rows of one programme, table by table, in the order they can be inserted. */
export interface ProgrammeRows {
  tables: Array<{ copy: TableCopy; rows: Row[] }>;
  rowCount: number;
}

/**
 * Reads every row of the programme as the database stores it. SQLite returns
 * stored values unchanged; PostgreSQL rows come back through to_jsonb so that
 * timestamps, dates and search vectors arrive as their text forms and go back
 * unchanged, instead of through node-postgres' Date parsing and local time.
 */
export async function readProgrammeRows(manager: EntityManager, programmeId: string): Promise<ProgrammeRows> {
  const dialect = dialectOf(manager.connection);
  const tables: ProgrammeRows['tables'] = [];
  for (const copy of PROGRAMME_COPY) {
    const where = copy.where.replaceAll(':programme', dialect === 'postgres' ? '$1' : '?');
    const count = (where.match(/\?/g) ?? []).length;
    const rows: Row[] =
      dialect === 'postgres'
        ? ((await manager.query(`SELECT to_jsonb(t) AS "row" FROM "${copy.table}" t WHERE ${where}`, [programmeId])) as Array<{ row: Row }>).map(
            (r) => r.row,
          )
        : await manager.query(`SELECT t.* FROM "${copy.table}" t WHERE ${where}`, Array(count).fill(programmeId));
    tables.push({ copy, rows });
  }
  return { tables, rowCount: tables.reduce((n, t) => n + t.rows.length, 0) };
}
