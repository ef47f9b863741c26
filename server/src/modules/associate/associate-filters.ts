import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { whereContains, whereEquals } from '../../common/sql';
import { fromGlobalIdOfType } from '../../graphql/relay/global-id';
import { whereAdministrationInRegion, whereAdministrationIso2 } from '../administration/administration-filters';
import { ProfessionalAssociate } from './associate.entity';
import type { ProfessionalAssociateFilter } from './associate.types';

export function applyAssociateFilter<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  filter?: ProfessionalAssociateFilter | null,
): SelectQueryBuilder<T> {
  if (!filter) return qb;
  if (filter.cohortId) whereEquals(qb, `${alias}.cohortId`, fromGlobalIdOfType(filter.cohortId, 'Cohort', 'filter.cohortId'));
  if (filter.administrationIso2) whereAdministrationIso2(qb, `${alias}.administrationId`, filter.administrationIso2);
  if (filter.regionCode) whereAdministrationInRegion(qb, `${alias}.administrationId`, filter.regionCode);
  if (filter.status) whereEquals(qb, `${alias}.status`, filter.status);
  if (filter.directorate) whereEquals(qb, `${alias}.directorate`, filter.directorate);
  if (filter.nameContains) whereContains(qb, `${alias}.fullName`, filter.nameContains);
  return qb;
}

/** Restricts `column` (an associate id) to associates matching the filter; research and alumni lists use it. */
export function whereAssociateMatches<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  column: string,
  filter: ProfessionalAssociateFilter,
): SelectQueryBuilder<T> {
  if (!Object.values(filter).some((v) => v != null)) return qb;
  const associates = applyAssociateFilter(qb.subQuery().select('f_pa.uuid').from(ProfessionalAssociate, 'f_pa'), 'f_pa', filter);
  return qb.andWhere(`${column} IN ${associates.getQuery()}`, associates.getParameters());
}
