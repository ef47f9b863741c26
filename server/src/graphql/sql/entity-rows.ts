import type { EntityMetadata, ObjectLiteral } from 'typeorm';
import type { ShapeBuilder } from './sql-shape';

type ColumnMetadata = EntityMetadata['columns'][number];

/** Column types whose raw value both drivers already return as the entity holds it. */
const AS_RETURNED = new Set<unknown>(['varchar', 'character varying', 'text', 'uuid', 'integer', 'int', String, Number]);

/** 'YYYY-MM-DD HH:MM:SS.SSS', how TypeORM writes a Date column into SQLite (UTC). */
const SQLITE_DATETIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/;

/**
 * SQLite conversions that skip the driver's general ones (two regular
 * expressions and a branch per type for every value) for the forms TypeORM
 * itself writes; anything else still goes through the driver.
 */
function sqliteConversion(column: ColumnMetadata, viaDriver: (raw: unknown) => unknown): ((raw: unknown) => unknown) | null {
  if (column.transformer || column.embeddedMetadata) return viaDriver;
  if (column.type === Date || column.type === 'datetime') {
    return (raw) =>
      typeof raw === 'string' && SQLITE_DATETIME.test(raw) ? new Date(`${raw.slice(0, 10)}T${raw.slice(11)}Z`) : viaDriver(raw);
  }
  // A date column holds 'YYYY-MM-DD' text, which the driver returns as it is.
  if (column.type === 'date') return (raw) => (typeof raw === 'string' ? raw : viaDriver(raw));
  if (column.type === 'boolean' || column.type === Boolean) return (raw) => (raw === null ? null : !!raw);
  return viaDriver;
}

/**
 * Reads an entity's rows from raw SQL results into instances of its class
 * (resolvers and Node.id rely on the prototype), as TypeORM's hydration
 * does, but with the per-column conversion chosen once per entity: plain
 * text and numbers are copied, and only dates, booleans and JSON go through
 * the driver's conversion.
 */
export class EntityRows<T extends ObjectLiteral> {
  private readonly columns: { column: ColumnMetadata; key: string; convert: ((raw: unknown) => unknown) | null }[];

  private constructor(readonly metadata: EntityMetadata) {
    const driver = metadata.connection.driver;
    const sqlite = metadata.connection.options.type === 'better-sqlite3';
    this.columns = metadata.columns
      .filter((column) => column.isSelect && !column.isVirtual)
      .map((column) => {
        const viaDriver = (raw: unknown) => driver.prepareHydratedValue(raw, column);
        const plain = AS_RETURNED.has(column.type) && !column.transformer && !column.embeddedMetadata;
        return { column, key: column.databaseName, convert: plain ? null : sqlite ? sqliteConversion(column, viaDriver) : viaDriver };
      });
  }

  private static readonly cache = new WeakMap<EntityMetadata, EntityRows<ObjectLiteral>>();

  static of<T extends ObjectLiteral>(metadata: EntityMetadata): EntityRows<T> {
    let rows = EntityRows.cache.get(metadata);
    if (!rows) {
      rows = new EntityRows(metadata);
      EntityRows.cache.set(metadata, rows);
    }
    return rows as unknown as EntityRows<T>;
  }

  /** The table, quoted. */
  table(b: ShapeBuilder): string {
    return b.quote(this.metadata.tablePath);
  }

  /** `"alias"."column"` of a property. */
  column(b: ShapeBuilder, alias: string, property: string): string {
    const column = this.metadata.findColumnWithPropertyPath(property);
    if (!column) throw new Error(`${this.metadata.name} has no column for ${property}`);
    return `${b.quote(alias)}.${b.quote(column.databaseName)}`;
  }

  /** The database type of a property's column, as the driver names it (e.g. `uuid`). */
  sqlType(property: string): string {
    const column = this.metadata.findColumnWithPropertyPath(property);
    if (!column) throw new Error(`${this.metadata.name} has no column for ${property}`);
    return this.metadata.connection.driver.normalizeType(column);
  }

  /** Every selected column of the entity under its own database name. */
  selectList(b: ShapeBuilder, alias: string): string {
    return this.columns.map(({ key }) => `${b.quote(alias)}.${b.quote(key)} AS ${b.quote(key)}`).join(', ');
  }

  hydrate(raw: Record<string, unknown>): T {
    const entity = this.metadata.create() as T;
    for (const { column, key, convert } of this.columns) {
      const value = raw[key];
      if (value === undefined) continue;
      if (convert) column.setEntityValue(entity, convert(value));
      else (entity as Record<string, unknown>)[column.propertyName] = value;
    }
    return entity;
  }
}
