import { In } from 'typeorm';
import { AppError } from '../../graphql/errors';
import type { RequestContext } from '../../graphql/context';
import type { ConnectionArgs, Page } from '../../graphql/relay/connection';
import { paginate, paginateRaw } from '../../graphql/relay/paginate';
import { OrderDirection } from '../../common/sort-direction';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { applyAssociateFilter } from '../associate/associate.service';
import { Milestone } from './milestone.entity';
import { ResearchProject } from './research-project.entity';
import { queryTerms, researchSearchIndex } from './research-search';
import { ResearchTheme } from './research-theme.entity';
import { canSeeResearch, scopeVisibleResearch } from './research-visibility';
import { researchOrder, type ResearchProjectFilter, type ResearchProjectOrder } from './research.types';

const RELEVANCE = { field: { key: 'relevance', property: 'rank', kind: 'number' as const }, direction: OrderDirection.ASC };

export class ResearchService {
  list(ctx: RequestContext, args: ConnectionArgs, filter?: ResearchProjectFilter | null, orderBy?: ResearchProjectOrder | null) {
    const qb = scopeVisibleResearch(ctx.dataSource.getRepository(ResearchProject).createQueryBuilder('rp'), 'rp', ctx.viewer);
    if (filter?.statusIn) qb.andWhere('rp.status IN (:...statusIn)', { statusIn: filter.statusIn.length ? filter.statusIn : [''] });
    if (filter?.theme) {
      const themed = qb.subQuery().select('t.researchProjectId').from(ResearchTheme, 't').where('LOWER(t.theme) = :theme').getQuery();
      qb.andWhere(`rp.uuid IN ${themed}`, { theme: filter.theme.trim().toLowerCase() });
    }
    if (filter?.cohortId || filter?.administrationIso2 || filter?.regionCode) {
      const associates = applyAssociateFilter(
        qb.subQuery().select('f_pa.uuid').from(ProfessionalAssociate, 'f_pa'),
        'f_pa',
        { cohortId: filter.cohortId, administrationIso2: filter.administrationIso2, regionCode: filter.regionCode },
      );
      qb.andWhere(`rp.associateId IN ${associates.getQuery()}`, associates.getParameters());
    }
    return paginate(qb, args, researchOrder.toOrdering(orderBy));
  }

  /** Full-text search over title, themes and abstract, most relevant first. */
  async search(ctx: RequestContext, text: string, args: ConnectionArgs): Promise<Page<ResearchProject>> {
    const terms = queryTerms(text);
    if (!terms.length) {
      throw new AppError('BAD_USER_INPUT', 'The search query must contain at least one word.', { argument: 'query' });
    }
    const matches = researchSearchIndex.matchesSql(ctx.dataSource.manager, terms);
    const qb = ctx.dataSource
      .createQueryBuilder()
      .select('m.id', 'uuid')
      .addSelect('m.rank', 'rank')
      .from(`(${matches.sql})`, 'm')
      .innerJoin(ResearchProject, 'rp', 'rp.uuid = m.id')
      .setParameters(matches.parameters);
    scopeVisibleResearch(qb, 'rp', ctx.viewer);
    const page = await paginateRaw(qb, { sort: 'm.rank', id: 'm.id' }, args, RELEVANCE, (raw) => ({
      uuid: String(raw.uuid),
      rank: Number(raw.rank),
    }));
    const projects = await ctx.dataSource
      .getRepository(ResearchProject)
      .findBy({ uuid: In(page.edges.map((e) => e.node.uuid)) });
    const byId = new Map(projects.map((p) => [p.uuid, p]));
    return {
      ...page,
      edges: page.edges.flatMap((e) => {
        const node = byId.get(e.node.uuid);
        return node ? [{ cursor: e.cursor, node }] : [];
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
