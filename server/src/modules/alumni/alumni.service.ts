import type { RequestContext } from '../../graphql/context';
import type { ConnectionArgs } from '../../graphql/relay/connection';
import { toGlobalId } from '../../graphql/relay/global-id';
import { paginate } from '../../graphql/relay/paginate';
import { Administration } from '../administration/administration.entity';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { applyAssociateFilter } from '../associate/associate.service';
import { Cohort } from '../cohort/cohort.entity';
import { Region, type RegionCode } from '../region/region.entity';
import { AlumniActivity } from './alumni-activity.entity';
import { AlumniProfile } from './alumni-profile.entity';
import {
  activityOrder,
  alumniOrder,
  AlumniNetworkEdgeKind,
  type AlumniActivityOrder,
  type AlumniFilter,
  type AlumniNetwork,
  type AlumniNetworkEdge,
  type AlumniNetworkNode,
  type AlumniProfileOrder,
} from './alumni.types';

const ALL_KINDS = Object.values(AlumniNetworkEdgeKind);

export class AlumniService {
  private filtered(ctx: RequestContext, filter?: AlumniFilter | null) {
    const qb = ctx.dataSource.getRepository(AlumniProfile).createQueryBuilder('ap');
    if (filter?.isLiaisonPoint != null) qb.andWhere('ap.isLiaisonPoint = :liaison', { liaison: filter.isLiaisonPoint });
    if (filter?.cohortId || filter?.administrationIso2 || filter?.regionCode) {
      const associates = applyAssociateFilter(qb.subQuery().select('f_pa.uuid').from(ProfessionalAssociate, 'f_pa'), 'f_pa', {
        cohortId: filter.cohortId,
        administrationIso2: filter.administrationIso2,
        regionCode: filter.regionCode,
      });
      qb.andWhere(`ap.associateId IN ${associates.getQuery()}`, associates.getParameters());
    }
    return qb;
  }

  list(ctx: RequestContext, args: ConnectionArgs, filter?: AlumniFilter | null, orderBy?: AlumniProfileOrder | null) {
    return paginate(this.filtered(ctx, filter), args, alumniOrder.toOrdering(orderBy));
  }

  activitiesFor(ctx: RequestContext, profileId: string, args: ConnectionArgs, orderBy?: AlumniActivityOrder | null) {
    return ctx.loaders
      .children('activities-by-profile', { entity: AlumniActivity, parentProperty: 'alumniProfileId' }, args, activityOrder.toOrdering(orderBy))
      .load(profileId);
  }

  /** The alumni graph in one statement; edges are computed in memory, one per pair and kind. */
  async network(ctx: RequestContext, filter?: AlumniFilter | null, kinds: AlumniNetworkEdgeKind[] = ALL_KINDS): Promise<AlumniNetwork> {
    const rows = await this.filtered(ctx, filter)
      .innerJoin(ProfessionalAssociate, 'pa', 'pa.uuid = ap.associateId')
      .innerJoin(Cohort, 'co', 'co.uuid = pa.cohortId')
      .innerJoin(Administration, 'adm', 'adm.uuid = pa.administrationId')
      .innerJoin(Region, 'reg', 'reg.uuid = adm.regionId')
      .select('pa.uuid', 'associateId')
      .addSelect('pa.fullName', 'label')
      .addSelect('ap.isLiaisonPoint', 'liaison')
      .addSelect('co.uuid', 'cohortId')
      .addSelect('co.label', 'cohortLabel')
      .addSelect('adm.iso2', 'iso2')
      .addSelect('reg.code', 'region')
      .orderBy('co.label', 'ASC')
      .addOrderBy('pa.fullName', 'ASC')
      .getRawMany<{ associateId: string; label: string; liaison: boolean | number; cohortId: string; cohortLabel: string; iso2: string; region: RegionCode }>();

    const nodes: AlumniNetworkNode[] = rows.map((r) => ({
      id: toGlobalId('ProfessionalAssociate', r.associateId),
      label: r.label,
      region: r.region,
      administrationIso2: r.iso2,
      cohortLabel: r.cohortLabel,
      isLiaisonPoint: Boolean(r.liaison),
    }));
    const wanted = new Set(kinds.length ? kinds : ALL_KINDS);
    const groupers: Array<[AlumniNetworkEdgeKind, (r: (typeof rows)[number]) => string]> = [
      [AlumniNetworkEdgeKind.SAME_COHORT, (r) => r.cohortId],
      [AlumniNetworkEdgeKind.SAME_ADMINISTRATION, (r) => r.iso2],
      [AlumniNetworkEdgeKind.SAME_REGION, (r) => r.region],
    ];
    const edges: AlumniNetworkEdge[] = [];
    for (const [kind, keyOf] of groupers) {
      if (!wanted.has(kind)) continue;
      const groups = new Map<string, number[]>();
      rows.forEach((r, i) => groups.set(keyOf(r), [...(groups.get(keyOf(r)) ?? []), i]));
      for (const members of groups.values()) {
        for (let a = 0; a < members.length; a++) {
          for (let b = a + 1; b < members.length; b++) {
            edges.push({ source: nodes[members[a]].id, target: nodes[members[b]].id, kind });
          }
        }
      }
    }
    return { nodes, edges };
  }
}
