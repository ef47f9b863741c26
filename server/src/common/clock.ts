/**
 * The one source of "now" for the server. Services, the seed and the workflow
 * rules read time through a Clock so tests can pin the date.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(instant: string | Date): Clock {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) throw new Error(`fixedClock: not a date: ${String(instant)}`);
  return { now: () => new Date(at.getTime()) };
}

/** The calendar date (UTC) of an instant, as YYYY-MM-DD. */
export function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}
