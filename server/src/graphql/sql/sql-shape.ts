import type { DataSource } from 'typeorm';

/**
 * SQL text built once per shape (entity, key column, ordering, window…) and
 * reused by every request: hot read paths then skip TypeORM's QueryBuilder
 * (SQL assembly, property-name replacement, parameter escaping), and the
 * driver prepares it once (see shape-runner.ts: a better-sqlite3 statement
 * per shape, a PostgreSQL named statement per shape and connection).
 */
export interface SqlShape {
  /** Unique per data source and shape; PostgreSQL's prepared statement is named after it. */
  name: string;
  sql: string;
  /** Parameter names in binding order; a name may repeat on SQLite, where each `?` binds anew. */
  parameterOrder: string[];
}

type Dialect = 'sqlite' | 'postgres';

/** Writes placeholders in the data source's syntax while a shape's SQL is assembled. */
export class ShapeBuilder {
  readonly order: string[] = [];

  constructor(readonly dialect: Dialect) {}

  /** A placeholder for the named value. */
  param(name: string): string {
    if (this.dialect === 'sqlite') {
      this.order.push(name);
      return '?';
    }
    let index = this.order.indexOf(name);
    if (index < 0) index = this.order.push(name) - 1;
    return `$${index + 1}`;
  }

  /**
   * `column` is one of the values of a list bound as ONE parameter, so that a
   * batch of 3 keys and a batch of 30 share the SQL text (an `IN (?, ?, …)`
   * list would give each batch size a text of its own).
   */
  inList(column: string, name: string): string {
    return this.dialect === 'sqlite'
      ? `${column} IN (SELECT value FROM json_each(${this.param(name)}))`
      : `${column} = ANY(${this.param(name)})`;
  }

  /**
   * The values of a list bound as ONE parameter, as a table `alias` with
   * columns `value` and `key` (the position in the list). PostgreSQL needs
   * the SQL type of the values to unnest the array.
   */
  listTable(name: string, alias: string, sqlType: string): string {
    return this.dialect === 'sqlite'
      ? `json_each(${this.param(name)}) ${this.quote(alias)}`
      : `unnest(CAST(${this.param(name)} AS ${sqlType}[])) WITH ORDINALITY ${this.quote(alias)}("value", "key")`;
  }

  /** Double-quoted identifier; both databases quote alike. */
  quote(identifier: string): string {
    return `"${identifier.replaceAll('"', '""')}"`;
  }
}

interface ShapeCache {
  dialect: Dialect;
  shapes: Map<string, SqlShape>;
}

const caches = new WeakMap<DataSource, ShapeCache>();

function cacheOf(dataSource: DataSource): ShapeCache {
  let cache = caches.get(dataSource);
  if (!cache) {
    const type = dataSource.options.type;
    if (type !== 'better-sqlite3' && type !== 'postgres') throw new Error(`no SQL shapes for a ${type} data source`);
    cache = { dialect: type === 'postgres' ? 'postgres' : 'sqlite', shapes: new Map() };
    caches.set(dataSource, cache);
  }
  return cache;
}

export function dialectOf(dataSource: DataSource): Dialect {
  return cacheOf(dataSource).dialect;
}

/** The shape under `key`, built by `build` the first time this data source asks for it. */
export function shapeFor(dataSource: DataSource, key: string, build: (b: ShapeBuilder) => string): SqlShape {
  const cache = cacheOf(dataSource);
  let shape = cache.shapes.get(key);
  if (!shape) {
    const builder = new ShapeBuilder(cache.dialect);
    const sql = build(builder);
    shape = { name: `cdp_shape_${cache.shapes.size + 1}`, sql, parameterOrder: builder.order };
    cache.shapes.set(key, shape);
  }
  return shape;
}

/** How many shapes the data source has built: what the shape cache tests watch. */
export function shapeCount(dataSource: DataSource): number {
  return caches.get(dataSource)?.shapes.size ?? 0;
}

/**
 * The values in binding order, converted as TypeORM converts parameters:
 * SQLite stores dates as UTC 'YYYY-MM-DD HH:MM:SS.SSS' text and booleans as
 * 0/1; a list travels as JSON (SQLite's json_each) or as an array (pg).
 */
export function bindValues(dataSource: DataSource, shape: SqlShape, values: Record<string, unknown>): unknown[] {
  const sqlite = dialectOf(dataSource) === 'sqlite';
  return shape.parameterOrder.map((name) => {
    const value = values[name];
    if (!sqlite) return value;
    if (Array.isArray(value)) return JSON.stringify(value);
    if (value instanceof Date) return value.toISOString().replace('T', ' ').slice(0, 23);
    if (typeof value === 'boolean') return value ? 1 : 0;
    return value;
  });
}
