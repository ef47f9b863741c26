import { isoDate } from '../../common/clock';
import type { Cohort } from '../cohort/cohort.entity';
import { EventKind } from './event-kind';

/** Events that close a programme year: they follow its start. */
const AFTER_START = new Set([EventKind.REPORTING_SESSION, EventKind.CERTIFICATE_CEREMONY]);
/** Alumni of a cohort may meet any time after it; other events belong to the year itself, ceremonies a little after its end. */
const ANY_TIME_AFTER = new Set([EventKind.ALUMNI_REUNION]);
const GRACE_AFTER_END_YEARS = 1;

/**
 * Why an event of this kind at this time does not fit its cohort's year, or
 * null when it does. Dates a historical cohort lacks are not checked.
 */
export function outsideCohortYear(kind: EventKind, startsAt: Date, cohort: Cohort): string | null {
  const day = isoDate(startsAt);
  if (cohort.invitationDate && day < cohort.invitationDate) {
    return `The cohort ${cohort.label} begins with its invitations on ${cohort.invitationDate}; its events cannot be earlier.`;
  }
  if (AFTER_START.has(kind) && cohort.startDate && day < cohort.startDate) {
    return `A ${kind} of the cohort ${cohort.label} cannot be before the programme year starts on ${cohort.startDate}.`;
  }
  if (!ANY_TIME_AFTER.has(kind) && cohort.endDate) {
    const latest = `${Number(cohort.endDate.slice(0, 4)) + GRACE_AFTER_END_YEARS}${cohort.endDate.slice(4)}`;
    if (day > latest) return `A ${kind} of the cohort ${cohort.label} cannot be after ${latest}, a year after the programme year ends.`;
  }
  return null;
}
