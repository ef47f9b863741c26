import { registerEnumType } from 'type-graphql';

/** How much of a stored date is known: the data sources sometimes give only a month. */
export enum DatePrecision {
  DAY = 'DAY',
  MONTH = 'MONTH',
}

registerEnumType(DatePrecision, {
  name: 'DatePrecision',
  description: 'How precisely a date is known. Month-precision dates are stored as the first day of that month.',
  valuesConfig: {
    DAY: { description: 'The exact day is known.' },
    MONTH: { description: 'Only the year and month are known; the stored day is the 1st.' },
  },
});

/**
 * Parses "YYYY-MM" or "YYYY-MM-DD" as found in the programme's public record.
 * A month-only value becomes the first day of that month with MONTH precision.
 */
export function parsePartialDate(value: string): { date: string; precision: DatePrecision } {
  if (/^\d{4}-\d{2}$/.test(value)) return { date: `${value}-01`, precision: DatePrecision.MONTH };
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return { date: value, precision: DatePrecision.DAY };
  throw new Error(`Not a YYYY-MM or YYYY-MM-DD date: ${value}`);
}
