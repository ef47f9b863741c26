import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { AlumniActivity } from './alumni-activity.entity';
import { AlumniProfile } from './alumni-profile.entity';
import { AlumniService, MAX_NETWORK_EDGES, MAX_NETWORK_NODES } from './alumni.service';
import {
  AlumniActivityConnection,
  AlumniActivityOrder,
  AlumniFilter,
  AlumniNetwork,
  AlumniNetworkEdgeKind,
  AlumniProfileConnection,
  AlumniProfileOrder,
} from './alumni.types';

@Resolver(() => AlumniProfile)
export class AlumniResolver {
  private readonly alumniService = new AlumniService();

  @Query(() => AlumniProfileConnection, { description: 'Former associates and how they stay connected.' })
  async alumni(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => AlumniFilter, { nullable: true, description: 'Conditions the alumni must meet.' }) filter: AlumniFilter | null,
    @Arg('orderBy', () => AlumniProfileOrder, { nullable: true, description: 'Ordering; by creation when omitted.' })
    orderBy: AlumniProfileOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AlumniProfileConnection> {
    return new AlumniProfileConnection(await this.alumniService.list(ctx, args, filter, orderBy));
  }

  @Query(() => AlumniNetwork, {
    description: `The alumni network as nodes and edges, for a graph view. At most ${MAX_NETWORK_NODES} alumni and ${MAX_NETWORK_EDGES} edges; narrow larger networks with a filter or fewer kinds.`,
  })
  alumniNetwork(
    @Arg('filter', () => AlumniFilter, { nullable: true, description: 'Which alumni to include.' }) filter: AlumniFilter | null,
    @Arg('kinds', () => [AlumniNetworkEdgeKind], {
      nullable: true,
      description: 'Which kinds of edges to include; all when omitted, none for an empty list.',
    })
    kinds: AlumniNetworkEdgeKind[] | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AlumniNetwork> {
    return this.alumniService.network(ctx, filter, kinds ?? undefined);
  }

  @FieldResolver(() => ProfessionalAssociate, { description: 'The former associate.' })
  associate(@Root() profile: AlumniProfile, @Ctx() ctx: RequestContext): Promise<ProfessionalAssociate> {
    return ctx.loaders.required(ProfessionalAssociate, profile.associateId);
  }

  @FieldResolver(() => AlumniActivityConnection, { description: 'What the alumnus has done since the programme, newest first.' })
  async activities(
    @Root() profile: AlumniProfile,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('orderBy', () => AlumniActivityOrder, { nullable: true, description: 'Ordering; newest first when omitted.' })
    orderBy: AlumniActivityOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AlumniActivityConnection> {
    return new AlumniActivityConnection(await this.alumniService.activitiesFor(ctx, profile.uuid, args, orderBy));
  }
}

@Resolver(() => AlumniActivity)
export class AlumniActivityResolver {
  @FieldResolver(() => AlumniProfile, { description: 'The alumni profile the activity belongs to.' })
  alumniProfile(@Root() activity: AlumniActivity, @Ctx() ctx: RequestContext): Promise<AlumniProfile> {
    return ctx.loaders.required(AlumniProfile, activity.alumniProfileId);
  }
}
