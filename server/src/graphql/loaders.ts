import DataLoader from 'dataloader';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ConnectionArgs, Page } from './relay/connection';
import type { Ordering } from './relay/cursor';
import { paginateChildren, type ChildListSpec } from './relay/paginate';
import { rowsByKey } from './sql/rows-by-key';

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/**
 * The per-request bag of DataLoaders. Every relation a resolver follows goes
 * through one of these, so a query costs a fixed number of SQL statements per
 * level of nesting, whatever the page size. Their SQL is built once per shape
 * (sql/sql-shape.ts) and runs on this bag's manager, a transaction's when the
 * bag belongs to one.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<any, any>>();

  constructor(private readonly db: EntityManager) {}

  /** Forgets every loaded row: after a transaction commits, later fields must read what it wrote. */
  clearAll(): void {
    this.loaders.clear();
  }

  private named<K, V>(key: string, make: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = make();
      this.loaders.set(key, loader);
    }
    return loader;
  }

  private entityName(entity: EntityTarget<ObjectLiteral>): string {
    return this.db.connection.getMetadata(entity).name;
  }

  /** Loads rows by primary key; unknown keys give null. */
  byId<T extends ObjectLiteral>(entity: EntityTarget<T>): DataLoader<string, T | null> {
    return this.oneBy(entity, 'uuid');
  }

  /** Loads a row that a foreign key guarantees; a missing row is a server fault, not a client one. */
  async required<T extends ObjectLiteral>(entity: EntityTarget<T>, id: string): Promise<T> {
    const row = await this.byId(entity).load(id);
    if (!row) throw new Error(`${this.entityName(entity)} ${id} is referenced but missing`);
    return row;
  }

  /** Loads at most one row per value of a unique column. */
  oneBy<T extends ObjectLiteral>(entity: EntityTarget<T>, property: string): DataLoader<string, T | null> {
    return this.named(`one:${this.entityName(entity)}:${property}`, () =>
      new DataLoader<string, T | null>(async (keys) => {
        const rows = await rowsByKey(this.db, entity, property, keys);
        const byKey = new Map(rows.map((row) => [String(row[property]), row]));
        return keys.map((k) => byKey.get(k) ?? null);
      }),
    );
  }

  /** Loads every row whose column equals the key, in the given order. */
  manyBy<T extends ObjectLiteral>(
    entity: EntityTarget<T>,
    property: string,
    order: Record<string, 'ASC' | 'DESC'> = {},
  ): DataLoader<string, T[]> {
    return this.named(`many:${this.entityName(entity)}:${property}:${JSON.stringify(order)}`, () =>
      new DataLoader<string, T[]>(async (keys) => {
        const rows = await rowsByKey(this.db, entity, property, keys, order);
        const groups = groupBy(rows, (row) => String(row[property]));
        return keys.map((k) => groups.get(k) ?? []);
      }),
    );
  }

  /**
   * How many rows each key has in `property`, among those `where` admits
   * (SQL on alias `c`, fixed per name): one grouped statement per batch.
   */
  countBy<T extends ObjectLiteral>(entity: EntityTarget<T>, property: string, name: string, where?: string): DataLoader<string, number> {
    return this.named(`count:${this.entityName(entity)}:${property}:${name}`, () =>
      new DataLoader<string, number>(async (keys) => {
        const qb = this.db
          .createQueryBuilder(entity, 'c')
          .select(`c.${property}`, 'k')
          .addSelect('COUNT(*)', 'n')
          .where(`c.${property} IN (:...keys)`, { keys: [...keys] })
          .groupBy(`c.${property}`);
        if (where) qb.andWhere(where);
        const counts = new Map((await qb.getRawMany<{ k: string; n: number | string }>()).map((r) => [String(r.k), Number(r.n)]));
        return keys.map((k) => counts.get(k) ?? 0);
      }),
    );
  }

  /** A loader of the caller's own, under `key`: for batches no generic loader above expresses. */
  batch<V>(key: string, load: (keys: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
    return this.named(`batch:${key}`, () => new DataLoader<string, V>(load));
  }

  /** One page of a nested connection for each parent, batched across parents. */
  children<T extends ObjectLiteral>(
    name: string,
    spec: ChildListSpec<T>,
    args: ConnectionArgs,
    ordering: Ordering,
  ): DataLoader<string, Page<T>> {
    // The condition's values are part of the key: two filters on one list are two batches.
    const where = spec.where ? [spec.where.key, spec.where.values ?? null] : null;
    const key = `children:${name}:${JSON.stringify([args.first, args.after, args.last, args.before, ordering.field.key, ordering.direction, where])}`;
    return this.named(key, () =>
      new DataLoader<string, Page<T>>((parentIds) =>
        paginateChildren(this.db, spec, parentIds, args, ordering),
      ),
    );
  }
}
