import type { RequestContext } from '../../graphql/context';
import { AppError } from '../../graphql/errors';
import { UserRole } from '../user/user-role';
import type { ConnectionArgs } from '../../graphql/relay/connection';
import { fromGlobalIdOfType } from '../../graphql/relay/global-id';
import { emptyPage, paginate, type ChildCondition } from '../../graphql/relay/paginate';
import { whereEquals, whereIn } from '../../common/sql';
import { whereAdministrationIso2 } from '../administration/administration-filters';
import { Nomination } from './nomination.entity';
import { canSeeNomination, scopeVisibleNominations } from './nomination-visibility';
import { nominationOrder, type AdministrationNominationFilter, type NominationFilter, type NominationOrder } from './nomination.types';

/** Refused rather than ignored: a silently different order would mislead, and the ranking itself would unblind the scores. */
function assertOrderAllowed(ctx: RequestContext, orderBy?: NominationOrder | null): void {
  if (orderBy?.field === 'MEAN_SCORE' && ctx.viewer?.role !== UserRole.ADMIN) {
    throw new AppError('FORBIDDEN', 'Only ADMIN may order nominations by MEAN_SCORE: reviews are blind until the decision.');
  }
}

/** The filter of an administration's nominations as a nested page's condition; its key names which conditions are given. */
function administrationNominationCondition(filter?: AdministrationNominationFilter | null): ChildCondition | undefined {
  const cohortId = filter?.cohortId ? fromGlobalIdOfType(filter.cohortId, 'Cohort', 'filter.cohortId') : null;
  const statusIn = filter?.statusIn ?? null;
  if (!cohortId && !statusIn) return undefined;
  return {
    key: `administration-nominations:${cohortId ? 'cohort' : ''}:${statusIn ? 'status' : ''}`,
    sql: (column, bind) =>
      [...(cohortId ? [`${column('cohortId')} = ${bind.param('cohortId')}`] : []), ...(statusIn ? [bind.list(column('status'), 'statusIn')] : [])].join(' AND '),
    values: { cohortId, statusIn },
  };
}

export class NominationService {
  /**
   * One page of an administration's nominations for each of many
   * administrations, through the same row rule as the root list: ADMIN and
   * REVIEWER see them all, a FOCAL_POINT its own administration's, anyone
   * else an empty page (without a statement).
   */
  pageForAdministration(
    ctx: RequestContext,
    administrationId: string,
    args: ConnectionArgs,
    filter?: AdministrationNominationFilter | null,
    orderBy?: NominationOrder | null,
  ) {
    assertOrderAllowed(ctx, orderBy);
    const ordering = nominationOrder.toOrdering(orderBy);
    if (!canSeeNomination(ctx.viewer, { administrationId })) return emptyPage<Nomination>(args, ordering);
    const where = administrationNominationCondition(filter);
    return ctx.loaders.children('nominations-by-administration', { entity: Nomination, parentProperty: 'administrationId', where }, args, ordering).load(administrationId);
  }

  list(ctx: RequestContext, args: ConnectionArgs, filter?: NominationFilter | null, orderBy?: NominationOrder | null) {
    assertOrderAllowed(ctx, orderBy);
    const qb = scopeVisibleNominations(ctx.db.getRepository(Nomination).createQueryBuilder('nom'), 'nom', ctx.viewer);
    if (filter?.cohortId) whereEquals(qb, 'nom.cohortId', fromGlobalIdOfType(filter.cohortId, 'Cohort', 'filter.cohortId'));
    if (filter?.statusIn) whereIn(qb, 'nom.status', filter.statusIn);
    if (filter?.administrationIso2) whereAdministrationIso2(qb, 'nom.administrationId', filter.administrationIso2);
    return paginate(qb, args, nominationOrder.toOrdering(orderBy));
  }
}
