import { In, type EntityManager, type EntityTarget, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { OrderDirection } from '../../common/sort-direction';
import { param } from '../../common/sql';
import { AppError } from '../errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type ConnectionArgs, type Page } from './connection';
import { decodeCursor, encodeCursor, nullStandIn, type CursorPosition, type Ordering } from './cursor';

interface PageWindow {
  size: number;
  forward: boolean;
  after?: CursorPosition;
  before?: CursorPosition;
}

function checkSize(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) {
    throw new AppError('INVALID_PAGINATION', `\`${name}\` must be a non-negative integer.`, { argument: name });
  }
  if (value > MAX_PAGE_SIZE) {
    throw new AppError(
      'INVALID_PAGINATION',
      `Requesting ${value} records with \`${name}\` exceeds the limit of ${MAX_PAGE_SIZE} records per page.`,
      { argument: name, maxPageSize: MAX_PAGE_SIZE },
    );
  }
  return value;
}

/** Validates first/after/last/before once, for root and nested connections alike. */
export function pageWindow(args: ConnectionArgs, ordering: Ordering): PageWindow {
  if (args.first != null && args.last != null) {
    throw new AppError('INVALID_PAGINATION', 'Pass either `first` or `last`, not both.');
  }
  const forward = args.last == null;
  const size = checkSize(forward ? 'first' : 'last', (forward ? args.first : args.last) ?? DEFAULT_PAGE_SIZE);
  return {
    size,
    forward,
    after: args.after != null ? decodeCursor(args.after, ordering, 'after') : undefined,
    before: args.before != null ? decodeCursor(args.before, ordering, 'before') : undefined,
  };
}

const flip = (d: OrderDirection) => (d === OrderDirection.ASC ? OrderDirection.DESC : OrderDirection.ASC);

/** SQL of the sorted value and of the tie-breaking id. */
export interface KeysetColumns {
  sort: string;
  id: string;
}

/** The sorted column; for a nullsLast field, with null replaced as in sortValue() so the keyset compares plain numbers. */
function sortExpression(alias: string, ordering: Ordering): string {
  const column = `${alias}.${ordering.field.property}`;
  return ordering.field.nullsLast ? `COALESCE(${column}, ${nullStandIn(ordering)})` : column;
}

const entityColumns = (alias: string, ordering: Ordering): KeysetColumns => ({
  sort: sortExpression(alias, ordering),
  id: `${alias}.uuid`,
});

/** Adds "row comes strictly after (or before) this position in the ordering". */
function whereBeyond<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  columns: KeysetColumns,
  ordering: Ordering,
  position: CursorPosition,
  side: 'after' | 'before',
): void {
  const ascending = (ordering.direction === OrderDirection.ASC) === (side === 'after');
  const op = ascending ? '>' : '<';
  const v = param('cursorValue');
  const u = param('cursorId');
  qb.andWhere(`(${columns.sort} ${op} :${v} OR (${columns.sort} = :${v} AND ${columns.id} ${op} :${u}))`, {
    [v]: position.value,
    [u]: position.uuid,
  });
}

/** Restricts to the window and orders; returns the SQL direction used. */
function applyWindow<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  columns: KeysetColumns,
  ordering: Ordering,
  w: PageWindow,
): OrderDirection {
  if (w.after) whereBeyond(qb, columns, ordering, w.after, 'after');
  if (w.before) whereBeyond(qb, columns, ordering, w.before, 'before');
  const direction = w.forward ? ordering.direction : flip(ordering.direction);
  qb.orderBy(columns.sort, direction).addOrderBy(columns.id, direction);
  return direction;
}

