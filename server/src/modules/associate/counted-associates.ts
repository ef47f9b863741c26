import { In, Not } from 'typeorm';
import { AssociateStatus } from './associate-enums';

/**
 * Who counts as an associate of a cohort: every selected associate except
 * those who DECLINED, i.e. withdrew before their placement started. A
 * placement that started and then ended early (WITHDRAWN) still counts: the
 * associate held the seat and belongs to the cohort and its alumni network.
 * The one definition behind the seats (COHORT_FULL), the associates lists
 * (Cohort.associates, Administration.associates, the root associates
 * unless filtered by status), programmeStatistics, alumniNetwork and the
 * administrations' isRepresented filter.
 */
export const UNCOUNTED_STATUSES: readonly AssociateStatus[] = [AssociateStatus.DECLINED];

/** The status condition of counted associates, for TypeORM's find options. */
export const countedStatus = () => Not(In([...UNCOUNTED_STATUSES]));

/**
 * The SQL condition "the associate whose status is in `statusColumn`
 * counts". The statuses are constants of the code, written as literals so
 * that a nested page's SQL text stays one shape.
 */
export function countedAssociateSql(statusColumn: string): string {
  return `${statusColumn} NOT IN (${UNCOUNTED_STATUSES.map((status) => `'${status}'`).join(', ')})`;
}
