/**
 * Every Date and DateTime input lies within these years: both databases
 * store them exactly (PostgreSQL refuses year 0, SQLite would store any
 * text), and no date of the programme falls outside them.
 */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2999;

const FROM = Date.UTC(MIN_YEAR, 0, 1);
const UNTIL = Date.UTC(MAX_YEAR + 1, 0, 1);

export const DATE_RANGE_TEXT = `from ${MIN_YEAR}-01-01 to ${MAX_YEAR}-12-31 (UTC)`;

export function isDateInRange(value: unknown): boolean {
  if (!(value instanceof Date)) return false;
  const time = value.getTime();
  return time >= FROM && time < UNTIL;
}
