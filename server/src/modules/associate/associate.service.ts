import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { containsClause, containsPattern } from '../../common/sql';
import type { RequestContext } from '../../graphql/context';
import type { ConnectionArgs } from '../../graphql/relay/connection';
import { fromGlobalIdOfType } from '../../graphql/relay/global-id';
import { paginate } from '../../graphql/relay/paginate';
import { Administration } from '../administration/administration.entity';
import { administrationIdsInRegion } from '../administration/administration.service';
import { ProfessionalAssociate } from './associate.entity';
import { associateOrder, type ProfessionalAssociateFilter, type ProfessionalAssociateOrder } from './associate.types';

export function applyAssociateFilter<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  filter?: ProfessionalAssociateFilter | null,
): SelectQueryBuilder<T> {
  if (!filter) return qb;
  if (filter.cohortId) {
    qb.andWhere(`${alias}.cohortId = :cohortId`, { cohortId: fromGlobalIdOfType(filter.cohortId, 'Cohort', 'filter.cohortId') });
  }
  if (filter.administrationIso2) {
    const ids = qb.subQuery().select('f_adm.uuid').from(Administration, 'f_adm').where('f_adm.iso2 = :iso2').getQuery();
    qb.andWhere(`${alias}.administrationId IN ${ids}`, { iso2: filter.administrationIso2.toUpperCase() });
  }
  if (filter.regionCode) {
    qb.andWhere(`${alias}.administrationId IN ${administrationIdsInRegion(qb)}`, { regionCode: filter.regionCode });
  }
  if (filter.status) qb.andWhere(`${alias}.status = :status`, { status: filter.status });
  if (filter.directorate) qb.andWhere(`${alias}.directorate = :directorate`, { directorate: filter.directorate });
  if (filter.nameContains) {
    qb.andWhere(containsClause(`${alias}.fullName`, 'nameContains'), { nameContains: containsPattern(filter.nameContains) });
  }
  return qb;
}

export class AssociateService {
  list(
    ctx: RequestContext,
    args: ConnectionArgs,
    filter?: ProfessionalAssociateFilter | null,
    orderBy?: ProfessionalAssociateOrder | null,
  ) {
    const qb = ctx.dataSource.getRepository(ProfessionalAssociate).createQueryBuilder('pa');
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