function toPage<T extends ObjectLiteral>(
  rows: T[],
  ordering: Ordering,
  w: PageWindow,
  count: () => Promise<number>,
): Page<T> {
  const hasMore = rows.length > w.size;
  const page = rows.slice(0, w.size);
  if (!w.forward) page.reverse();
  const edges = page.map((node) => ({ node, cursor: encodeCursor(ordering, node) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: w.forward ? hasMore : w.before != null,
      hasPreviousPage: w.forward ? w.after != null : hasMore,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    count: memo(count),
  };
}

function memo<V>(fn: () => Promise<V>): () => Promise<V> {
  let result: Promise<V> | undefined;
  return () => (result ??= fn());
}

/**
 * Keyset pagination of a root list. `qb` carries the filters; the total is
 * counted with the same filters only when a client selects totalCount.
 */
export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  args: ConnectionArgs,
  ordering: Ordering,
): Promise<Page<T>> {
  const w = pageWindow(args, ordering);
  const countQb = qb.clone();
  applyWindow(qb, entityColumns(qb.alias, ordering), ordering, w);
  const rows = await qb.limit(w.size + 1).getMany();
  return toPage(rows, ordering, w, () => countQb.getCount());
}

/**
 * Keyset pagination over a raw select whose rows carry `uuid` and the sort
 * value under the ordering's property name (e.g. a ranked search).
 */
export async function paginateRaw<R extends { uuid: string }>(
  qb: SelectQueryBuilder<ObjectLiteral>,
  columns: KeysetColumns,
  args: ConnectionArgs,
  ordering: Ordering,
  parseRow: (raw: Record<string, unknown>) => R,
): Promise<Page<R>> {
  const w = pageWindow(args, ordering);
  const countQb = qb.clone();
  applyWindow(qb, columns, ordering, w);
  const rows = (await qb.limit(w.size + 1).getRawMany()).map(parseRow);
  return toPage(rows, ordering, w, async () => {
    const result = await countQb.select('COUNT(*)', 'n').orderBy().getRawOne<{ n: number | string }>();
    return Number(result?.n ?? 0);
  });
}

export interface ChildListSpec<T extends ObjectLiteral> {
  entity: EntityTarget<T>;
  /** Property holding the parent's UUID (e.g. "cohortId"). */
  parentProperty: string;
}

/**
 * Keyset pagination of one child list for many parents at once (a nested
 * connection under a list). Three statements whatever the number of parents
 * or the page size: a windowed select of ids, the rows, and (only when asked)
 * one grouped count. A cursor is a position in the ordering, so `after` and
 * `before` apply to every parent's list alike.
 */
export async function paginateChildren<T extends ObjectLiteral>(
  db: EntityManager,
  spec: ChildListSpec<T>,
  parentIds: readonly string[],
  args: ConnectionArgs,
  ordering: Ordering,
): Promise<Page<T>[]> {
  const w = pageWindow(args, ordering);
  const repo = db.getRepository(spec.entity);
  const base = () => repo.createQueryBuilder('c').where(`c.${spec.parentProperty} IN (:...parentIds)`, { parentIds });

  // The first size+1 ids of each parent's list, numbered in order by a window function.
  const inner = base();
  const columns = entityColumns('c', ordering);
  const direction = applyWindow(inner, columns, ordering, w);
  inner
    .orderBy()
    .select('c.uuid', 'id')
    .addSelect(`c.${spec.parentProperty}`, 'parent')
    .addSelect(
      `ROW_NUMBER() OVER (PARTITION BY c.${spec.parentProperty} ORDER BY ${columns.sort} ${direction}, ${columns.id} ${direction})`,
      'rn',
    );
  const ranked = (
    await db
      .createQueryBuilder()
      .select(['ranked.id AS id', 'ranked.parent AS parent', 'ranked.rn AS rn'])
      .from(`(${inner.getQuery()})`, 'ranked')
      .setParameters(inner.getParameters())
      .where('ranked.rn <= :rankLimit', { rankLimit: w.size + 1 })
      .getRawMany<{ id: string; parent: string; rn: number | string }>()
  ).map((r) => ({ id: r.id, parent: r.parent, rn: Number(r.rn) }));

  const rows = ranked.length ? await repo.findBy({ uuid: In(ranked.map((r) => r.id)) } as never) : [];
  const byId = new Map(rows.map((row) => [row.uuid as string, row]));
  const byParent = new Map<string, T[]>();
  for (const r of ranked.sort((a, b) => a.rn - b.rn)) {
    const row = byId.get(r.id);
    if (!row) continue;
    const list = byParent.get(r.parent) ?? [];
    list.push(row);
    byParent.set(r.parent, list);
  }

  const counts = memo(async () => {
    const grouped = await base()
      .select(`c.${spec.parentProperty}`, 'parent')
      .addSelect('COUNT(*)', 'n')
      .groupBy(`c.${spec.parentProperty}`)
      .getRawMany<{ parent: string; n: number | string }>();
    return new Map(grouped.map((g) => [g.parent, Number(g.n)]));
  });

  return parentIds.map((id) =>
    toPage(byParent.get(id) ?? [], ordering, w, async () => (await counts()).get(id) ?? 0),
  );
}
