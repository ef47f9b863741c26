import { Field, ObjectType } from 'type-graphql';
import { MutationPayload } from '../../graphql/mutations/payload';
import { Event } from './event.entity';

@ObjectType()
abstract class EventChangePayload extends MutationPayload {
  @Field(() => Event, { nullable: true, description: 'The event as it now is; null on failure.' })
  event: Event | null;
}

@ObjectType({ description: 'The result of scheduleEvent.' })
export class ScheduleEventPayload extends EventChangePayload {}

@ObjectType({ description: 'The result of rescheduleEvent.' })
export class RescheduleEventPayload extends EventChangePayload {}

@ObjectType({ description: 'The result of cancelEvent.' })
export class CancelEventPayload extends EventChangePayload {}
