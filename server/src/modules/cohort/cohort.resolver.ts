import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { AssociateService } from '../associate/associate.service';
import { seatsTaken } from './cohort-seats';
import { ProfessionalAssociateConnection, ProfessionalAssociateOrder } from '../associate/associate.types';
import { Event } from '../event/event.entity';
import { EventService } from '../event/event.service';
import { Programme } from '../programme/programme.entity';
import { DEFAULT_PROGRAMME_CODE } from '../programme/programme.types';
import { Cohort } from './cohort.entity';
import { CohortService } from './cohort.service';
import { CohortConnection, CohortFilter, CohortOrder, InvitationConnection, InvitationOrder } from './cohort.types';

@Resolver(() => Cohort)
export class CohortResolver {
  private readonly cohortService = new CohortService();
  private readonly associateService = new AssociateService();
  private readonly eventService = new EventService();

  @Query(() => CohortConnection, { description: 'Cohorts of all programmes.' })
  async cohorts(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => CohortFilter, { nullable: true, description: 'Conditions the cohorts must meet.' }) filter: CohortFilter | null,
    @Arg('orderBy', () => CohortOrder, { nullable: true, description: 'Ordering; by label when omitted.' }) orderBy: CohortOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CohortConnection> {
    return new CohortConnection(await this.cohortService.list(ctx, args, filter, orderBy));
  }

  @Query(() => Cohort, { nullable: true, description: 'The cohort with this label in a programme, or null.' })
  cohort(
    @Arg('label', () => String, { description: 'Programme year, e.g. "2023-2024".' }) label: string,
    @Arg('programmeCode', () => String, {
      defaultValue: DEFAULT_PROGRAMME_CODE,
      description: 'Code of the programme the cohort belongs to.',
    })
    programmeCode: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Cohort | null> {
    return this.cohortService.findByLabel(ctx, label, programmeCode);
  }

  @FieldResolver(() => Programme, { description: 'The programme this cohort belongs to.' })
  programme(@Root() cohort: Cohort, @Ctx() ctx: RequestContext): Promise<Programme> {
    return ctx.loaders.required(Programme, cohort.programmeId);
  }

  @FieldResolver(() => ProfessionalAssociateConnection, {
    description: 'The Professional Associates of this cohort: those holding its seats, without those who DECLINED before the start.',
  })
  async associates(
    @Root() cohort: Cohort,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('orderBy', () => ProfessionalAssociateOrder, { nullable: true, description: 'Ordering; by name when omitted.' })
    orderBy: ProfessionalAssociateOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ProfessionalAssociateConnection> {
    return new ProfessionalAssociateConnection(await this.associateService.pageFor(ctx, 'cohortId', cohort.uuid, args, orderBy));
  }

  @FieldResolver(() => [Event], { description: 'Events of this cohort in time order, cancelled ones included (isCancelled): frontends show them struck through.' })
  events(@Root() cohort: Cohort, @Ctx() ctx: RequestContext): Promise<Event[]> {
    return this.eventService.forCohort(ctx, cohort.uuid);
  }

  @FieldResolver(() => InvitationConnection, { description: 'Invitations sent for this cohort.' })
  async invitations(
    @Root() cohort: Cohort,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('orderBy', () => InvitationOrder, { nullable: true, description: 'Ordering; by sending time when omitted.' })
    orderBy: InvitationOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<InvitationConnection> {
    return new InvitationConnection(await this.cohortService.invitationsFor(ctx, cohort.uuid, args, orderBy));
  }

  @FieldResolver(() => Int, {
    description:
      'Seats taken: the associates who count (every selected associate but those who DECLINED before the start), as the COHORT_FULL rule counts them.',
  })
  seatsTaken(@Root() cohort: Cohort, @Ctx() ctx: RequestContext): Promise<number> {
    return seatsTaken(ctx, cohort.uuid);
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Seats still free: capacity minus seatsTaken (never below 0); null when the capacity is not known.' })
  async seatsLeft(@Root() cohort: Cohort, @Ctx() ctx: RequestContext): Promise<number | null> {
    if (cohort.capacity == null) return null;
    return Math.max(0, cohort.capacity - (await seatsTaken(ctx, cohort.uuid)));
  }
}
