import type { EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { OrderDirection } from '../../common/sort-direction';
import { param } from '../../common/sql';
import { AppError } from '../errors';
import { EntityRows } from '../sql/entity-rows';
import { runShape } from '../sql/shape-runner';
import { shapeFor, type ShapeBuilder } from '../sql/sql-shape';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type ConnectionArgs, type Page } from './connection';
import { decodeCursor, encodeCursor, nullStandIn, type CursorPosition, type Ordering } from './cursor';

export interface PageWindow {
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

export const flip = (d: OrderDirection) => (d === OrderDirection.ASC ? OrderDirection.DESC : OrderDirection.ASC);

/** SQL of the sorted value and of the tie-breaking id. */
export interface KeysetColumns {
  sort: string;
  id: string;
}

/** The sorted column's SQL; for a nullsLast field, with null replaced as in sortValue() so the keyset compares plain numbers. */
function sortExpression(column: string, ordering: Ordering): string {
  return ordering.field.nullsLast ? `COALESCE(${column}, ${nullStandIn(ordering)})` : column;
}

const entityColumns = (alias: string, ordering: Ordering): KeysetColumns => ({
  sort: sortExpression(`${alias}.${ordering.field.property}`, ordering),
  id: `${alias}.uuid`,
});

/**
 * "The row comes strictly after (or before) the position" as SQL; `value`
 * and `id` write the position's placeholders, in the order they appear.
 */
function beyondPosition(columns: KeysetColumns, ordering: Ordering, side: 'after' | 'before', value: () => string, id: () => string): string {
  const ascending = (ordering.direction === OrderDirection.ASC) === (side === 'after');
  const op = ascending ? '>' : '<';
  return `(${columns.sort} ${op} ${value()} OR (${columns.sort} = ${value()} AND ${columns.id} ${op} ${id()}))`;
}

/** Adds "row comes strictly after (or before) this position in the ordering". */
function whereBeyond<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  columns: KeysetColumns,
  ordering: Ordering,
  position: CursorPosition,
  side: 'after' | 'before',
): void {
  const v = param('cursorValue');
  const u = param('cursorId');
  qb.andWhere(beyondPosition(columns, ordering, side, () => `:${v}`, () => `:${u}`), { [v]: position.value, [u]: position.uuid });
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

export function toPage<T extends ObjectLiteral>(
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

/** The page of a list the viewer may not see any row of: the arguments are still checked, as for any list. */
export function emptyPage<T extends ObjectLiteral>(args: ConnectionArgs, ordering: Ordering): Promise<Page<T>> {
  const w = pageWindow(args, ordering);
  return Promise.resolve(toPage<T>([], ordering, w, async () => 0));
}

export interface ChildListSpec<T extends ObjectLiteral> {
  entity: EntityTarget<T>;
  /** Property holding the parent's UUID (e.g. "cohortId"). */
  parentProperty: string;
  /** Only the children this condition admits, in the pages and their counts alike. */
  where?: ChildCondition;
}

/**
 * A condition on a child list; `key` names its SQL text in the shape's key, so
 * it must change whenever the text does (which filters are given), never with
 * the values. Values travel as parameters: `param(name)` writes a placeholder
 * for `values[name]`, `list(column, name)` tests membership in the list
 * `values[name]` bound as one parameter.
 */
export interface ChildCondition {
  key: string;
  /** The condition, given the quoted column of a property of the child. */
  sql: (column: (property: string) => string, bind: ConditionBinder) => string;
  /** The values its placeholders name. */
  values?: Record<string, unknown>;
}

/** Placeholders for a ChildCondition's values. */
export interface ConditionBinder {
  param: (name: string) => string;
  list: (column: string, name: string) => string;
}

/**
 * Keyset pagination of one child list for many parents at once (a nested
 * connection under a list). Two statements whatever the number of parents
 * or the page size: the first size+1 rows of each parent's list, and (only
 * when asked) one grouped count. Each parent's rows are read through the
 * (parent, sort, id) index with their own LIMIT, so a parent with 60,000
 * children costs what one with ten does (numbering every child of the
 * parents with a window function sorted them all). A cursor is a position
 * in the ordering, so `after` and `before` apply to every parent's list
 * alike. The SQL is built once per shape (entity, parent column, ordering,
 * direction, which cursors are given) and only bound per request.
 */
export async function paginateChildren<T extends ObjectLiteral>(
  db: EntityManager,
  spec: ChildListSpec<T>,
  parentIds: readonly string[],
  args: ConnectionArgs,
  ordering: Ordering,
): Promise<Page<T>[]> {
  const w = pageWindow(args, ordering);
  const metadata = db.connection.getMetadata(spec.entity);
  const entityRows = EntityRows.of<T>(metadata);
  const direction = w.forward ? ordering.direction : flip(ordering.direction);
  const shapeKey = [metadata.name, spec.parentProperty, spec.where?.key ?? null, ordering.field.property, ordering.field.nullsLast ?? false, ordering.direction, direction, !!w.after, !!w.before];
  const binder = (b: ShapeBuilder): ConditionBinder => ({ param: (name) => b.param(name), list: (column, name) => b.inList(column, name) });
  const admitted = (b: ShapeBuilder, alias: string) =>
    spec.where ? [spec.where.sql((property) => entityRows.column(b, alias, property), binder(b))] : [];
  const conditionValues = spec.where?.values ?? {};
  const ranked = shapeFor(db.connection, `children-page:${JSON.stringify(shapeKey)}`, (b) => {
    const parents = b.listTable('parentIds', 'p', entityRows.sqlType(spec.parentProperty));
    const parentValue = `${b.quote('p')}.${b.quote('value')}`;
    // One parent's first rows in order, under alias `alias`.
    const firstRows = (alias: string, select: string) => {
      const columns = shapeColumns(b, entityRows, ordering, alias);
      const conditions = [`${entityRows.column(b, alias, spec.parentProperty)} = ${parentValue}`, ...admitted(b, alias)];
      if (w.after) conditions.push(beyond(b, columns, ordering, 'after'));
      if (w.before) conditions.push(beyond(b, columns, ordering, 'before'));
      return `SELECT ${select} FROM ${entityRows.table(b)} ${b.quote(alias)} WHERE ${conditions.join(' AND ')} ORDER BY ${columns.sort} ${direction}, ${columns.id} ${direction} LIMIT ${b.param('rankLimit')}`;
    };
    const outer = shapeColumns(b, entityRows, ordering, 'c');
    const select = `SELECT ${entityRows.selectList(b, 'c')}, ${parentValue} AS ${b.quote('cdp_parent')}`;
    const order = `ORDER BY ${b.quote('p')}.${b.quote('key')}, ${outer.sort} ${direction}, ${outer.id} ${direction}`;
    if (b.dialect === 'postgres') return `${select} FROM ${parents} CROSS JOIN LATERAL (${firstRows('s', entityRows.selectList(b, 's'))}) ${b.quote('c')} ${order}`;
    // SQLite has no LATERAL; CROSS JOIN keeps the parents as the outer loop, and the ids come from each parent's own LIMIT.
    return `${select} FROM ${parents} CROSS JOIN ${entityRows.table(b)} ${b.quote('c')} WHERE ${outer.id} IN (${firstRows('s', entityRows.column(b, 's', 'uuid'))}) ${order}`;
  });
  const raw = await runShape(db, ranked, {
    ...conditionValues,
    parentIds: [...parentIds],
    rankLimit: w.size + 1,
    afterValue: w.after?.value,
    afterId: w.after?.uuid,
    beforeValue: w.before?.value,
    beforeId: w.before?.uuid,
  });
  const byParent = new Map<string, T[]>();
  for (const r of raw) {
    const parentId = r.cdp_parent as string;
    const list = byParent.get(parentId) ?? [];
    list.push(entityRows.hydrate(r));
    byParent.set(parentId, list);
  }

  const counts = memo(async () => {
    const shape = shapeFor(db.connection, `children-count:${metadata.name}:${spec.parentProperty}:${spec.where?.key ?? ''}`, (b) => {
      const parent = entityRows.column(b, 'c', spec.parentProperty);
      const conditions = [b.inList(parent, 'parentIds'), ...admitted(b, 'c')];
      return `SELECT ${parent} AS ${b.quote('parent')}, COUNT(*) AS ${b.quote('n')} FROM ${entityRows.table(b)} ${b.quote('c')} WHERE ${conditions.join(' AND ')} GROUP BY ${parent}`;
    });
    const grouped = (await runShape(db, shape, { ...conditionValues, parentIds: [...parentIds] })) as { parent: string; n: number | string }[];
    return new Map(grouped.map((g) => [g.parent, Number(g.n)]));
  });

  return parentIds.map((id) =>
    toPage(byParent.get(id) ?? [], ordering, w, async () => (await counts()).get(id) ?? 0),
  );
}

/** The keyset columns of a shape, as quoted SQL (see entityColumns for the QueryBuilder's). */
function shapeColumns<T extends ObjectLiteral>(b: ShapeBuilder, rows: EntityRows<T>, ordering: Ordering, alias = 'c'): KeysetColumns {
  return { sort: sortExpression(rows.column(b, alias, ordering.field.property), ordering), id: rows.column(b, alias, 'uuid') };
}

/** whereBeyond() for a shape: the position is bound as `${side}Value` and `${side}Id`. */
function beyond(b: ShapeBuilder, columns: KeysetColumns, ordering: Ordering, side: 'after' | 'before'): string {
  return beyondPosition(columns, ordering, side, () => b.param(`${side}Value`), () => b.param(`${side}Id`));
}

/**
 * Keyset pagination of raw candidate rows whose filter costs a lookup per row (search
 * visibility over thousands of matches): the window is first cut to the
 * next `slice` candidates in order, and `filter` (which may join on
 * `c.uuid`) applies to those alone. When the filter leaves the page short
 * and the slice may have held more, the page is read again over every
 * candidate. The total counts the rows of `counted` (the candidates'
 * `uuid` alone, which may be cheaper to select) that pass the filter.
 */
export async function paginateRawSliced<R extends { uuid: string }>(
  candidates: SelectQueryBuilder<ObjectLiteral>,
  counted: SelectQueryBuilder<ObjectLiteral>,
  columns: KeysetColumns,
  args: ConnectionArgs,
  ordering: Ordering,
  parseRow: (raw: Record<string, unknown>) => R,
  filter: (qb: SelectQueryBuilder<ObjectLiteral>) => SelectQueryBuilder<ObjectLiteral>,
): Promise<Page<R>> {
  const w = pageWindow(args, ordering);
  const sort = ordering.field.property;
  const read = async (slice: number | undefined) => {
    const inner = candidates.clone();
    const direction = applyWindow(inner, columns, ordering, w);
    if (slice) inner.limit(slice);
    const outer = filter(
      candidates.connection
        .createQueryBuilder()
        .select('c.uuid', 'uuid')
        .addSelect(`c.${sort}`, sort)
        .from(`(${inner.getQuery()})`, 'c')
        .setParameters(inner.getParameters()),
    );
    return (await outer.orderBy(`c.${sort}`, direction).addOrderBy('c.uuid', direction).limit(w.size + 1).getRawMany()).map(parseRow);
  };
  // Four times the page leaves room for hidden rows; the slice is sorted in memory by the database, so it is cheap.
  const slice = Math.max(4 * (w.size + 1), 64);
  let rows = await read(slice);
  if (rows.length <= w.size) rows = await read(undefined);
  return toPage(rows, ordering, w, async () => {
    const result = await filter(
      counted.connection.createQueryBuilder().select('COUNT(*)', 'n').from(`(${counted.getQuery()})`, 'c').setParameters(counted.getParameters()),
    ).getRawOne<{ n: number | string }>();
    return Number(result?.n ?? 0);
  });
}
