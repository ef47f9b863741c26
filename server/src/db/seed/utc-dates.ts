/** Date helpers of the seed (all UTC). */
import { isoDate } from '../../common/clock';

export const DAY_MS = 24 * 60 * 60 * 1000;

export function utcInstant(date: string, time = '00:00:00'): Date {
  return new Date(`${date}T${time}.000Z`);
}

/**
 * Last day of a placement that starts on `startDate` and lasts `months`
 * months: the same day `months` months later, minus one day
 * (2013-09-18 + 10 months -> 2014-07-17). A MONTH-precision start is stored
 * as the 1st of its month, so the computation runs from the 1st and the
 * placement ends on the last day of the month before
 * (2011-09 + 10 months -> 2012-06-30). A day that does not exist in the
 * target month is clamped to that month's last day before subtracting.
 */
export function placementEndDate(startDate: string, months: number): string {
  const [year, month, day] = startDate.split('-').map(Number);
  const targetMonthIndex = month - 1 + months;
  const lastDayOfTarget = new Date(Date.UTC(year, targetMonthIndex + 1, 0)).getUTCDate();
  const sameDayLater = Date.UTC(year, targetMonthIndex, Math.min(day, lastDayOfTarget));
  return isoDate(new Date(sameDayLater - DAY_MS));
}

export function earlier(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}
