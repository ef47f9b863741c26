import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { Administration } from '../administration/administration.entity';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { Cohort } from '../cohort/cohort.entity';
import { Nomination } from './nomination.entity';
import { NominationService } from './nomination.service';
import { NominationConnection, NominationFilter, NominationOrder } from './nomination.types';

@Resolver(() => Nomination)
export class NominationResolver {
  private readonly nominationService = new NominationService();

  @Query(() => NominationConnection, {
    description:
      'Nominations visible to the signed-in user: all for ADMIN and REVIEWER, their own administration’s for a FOCAL_POINT.',
  })
  async nominations(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => NominationFilter, { nullable: true, description: 'Conditions the nominations must meet.' })
    filter: NominationFilter | null,
    @Arg('orderBy', () => NominationOrder, { nullable: true, description: 'Ordering; by submission time when omitted.' })
    orderBy: NominationOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<NominationConnection> {
    return new NominationConnection(await this.nominationService.list(ctx, args, filter, orderBy));
  }

  @FieldResolver(() => Cohort, { description: 'The cohort the candidate is nominated for.' })
  cohort(@Root() nomination: Nomination, @Ctx() ctx: RequestContext): Promise<Cohort> {
    return ctx.loaders.required(Cohort, nomination.cohortId);
  }

  @FieldResolver(() => Administration, { description: 'The nominating administration.' })
  administration(@Root() nomination: Nomination, @Ctx() ctx: RequestContext): Promise<Administration> {
    return ctx.loaders.required(Administration, nomination.administrationId);
  }

  @FieldResolver(() => ProfessionalAssociate, {
    nullable: true,
    description: 'The Professional Associate the selection created; null until the nomination is SELECTED.',
  })
  associate(@Root() nomination: Nomination, @Ctx() ctx: RequestContext): Promise<ProfessionalAssociate | null> {
    return ctx.loaders.oneBy(ProfessionalAssociate, 'nominationId').load(nomination.uuid);
  }
}
