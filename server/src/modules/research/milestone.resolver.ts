import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { isoDate } from '../../common/clock';
import type { RequestContext } from '../../graphql/context';
import { Milestone } from './milestone.entity';
import { ResearchProject } from './research-project.entity';

@Resolver(() => Milestone)
export class MilestoneResolver {
  @FieldResolver(() => ResearchProject, { description: 'The research project the milestone belongs to.' })
  research(@Root() milestone: Milestone, @Ctx() ctx: RequestContext): Promise<ResearchProject> {
    return ctx.loaders.required(ResearchProject, milestone.researchProjectId);
  }

  @FieldResolver(() => Boolean, { description: 'True when the due date has passed and the milestone is not completed.' })
  isOverdue(@Root() milestone: Milestone, @Ctx() ctx: RequestContext): boolean {
    return milestone.completedAt == null && milestone.dueDate < isoDate(ctx.clock.now());
  }
}
