import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RequestContext } from '../../graphql/context';
import type { ConnectionArgs } from '../../graphql/relay/connection';
import { paginate } from '../../graphql/relay/paginate';
import { containsClause, containsPattern } from '../../common/sql';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { Region } from '../region/region.entity';
import { Administration } from './administration.entity';
import { administrationOrder, type AdministrationFilter, type AdministrationOrder } from './administration.types';

export class AdministrationService {
  list(ctx: RequestContext, args: ConnectionArgs, filter?: AdministrationFilter | null, orderBy?: AdministrationOrder | null) {
    const qb = ctx.dataSource.getRepository(Administration).createQueryBuilder('adm');
    if (filter?.regionCode) {
      const regions = qb.subQuery().select('r.uuid').from(Region, 'r').where('r.code = :regionCode').getQuery();
      qb.andWhere(`adm.regionId IN ${regions}`, { regionCode: filter.regionCode });
    }
    if (filter?.isEligible != null) qb.andWhere('adm.isEligible = :isEligible', { isEligible: filter.isEligible });
    if (filter?.iso2In) {
      const codes = filter.iso2In.map((code) => code.toUpperCase());
      qb.andWhere('adm.iso2 IN (:...iso2In)', { iso2In: codes.length ? codes : [''] });
    }
    if (filter?.nameContains) {
      qb.andWhere(containsClause('adm.name', 'nameContains'), { nameContains: containsPattern(filter.nameContains) });
    }
    if (filter?.isRepresented != null) {
      const represented = qb.subQuery().select('pa.administrationId').from(ProfessionalAssociate, 'pa').getQuery();
      qb.andWhere(`adm.uuid ${filter.isRepresented ? 'IN' : 'NOT IN'} ${represented}`);
    }
    return paginate(qb, args, administrationOrder.toOrdering(orderBy));
  }

  pageForRegion(ctx: RequestContext, regionId: string, args: ConnectionArgs, orderBy?: AdministrationOrder | null) {
    return ctx.loaders
      .children('administrations-by-region', { entity: Administration, parentProperty: 'regionId' }, args, administrationOrder.toOrdering(orderBy))
      .load(regionId);
  }

  findByIso2(ctx: RequestContext, iso2: string) {
    return ctx.dataSource.getRepository(Administration).findOneBy({ iso2: iso2.toUpperCase() });
  }
}

/** Subquery of the ids of administrations in the region named by the `regionCode` parameter. */
export function administrationIdsInRegion(qb: { subQuery(): SelectQueryBuilder<ObjectLiteral> }): string {
  return qb.subQuery().select('r_adm.uuid').from(Administration, 'r_adm').innerJoin(Region, 'r_reg', 'r_reg.uuid = r_adm.regionId').where('r_reg.code = :regionCode').getQuery();
}
