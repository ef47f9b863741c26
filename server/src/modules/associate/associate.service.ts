import type { RequestContext } from '../../graphql/context';
import type { ConnectionArgs } from '../../graphql/relay/connection';
import { paginate } from '../../graphql/relay/paginate';
import { applyAssociateFilter } from './associate-filters';
import { ProfessionalAssociate } from './associate.entity';
import { associateOrder, type ProfessionalAssociateFilter, type ProfessionalAssociateOrder } from './associate.types';

export class AssociateService {
  list(
    ctx: RequestContext,
    args: ConnectionArgs,
    filter?: ProfessionalAssociateFilter | null,
    orderBy?: ProfessionalAssociateOrder | null,
  ) {
    const qb = ctx.db.getRepository(ProfessionalAssociate).createQueryBuilder('pa');
    return paginate(applyAssociateFilter(qb, 'pa', filter), args, associateOrder.toOrdering(orderBy));
  }

  /** One page of associates for each of many parents (cohorts or administrations). */
  pageFor(
    ctx: RequestContext,
    parentProperty: 'cohortId' | 'administrationId',
    parentId: string,
    args: ConnectionArgs,
    orderBy?: ProfessionalAssociateOrder | null,
  ) {
    return ctx.loaders
      .children(`associates-by-${parentProperty}`, { entity: ProfessionalAssociate, parentProperty }, args, associateOrder.toOrdering(orderBy))
      .load(parentId);
  }
}
