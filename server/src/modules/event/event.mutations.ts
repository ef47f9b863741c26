import { Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { InputArg } from '../../graphql/mutations/input-arg';
import { runMutation } from '../../graphql/mutations/run-mutation';
import { EventScheduleService } from './event-schedule.service';
import { CancelEventInput, RescheduleEventInput, ScheduleEventInput } from './event.inputs';
import { CancelEventPayload, RescheduleEventPayload, ScheduleEventPayload } from './event.payloads';

@Resolver()
export class EventMutations {
  private readonly schedule = new EventScheduleService();

  @Mutation(() => ScheduleEventPayload, { description: 'Schedules a programme event, for a cohort or for the whole programme.' })
  scheduleEvent(@InputArg(ScheduleEventInput, 'The new event.') input: ScheduleEventInput, @Ctx() ctx: RequestContext): Promise<ScheduleEventPayload> {
    return runMutation(ctx, input, (c, i) => this.schedule.schedule(c, i), { event: null });
  }

  @Mutation(() => RescheduleEventPayload, { description: 'Changes the start, place, format or officiant of an event that is not cancelled.' })
  rescheduleEvent(
    @InputArg(RescheduleEventInput, 'The event and its changes.') input: RescheduleEventInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RescheduleEventPayload> {
    return runMutation(ctx, input, (c, i) => this.schedule.reschedule(c, i), { event: null });
  }

  @Mutation(() => CancelEventPayload, {
    description: 'Cancels an event, with the reason. It stays on record as cancelled; events lists leave it out unless filter.includeCancelled.',
  })
  cancelEvent(@InputArg(CancelEventInput, 'The event and why it is cancelled.') input: CancelEventInput, @Ctx() ctx: RequestContext): Promise<CancelEventPayload> {
    return runMutation(ctx, input, (c, i) => this.schedule.cancel(c, i), { event: null });
  }
}
