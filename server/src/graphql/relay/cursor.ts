import { AppError } from '../errors';
import { OrderDirection } from '../../common/sort-direction';
import { isUuid } from './global-id';

/** One orderable field of a connection, as clients name it in `orderBy.field`. */
export interface SortField {
  /** Name written into cursors, so a cursor is only accepted by the ordering that made it. */
  key: string;
  /** Entity property (a non-null column, unless nullsLast) that the keyset compares. */
  property: string;
  /** How the value travels inside the cursor. */
  kind: 'string' | 'number' | 'date';
  /**
   * For a nullable number column: rows without a value come last in either
   * direction. The keyset compares the column with null replaced by a
   * number beyond any real value (nullStandIn), so cursors stay plain numbers.
   */
  nullsLast?: boolean;
}

/** Stands in for null in a nullsLast ordering: beyond any value the column holds, at the end of the ordering's direction. */
export function nullStandIn(ordering: Ordering): number {
  return ordering.direction === OrderDirection.ASC ? 1e15 : -1e15;
}

/** The value a row sorts by in the ordering, as the keyset compares it. */
export function sortValue(ordering: Ordering, row: Record<string, unknown>): unknown {
  const raw = row[ordering.field.property];
  return raw == null && ordering.field.nullsLast ? nullStandIn(ordering) : raw;
}

export interface Ordering {
  field: SortField;
  direction: OrderDirection;
}

export interface CursorPosition {
  value: string | number | Date;
  uuid: string;
}

type CursorPayload = [key: string, direction: string, value: string | number, uuid: string];

export function encodeCursor(ordering: Ordering, row: Record<string, unknown>): string {
  const raw = sortValue(ordering, row);
  const value = raw instanceof Date ? raw.toISOString() : (raw as string | number);
  const payload: CursorPayload = [ordering.field.key, ordering.direction, value, row.uuid as string];
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor` for the same ordering; anything else is INVALID_CURSOR. */
export function decodeCursor(cursor: string, ordering: Ordering, argumentName: string): CursorPosition {
  const invalid = (why: string) =>
    new AppError('INVALID_CURSOR', `The \`${argumentName}\` cursor is not valid for this list: ${why}.`, {
      argument: argumentName,
    });
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('it is not a cursor issued by this API');
  }
  if (!Array.isArray(payload) || payload.length !== 4 || !isUuid(payload[3])) {
    throw invalid('it is not a cursor issued by this API');
  }
  const [key, direction, value, uuid] = payload as CursorPayload;
  if (key !== ordering.field.key || direction !== ordering.direction) {
    throw invalid('it was issued for a different orderBy');
  }
  const { kind } = ordering.field;
  if (kind === 'number' && typeof value !== 'number') throw invalid('it is corrupted');
  if (kind !== 'number' && typeof value !== 'string') throw invalid('it is corrupted');
  if (kind === 'date') {
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) throw invalid('it is corrupted');
    return { value: date, uuid };
  }
  return { value, uuid };
}
