import type { RequestContext } from '../../graphql/context';
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
    const qb = scopeVisibleNominations(ctx.db.getRepository(Nomination).createQueryBuilder('nom'), 'nom', ctx.viewer);
    if (filter?.cohortId) whereEquals(qb, 'nom.cohortId', fromGlobalIdOfType(filter.cohortId, 'Cohort', 'filter.cohortId'));
    if (filter?.statusIn) whereIn(qb, 'nom.status', filter.statusIn);
    if (filter?.administrationIso2) whereAdministrationIso2(qb, 'nom.administrationId', filter.administrationIso2);
    return paginate(qb, args, nominationOrder.toOrdering(orderBy));
  }
}
