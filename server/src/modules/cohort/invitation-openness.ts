import { isoDate } from '../../common/clock';
import type { RequestContext } from '../../graphql/context';
import type { ConditionBinder } from '../../graphql/relay/paginate';
import { CohortStatus } from './cohort-status';
import type { Cohort } from './cohort.entity';

/**
 * An invitation is open while its cohort takes nominations: the cohort is
 * NOMINATIONS_OPEN and its deadline (the last day nominations are accepted,
 * as submitNomination counts it) is today or later. The one definition
 * behind Invitation.isOpen and the `open` filters.
 */
export function isOpenCohort(cohort: Pick<Cohort, 'status' | 'nominationDeadline'>, today: string): boolean {
  return cohort.status === CohortStatus.NOMINATIONS_OPEN && cohort.nominationDeadline != null && cohort.nominationDeadline >= today;
}

/** Today's date (UTC) as the deadlines are kept, from the request's clock. */
export const today = (ctx: RequestContext): string => isoDate(ctx.clock.now());

/**
 * "The cohort in `cohortColumn` is open", as SQL. The status is a constant of
 * the code, written as a literal; today is bound as `today`.
 */
export function openCohortSql(cohortColumn: string, todayPlaceholder: string, open = true): string {
  return `${cohortColumn} ${open ? 'IN' : 'NOT IN'} (SELECT "oc"."id" FROM "cohort" "oc" WHERE "oc"."status" = '${CohortStatus.NOMINATIONS_OPEN}' AND "oc"."nominationDeadline" >= ${todayPlaceholder})`;
}

/** The same, for a nested page's condition (see ChildCondition). */
export const openCohortCondition = (column: (property: string) => string, bind: ConditionBinder, open: boolean) =>
  openCohortSql(column('cohortId'), bind.param('today'), open);
