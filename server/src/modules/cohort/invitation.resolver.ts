import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { DateScalar } from '../../graphql/scalars/dates';
import { Administration } from '../administration/administration.entity';
import { Cohort } from './cohort.entity';
import { CohortService } from './cohort.service';
import { InvitationConnection, InvitationFilter, InvitationOrder } from './cohort.types';
import { Invitation } from './invitation.entity';
import { isOpenCohort, today } from './invitation-openness';

@Resolver(() => Invitation)
export class InvitationResolver {
  private readonly cohortService = new CohortService();

  @Query(() => InvitationConnection, {
    description: 'Invitations of every cohort; filter by administration (a focal point’s own) and by whether they are open.',
  })
  async invitations(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => InvitationFilter, { nullable: true, description: 'Conditions the invitations must meet.' }) filter: InvitationFilter | null,
    @Arg('orderBy', () => InvitationOrder, { nullable: true, description: 'Ordering; by sending time when omitted.' }) orderBy: InvitationOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<InvitationConnection> {
    return new InvitationConnection(await this.cohortService.listInvitations(ctx, args, filter, orderBy));
  }

  @FieldResolver(() => Cohort, { description: 'The cohort the invitation is for.' })
  cohort(@Root() invitation: Invitation, @Ctx() ctx: RequestContext): Promise<Cohort> {
    return ctx.loaders.required(Cohort, invitation.cohortId);
  }

  @FieldResolver(() => Administration, { description: 'The invited administration.' })
  administration(@Root() invitation: Invitation, @Ctx() ctx: RequestContext): Promise<Administration> {
    return ctx.loaders.required(Administration, invitation.administrationId);
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether nominations can be submitted on it now: the cohort is NOMINATIONS_OPEN and its nomination deadline is today or later.',
  })
  async isOpen(@Root() invitation: Invitation, @Ctx() ctx: RequestContext): Promise<boolean> {
    return isOpenCohort(await ctx.loaders.required(Cohort, invitation.cohortId), today(ctx));
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: "The cohort's nomination deadline: the last day nominations are accepted." })
  async nominationDeadline(@Root() invitation: Invitation, @Ctx() ctx: RequestContext): Promise<string | null> {
    return (await ctx.loaders.required(Cohort, invitation.cohortId)).nominationDeadline;
  }
}
