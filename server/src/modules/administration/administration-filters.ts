import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { param } from '../../common/sql';
import { Region } from '../region/region.entity';
import { Administration } from './administration.entity';

/** Restricts `column` (an administration id) to the administration with this ISO code. */
export function whereAdministrationIso2<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, column: string, iso2: string) {
  const name = param('iso2');
  const ids = qb.subQuery().select('f_adm.uuid').from(Administration, 'f_adm').where(`f_adm.iso2 = :${name}`).getQuery();
  return qb.andWhere(`${column} IN ${ids}`, { [name]: iso2.toUpperCase() });
}

/** Restricts `column` (an administration id) to administrations of this region. */
export function whereAdministrationInRegion<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, column: string, regionCode: string) {
  const name = param('region');
  const ids = qb
    .subQuery()
    .select('f_radm.uuid')
    .from(Administration, 'f_radm')
    .innerJoin(Region, 'f_reg', 'f_reg.uuid = f_radm.regionId')
    .where(`f_reg.code = :${name}`)
    .getQuery();
  return qb.andWhere(`${column} IN ${ids}`, { [name]: regionCode });
}
