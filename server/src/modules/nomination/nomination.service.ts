import type { RequestContext } from '../../graphql/context';
import type { ConnectionArgs } from '../../graphql/relay/connection';
import { fromGlobalIdOfType } from '../../graphql/relay/global-id';
import { paginate } from '../../graphql/relay/paginate';
import { Administration } from '../administration/administration.entity';
import { Nomination } from './nomination.entity';
import { scopeVisibleNominations } from './nomination-visibility';
import { nominationOrder, type NominationFilter, type NominationOrder } from './nomination.types';

export class NominationService {
  list(ctx: RequestContext, args: ConnectionArgs, filter?: NominationFilter | null, orderBy?: NominationOrder | null) {
    const qb = scopeVisibleNominations(ctx.dataSource.getRepository(Nomination).createQueryBuilder('nom'), 'nom', ctx.viewer);
    if (filter?.cohortId) {
      qb.andWhere('nom.cohortId = :cohortId', { cohortId: fromGlobalIdOfType(filter.cohortId, 'Cohort', 'filter.cohortId') });
    }
    if (filter?.statusIn) qb.andWhere('nom.status IN (:...statusIn)', { statusIn: filter.statusIn.length ? filter.statusIn : [''] });
    if (filter?.administrationIso2) {
      const ids = qb.subQuery().select('n_adm.uuid').from(Administration, 'n_adm').where('n_adm.iso2 = :iso2').getQuery();
      qb.andWhere(`nom.administrationId IN ${ids}`, { iso2: filter.administrationIso2.toUpperCase() });
    }
    return paginate(qb, args, nominationOrder.toOrdering(orderBy));
  }
}
