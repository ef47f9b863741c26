import BetterSqlite3 from 'better-sqlite3';
import { Client } from 'pg';

/**
 * A plain connection for the operator's tools, without TypeORM: they look at
 * a database as it is (maybe from another version), never migrating it.
 * Statements use PostgreSQL's $n placeholders; on SQLite they become `?` in
 * order.
 */
export interface SqlRunner {
  dialect: 'sqlite' | 'postgres';
  query<T = Record<string, unknown>>(sql: string, parameters?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export function sqliteRunner(file: string, { readonly = true } = {}): SqlRunner {
  const db = new BetterSqlite3(file, { readonly, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return {
    dialect: 'sqlite',
    query: async <T>(sql: string, parameters: unknown[] = []) => {
      const ordered: unknown[] = [];
      const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
        ordered.push(parameters[Number(n) - 1]);
        return '?';
      });
      const statement = db.prepare(text);
      return (statement.reader ? statement.all(...ordered) : (statement.run(...ordered), [])) as T[];
    },
    close: async () => void db.close(),
  };
}

export async function postgresRunner(url: string): Promise<SqlRunner> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    dialect: 'postgres',
    query: async <T>(sql: string, parameters: unknown[] = []) => (await client.query(sql, parameters)).rows as T[],
    close: () => client.end(),
  };
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The tables of the database (SQLite's own and FTS internals included on SQLite; the public schema on PostgreSQL). */
export async function tableNames(runner: SqlRunner): Promise<string[]> {
  const rows =
    runner.dialect === 'sqlite'
      ? await runner.query<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      : await runner.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  return rows.map((r) => r.name);
}

/**
 * Tables that hold records rather than bookkeeping: a database whose only
 * rows are in the migrations table, the data version or the search index's
 * own settings holds no data (a freshly migrated one).
 */
const BOOKKEEPING = /^(migrations|typeorm_metadata|data_version|research_search(_words)?_(config|data|idx|docsize))$/;

export async function tablesWithRows(runner: SqlRunner): Promise<string[]> {
  const found: string[] = [];
  for (const table of await tableNames(runner)) {
    if (BOOKKEEPING.test(table)) continue;
    const [row] = await runner.query<{ any: unknown }>(`SELECT EXISTS (SELECT 1 FROM ${quoteIdent(table)}) AS "any"`);
    if (row.any === true || row.any === 1) found.push(table);
  }
  return found;
}
