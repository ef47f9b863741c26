import DataLoader from 'dataloader';
import { In, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import type { ConnectionArgs, Page } from './relay/connection';
import type { Ordering } from './relay/cursor';
import { paginateChildren, type ChildListSpec } from './relay/paginate';

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
 * level of nesting, whatever the page size.
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
        const rows = await this.db.getRepository(entity).findBy({ [property]: In([...keys]) } as never);
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
        const repository = this.db.getRepository(entity);
        // Ties are broken by primary key so lists come back in the same order every time.
        const tieBreak = Object.fromEntries(repository.metadata.primaryColumns.map((c) => [c.propertyName, 'ASC']));
        const rows = await repository.find({ where: { [property]: In([...keys]) } as never, order: { ...order, ...tieBreak } as never });
        const groups = groupBy(rows, (row) => String(row[property]));
        return keys.map((k) => groups.get(k) ?? []);
      }),
    );
  }

  /** One page of a nested connection for each parent, batched across parents. */
  children<T extends ObjectLiteral>(
    name: string,
    spec: ChildListSpec<T>,
    args: ConnectionArgs,
    ordering: Ordering,
  ): DataLoader<string, Page<T>> {
    const key = `children:${name}:${JSON.stringify([args.first, args.after, args.last, args.before, ordering.field.key, ordering.direction])}`;
    return this.named(key, () =>
      new DataLoader<string, Page<T>>((parentIds) =>
        paginateChildren(this.db, spec, parentIds, args, ordering),
      ),
    );
  }
}
