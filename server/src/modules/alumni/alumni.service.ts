import type { RequestContext } from '../../graphql/context';
import type { ConnectionArgs } from '../../graphql/relay/connection';
import { AppError } from '../../graphql/errors';
import { toGlobalId } from '../../graphql/relay/global-id';
import { nodeTypeNameOf } from '../../graphql/relay/node';
import { paginate } from '../../graphql/relay/paginate';
import { Administration } from '../administration/administration.entity';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { whereAssociateMatches } from '../associate/associate-filters';
import { countedAssociateSql } from '../associate/counted-associates';
import { whereEquals } from '../../common/sql';
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

/** The graph is meant for a view; larger networks must be narrowed with a filter. */
export const MAX_NETWORK_NODES = 2000;
/** Each pair in a group is an edge, so edges grow with the square of a group; the view and the response stay bounded. */
export const MAX_NETWORK_EDGES = 10_000;

interface NetworkRow {
  associateId: string;
  label: string;
  liaison: boolean | number;
  cohortId: string;
  cohortLabel: string;
  iso2: string;
  region: RegionCode;
}

const GROUP_KEY: Record<AlumniNetworkEdgeKind, (row: NetworkRow) => string> = {
  SAME_COHORT: (row) => row.cohortId,
  SAME_ADMINISTRATION: (row) => row.iso2,
  SAME_REGION: (row) => row.region,
};

export class AlumniService {
  private filtered(ctx: RequestContext, filter?: AlumniFilter | null) {
    const qb = ctx.db.getRepository(AlumniProfile).createQueryBuilder('ap');
    if (filter?.isLiaisonPoint != null) whereEquals(qb, 'ap.isLiaisonPoint', filter.isLiaisonPoint);
    if (filter) {
      const { cohortId, administrationIso2, regionCode } = filter;
      whereAssociateMatches(qb, 'ap.associateId', { cohortId, administrationIso2, regionCode });
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

  /** The alumni graph of the counted associates in one statement; edges are computed in memory, one per pair and kind. */
  async network(ctx: RequestContext, filter?: AlumniFilter | null, kinds: AlumniNetworkEdgeKind[] = ALL_KINDS): Promise<AlumniNetwork> {
    const rows = await this.filtered(ctx, filter)
      .innerJoin(ProfessionalAssociate, 'pa', `pa.uuid = ap.associateId AND ${countedAssociateSql('pa.status')}`)
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
      .addOrderBy('pa.uuid', 'ASC')
      .limit(MAX_NETWORK_NODES + 1)
      .getRawMany<NetworkRow>();
    if (rows.length > MAX_NETWORK_NODES) {
      throw new AppError('BAD_USER_INPUT', `The network has more than ${MAX_NETWORK_NODES} alumni; narrow it with a filter.`, {
        argument: 'filter',
        maxNodes: MAX_NETWORK_NODES,
      });
    }

    const typeName = nodeTypeNameOf(ProfessionalAssociate);
    const nodes: AlumniNetworkNode[] = rows.map((r) => ({
      id: toGlobalId(typeName, r.associateId),
      label: r.label,
      region: r.region,
      administrationIso2: r.iso2,
      cohortLabel: r.cohortLabel,
      isLiaisonPoint: Boolean(r.liaison),
    }));
    const edges: AlumniNetworkEdge[] = [];
    for (const kind of new Set(kinds)) {
      const groups = new Map<string, number[]>();
      rows.forEach((row, index) => {
        const key = GROUP_KEY[kind](row);
        const members = groups.get(key);
        if (members) members.push(index);
        else groups.set(key, [index]);
      });
      for (const members of groups.values()) {
        // A group of n alumni links every pair: refused before its n(n-1)/2 edges are built.
        if (edges.length + (members.length * (members.length - 1)) / 2 > MAX_NETWORK_EDGES) {
          throw new AppError('BAD_USER_INPUT', `The network has more than ${MAX_NETWORK_EDGES} edges; narrow it with a filter or fewer kinds.`, {
            argument: 'filter',
            maxEdges: MAX_NETWORK_EDGES,
          });
        }
        for (let i = 0; i < members.length; i++) {
          for (let j = i + 1; j < members.length; j++) edges.push({ source: nodes[members[i]].id, target: nodes[members[j]].id, kind });
        }
      }
    }
    return { nodes, edges };
  }
}
