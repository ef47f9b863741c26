import { DateTimeScalar } from '../../graphql/scalars/dates';
import { Field, ID, InputType } from 'type-graphql';
import { OrderDirection } from '../../common/sort-direction';
import { ConnectionType } from '../../graphql/relay/connection';
import { defineOrder } from '../../graphql/relay/order';
import { Event } from './event.entity';
import { EventKind } from './event-kind';
import { BoundedEnumList, BoundedId } from '../../graphql/input-bounds';
import { InDateRange } from '../../graphql/input/input-rules';

export const EventConnection = ConnectionType(Event, 'Event', 'events');
export type EventConnection = InstanceType<typeof EventConnection>;

export const eventOrder = defineOrder(
  'Event',
  'events',
  {
    STARTS_AT: { property: 'startsAt', kind: 'date', description: 'Order by start time.' },
    TITLE: { property: 'title', kind: 'string', description: 'Order by title.' },
  },
  { field: 'STARTS_AT', direction: OrderDirection.ASC },
);
export const EventOrder = eventOrder.OrderInput;
export type EventOrder = InstanceType<typeof EventOrder>;

@InputType({ description: 'Narrows a list of events; all given conditions must hold.' })
export class EventFilter {
  @BoundedEnumList(EventKind)
  @Field(() => [EventKind], { nullable: true, description: 'Only events of one of these kinds.' })
  kindIn?: EventKind[] | null;

  @BoundedId()
  @Field(() => ID, { nullable: true, description: 'Only events of this cohort (a Cohort ID).' })
  cohortId?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only events that start at or after this instant.' })
  @InDateRange({ optional: true })
  startsFrom?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only events that start before this instant.' })
  @InDateRange({ optional: true })
  startsBefore?: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Also list cancelled events (isCancelled), which are left out by default.',
  })
  includeCancelled?: boolean | null;
}
