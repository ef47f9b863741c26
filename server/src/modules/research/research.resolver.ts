import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { Event } from '../event/event.entity';
import { Milestone } from './milestone.entity';
import { ResearchProject } from './research-project.entity';
import { ResearchService } from './research.service';
import { ResearchProjectConnection, ResearchProjectFilter, ResearchProjectOrder } from './research.types';

@Resolver(() => ResearchProject)
export class ResearchResolver {
  private readonly researchService = new ResearchService();

  @Query(() => ResearchProjectConnection, {
    description: 'Research projects. Anonymous callers see published research only.',
  })
  async researchProjects(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ResearchProjectFilter, { nullable: true, description: 'Conditions the projects must meet.' })
    filter: ResearchProjectFilter | null,
    @Arg('orderBy', () => ResearchProjectOrder, { nullable: true, description: 'Ordering; by title when omitted.' })
    orderBy: ResearchProjectOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ResearchProjectConnection> {
    return new ResearchProjectConnection(await this.researchService.list(ctx, args, filter, orderBy));
  }

  @Query(() => ResearchProjectConnection, {
    description:
      'Full-text search of research titles, themes and abstracts, most relevant first. Every word must match; the last word also matches as a prefix.',
  })
  async searchResearch(
    @Arg('query', () => String, { description: 'Words to look for, e.g. "e-commerce risk".' }) query: string,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<ResearchProjectConnection> {
    return new ResearchProjectConnection(await this.researchService.search(ctx, query, args));
  }

  @FieldResolver(() => ProfessionalAssociate, { description: 'The associate who carries out the research.' })
  associate(@Root() research: ResearchProject, @Ctx() ctx: RequestContext): Promise<ProfessionalAssociate> {
    return ctx.loaders.required(ProfessionalAssociate, research.associateId);
  }

  @FieldResolver(() => [String], { description: 'Themes of the research, most central first.' })
  themes(@Root() research: ResearchProject, @Ctx() ctx: RequestContext): Promise<string[]> {
    return this.researchService.themes(ctx, research.uuid);
  }

  @FieldResolver(() => [Milestone], { description: 'Milestones of the research by due date.' })
  milestones(@Root() research: ResearchProject, @Ctx() ctx: RequestContext): Promise<Milestone[]> {
    return this.researchService.milestones(ctx, research.uuid);
  }

  @FieldResolver(() => Event, { nullable: true, description: 'The reporting session at which the research was presented.' })
  async presentedAt(@Root() research: ResearchProject, @Ctx() ctx: RequestContext): Promise<Event | null> {
    return research.presentedAtId ? ctx.loaders.required(Event, research.presentedAtId) : null;
  }
}
