import type { DataSource } from 'typeorm';
import { DatePrecision } from '../../common/dates';
import { CohortStatus } from '../../modules/cohort/cohort-status';
import { Cohort } from '../../modules/cohort/cohort.entity';

/**
 * A cohort open for nominations in `year`, far in the future (the server's
 * clock is the real one), for benchmarks that nominate or close nominations.
 */
export function openCohort(dataSource: DataSource, programmeId: string, year: number, now: Date): Promise<Cohort> {
  return dataSource.getRepository(Cohort).save({
    programmeId,
    label: `${year}-${year + 1}`,
    status: CohortStatus.NOMINATIONS_OPEN,
    capacity: 10,
    invitationDate: `${year - 1}-12-01`,
    nominationDeadline: `${year}-03-31`,
    selectionDate: `${year}-05-31`,
    notificationDate: `${year}-06-30`,
    startDate: `${year}-09-01`,
    startDatePrecision: DatePrecision.DAY,
    endDate: `${year + 1}-06-30`,
    note: null,
    createdAt: now,
    updatedAt: now,
  });
}
