import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { Cohort } from '../cohort/cohort.entity';
import { Programme } from '../programme/programme.entity';
import { Event } from './event.entity';
import { EventService } from './event.service';
import { EventConnection, EventFilter, EventOrder } from './event.types';

@Resolver(() => Event)
export class EventResolver {
  private readonly eventService = new EventService();

  @Query(() => EventConnection, { description: 'Programme events: commencements, reporting sessions, ceremonies and more.' })
  async events(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => EventFilter, { nullable: true, description: 'Conditions the events must meet.' }) filter: EventFilter | null,
    @Arg('orderBy', () => EventOrder, { nullable: true, description: 'Ordering; by start time when omitted.' }) orderBy: EventOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<EventConnection> {
    return new EventConnection(await this.eventService.list(ctx, args, filter, orderBy));
  }

  @FieldResolver(() => Programme, { description: 'The programme the event belongs to.' })
  programme(@Root() event: Event, @Ctx() ctx: RequestContext): Promise<Programme> {
    return ctx.loaders.required(Programme, event.programmeId);
  }

  @FieldResolver(() => Cohort, { nullable: true, description: 'The cohort the event is for; null for programme-wide events.' })
  async cohort(@Root() event: Event, @Ctx() ctx: RequestContext): Promise<Cohort | null> {
    return event.cohortId ? ctx.loaders.required(Cohort, event.cohortId) : null;
  }
}
