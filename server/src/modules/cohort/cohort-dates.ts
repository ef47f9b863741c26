import { isoDate } from '../../common/clock';
import type { Cohort } from './cohort.entity';

/** The six dates of a programme year, in the order they must follow. */
export const COHORT_DATE_FIELDS = ['invitationDate', 'nominationDeadline', 'selectionDate', 'notificationDate', 'startDate', 'endDate'] as const;
export type CohortDateField = (typeof COHORT_DATE_FIELDS)[number];
export type CohortDates = Record<CohortDateField, string>;

/** Dates as the API parses them (midnight UTC) to the calendar dates the database keeps. */
export function calendarDates(dates: Record<CohortDateField, Date>): CohortDates {
  return Object.fromEntries(COHORT_DATE_FIELDS.map((field) => [field, isoDate(dates[field])])) as CohortDates;
}

/** The first date that is not strictly after the one before it, with that one; null when they are in order. */
export function firstDateOutOfOrder(dates: CohortDates): { field: CohortDateField; previous: CohortDateField } | null {
  for (let i = 1; i < COHORT_DATE_FIELDS.length; i++) {
    const [previous, field] = [COHORT_DATE_FIELDS[i - 1], COHORT_DATE_FIELDS[i]];
    if (dates[field] <= dates[previous]) return { field, previous };
  }
  return null;
}

/** What a cohort lacks before it can run through the cycle: its capacity and dates (historical records may have none). */
export function missingForCycle(cohort: Cohort): string[] {
  return [...(cohort.capacity == null ? ['capacity'] : []), ...COHORT_DATE_FIELDS.filter((field) => cohort[field] == null)];
}
