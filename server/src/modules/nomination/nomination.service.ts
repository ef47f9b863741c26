import type { RequestContext } from '../../graphql/context';
import { AppError } from '../../graphql/errors';
import { UserRole } from '../user/user-role';
import type { ConnectionArgs } from '../../graphql/relay/connection';
import { fromGlobalIdOfType } from '../../graphql/relay/global-id';
import { paginate } from '../../graphql/relay/paginate';
import { whereEquals, whereIn } from '../../common/sql';
import { whereAdministrationIso2 } from '../administration/administration-filters';
import { Nomination } from './nomination.entity';
import { scopeVisibleNominations } from './nomination-visibility';
import { nominationOrder, type NominationFilter, type NominationOrder } from './nomination.types';

export class NominationService {
  list(ctx: RequestContext, args: ConnectionArgs, filter?: NominationFilter | null, orderBy?: NominationOrder | null) {
    // Refused rather than ignored: a silently different order would mislead, and the ranking itself would unblind the scores.
    if (orderBy?.field === 'MEAN_SCORE' && ctx.viewer?.role !== UserRole.ADMIN) {
      throw new AppError('FORBIDDEN', 'Only ADMIN may order nominations by MEAN_SCORE: reviews are blind until the decision.');
    }
    const qb = scopeVisibleNominations(ctx.db.getRepository(Nomination).createQueryBuilder('nom'), 'nom', ctx.viewer);
    if (filter?.cohortId) whereEquals(qb, 'nom.cohortId', fromGlobalIdOfType(filter.cohortId, 'Cohort', 'filter.cohortId'));
    if (filter?.statusIn) whereIn(qb, 'nom.status', filter.statusIn);
    if (filter?.administrationIso2) whereAdministrationIso2(qb, 'nom.administrationId', filter.administrationIso2);
    return paginate(qb, args, nominationOrder.toOrdering(orderBy));
  }
}
