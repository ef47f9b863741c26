import { createHash } from 'node:crypto';
import { AppError } from '../../graphql/errors';
import type { RequestContext } from '../../graphql/context';
import type { ConnectionArgs, Page } from '../../graphql/relay/connection';
import type { Ordering } from '../../graphql/relay/cursor';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { paginate, paginateRawSliced } from '../../graphql/relay/paginate';
import { OrderDirection } from '../../common/sort-direction';
import { whereAssociateMatches } from '../associate/associate-filters';
import { whereEquals, whereIn } from '../../common/sql';
import { Milestone } from './milestone.entity';
import { ResearchProject } from './research-project.entity';
import { queryTerms, researchSearchIndex } from './research-search';
import { ResearchTheme } from './research-theme.entity';
import { canSeeResearch, scopeVisibleResearch } from './research-visibility';
import { researchOrder, type ResearchProjectFilter, type ResearchProjectOrder } from './research.types';

/** Relevance for these search words: a cursor from one search is refused by another. */
function relevanceFor(terms: string[]): Ordering {
  const words = createHash('sha256').update(terms.join(' ').toLowerCase()).digest('base64url').slice(0, 12);
  return { field: { key: `relevance:${words}`, property: 'rank', kind: 'number' }, direction: OrderDirection.ASC };
}

export class ResearchService {
  list(ctx: RequestContext, args: ConnectionArgs, filter?: ResearchProjectFilter | null, orderBy?: ResearchProjectOrder | null) {
    const qb = scopeVisibleResearch(ctx.db.getRepository(ResearchProject).createQueryBuilder('rp'), 'rp', ctx.viewer);
    if (filter?.statusIn) whereIn(qb, 'rp.status', filter.statusIn);
    if (filter?.theme) {
      const themed = qb.subQuery().select('t.researchProjectId').from(ResearchTheme, 't');
      whereEquals(themed, 'LOWER(t.theme)', filter.theme.trim().toLowerCase());
      qb.andWhere(`rp.uuid IN ${themed.getQuery()}`, themed.getParameters());
    }
    if (filter) {
      const { cohortId, administrationIso2, regionCode } = filter;
      whereAssociateMatches(qb, 'rp.associateId', { cohortId, administrationIso2, regionCode });
    }
    return paginate(qb, args, researchOrder.toOrdering(orderBy));
  }

  /** Full-text search over title, themes and abstract, most relevant first. */
  async search(ctx: RequestContext, text: string, args: ConnectionArgs): Promise<Page<ResearchProject>> {
    const terms = queryTerms(text);
    if (!terms.length) {
      throw new AppError('BAD_USER_INPUT', 'The search query must contain at least one word.', { argument: 'query' });
    }
    const matches = researchSearchIndex.matchesSql(ctx.db, terms);
    const candidates = ctx.db
      .createQueryBuilder()
      .select('m.id', 'uuid')
      .addSelect('m.rank', 'rank')
      .from(`(${matches.sql})`, 'm')
      .setParameters(matches.parameters);
    const counted = ctx.db.createQueryBuilder().select('m.id', 'uuid').from(`(${matches.countSql})`, 'm').setParameters(matches.parameters);
    // Visibility is checked on the top of the ranking rather than on each of thousands of matches.
    const visible = (qb: SelectQueryBuilder<ObjectLiteral>) => scopeVisibleResearch(qb.innerJoin(ResearchProject, 'rp', 'rp.uuid = c.uuid'), 'rp', ctx.viewer);
    const parse = (raw: Record<string, unknown>) => ({ uuid: String(raw.uuid), rank: Number(raw.rank) });
    const page = await paginateRawSliced(candidates, counted, { sort: 'm.rank', id: 'm.id' }, args, relevanceFor(terms), parse, visible);
    const projects = await ctx.loaders.byId(ResearchProject).loadMany(page.edges.map((e) => e.node.uuid));
    return {
      ...page,
      edges: page.edges.flatMap((e, i) => {
        const node = projects[i];
        return node instanceof ResearchProject ? [{ cursor: e.cursor, node }] : [];
      }),
    };
  }

  /** The associate's research, or null when there is none or the viewer may not see it. */
  async forAssociate(ctx: RequestContext, associateId: string): Promise<ResearchProject | null> {
    const research = await ctx.loaders.oneBy(ResearchProject, 'associateId').load(associateId);
    return research && canSeeResearch(ctx.viewer, research) ? research : null;
  }

  async themes(ctx: RequestContext, researchId: string): Promise<string[]> {
    const rows = await ctx.loaders.manyBy(ResearchTheme, 'researchProjectId', { position: 'ASC' }).load(researchId);
    return rows.map((r) => r.theme);
  }

  milestones(ctx: RequestContext, researchId: string): Promise<Milestone[]> {
    return ctx.loaders.manyBy(Milestone, 'researchProjectId', { dueDate: 'ASC' }).load(researchId);
  }
}
