import { whereContains, whereEquals, whereIn } from '../../common/sql';
import type { RequestContext } from '../../graphql/context';
import type { ConnectionArgs } from '../../graphql/relay/connection';
import { paginate } from '../../graphql/relay/paginate';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { countedAssociateSql } from '../associate/counted-associates';
import { Region } from '../region/region.entity';
import { Administration } from './administration.entity';
import { administrationOrder, type AdministrationFilter, type AdministrationOrder } from './administration.types';

export class AdministrationService {
  list(ctx: RequestContext, args: ConnectionArgs, filter?: AdministrationFilter | null, orderBy?: AdministrationOrder | null) {
    const qb = ctx.db.getRepository(Administration).createQueryBuilder('adm');
    if (filter?.regionCode) {
      const regions = qb.subQuery().select('r.uuid').from(Region, 'r');
      whereEquals(regions, 'r.code', filter.regionCode);
      qb.andWhere(`adm.regionId IN ${regions.getQuery()}`, regions.getParameters());
    }
    if (filter?.isEligible != null) whereEquals(qb, 'adm.isEligible', filter.isEligible);
    if (filter?.iso2In) whereIn(qb, 'adm.iso2', filter.iso2In.map((code) => code.toUpperCase()));
    if (filter?.nameContains) whereContains(qb, 'adm.name', filter.nameContains);
    if (filter?.isRepresented != null) {
      // Represented by an associate who counts, as in programmeStatistics.
      const represented = qb.subQuery().select('pa.administrationId').from(ProfessionalAssociate, 'pa').where(countedAssociateSql('pa.status')).getQuery();
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
    return ctx.db.getRepository(Administration).findOneBy({ iso2: iso2.toUpperCase() });
  }
}
