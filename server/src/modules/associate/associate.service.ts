import type { RequestContext } from '../../graphql/context';
import type { ConnectionArgs } from '../../graphql/relay/connection';
import { paginate, type ChildCondition } from '../../graphql/relay/paginate';
import { applyAssociateFilter } from './associate-filters';
import type { AssociateStatus } from './associate-enums';
import { ProfessionalAssociate } from './associate.entity';
import { associateOrder, type ProfessionalAssociateFilter, type ProfessionalAssociateOrder } from './associate.types';
import { countedAssociateSql } from './counted-associates';

const COUNTED: ChildCondition = { key: 'counted-associates', sql: (column) => countedAssociateSql(column('status')) };

export class AssociateService {
  /** The counted associates (see counted-associates.ts), or those of the status the filter asks for, DECLINED included. */
  list(
    ctx: RequestContext,
    args: ConnectionArgs,
    filter?: ProfessionalAssociateFilter | null,
    orderBy?: ProfessionalAssociateOrder | null,
  ) {
    const qb = ctx.db.getRepository(ProfessionalAssociate).createQueryBuilder('pa');
    if (!filter?.status) qb.andWhere(countedAssociateSql('pa.status'));
    return paginate(applyAssociateFilter(qb, 'pa', filter), args, associateOrder.toOrdering(orderBy));
  }

  /**
   * One page of the counted associates for each of many parents (cohorts or
   * administrations); with `statusIn`, of those statuses instead (DECLINED
   * included only when asked for, as in the root list).
   */
  pageFor(
    ctx: RequestContext,
    parentProperty: 'cohortId' | 'administrationId',
    parentId: string,
    args: ConnectionArgs,
    orderBy?: ProfessionalAssociateOrder | null,
    statusIn?: readonly AssociateStatus[] | null,
  ) {
    const where: ChildCondition = statusIn
      ? { key: 'associates-status-in', sql: (column, bind) => bind.list(column('status'), 'statusIn'), values: { statusIn: [...statusIn] } }
      : COUNTED;
    return ctx.loaders
      .children(`associates-by-${parentProperty}`, { entity: ProfessionalAssociate, parentProperty, where }, args, associateOrder.toOrdering(orderBy))
      .load(parentId);
  }
}
