import { Field, ID, InputType } from 'type-graphql';
import { OrderDirection } from '../../common/sort-direction';
import { BoundedEnumList, BoundedId, BoundedList, BoundedText } from '../../graphql/input-bounds';
import { ConnectionType } from '../../graphql/relay/connection';
import { defineOrder } from '../../graphql/relay/order';
import { OutboxChannel, OutboxMessageStatus } from '../../outbox/outbox-enums';
import { OutboxMessage } from '../../outbox/outbox-message.entity';

export const OutboxMessageConnection = ConnectionType(OutboxMessage, 'OutboxMessage', 'outbox messages');
export type OutboxMessageConnection = InstanceType<typeof OutboxMessageConnection>;

export const outboxMessageOrder = defineOrder(
  'OutboxMessage',
  'outbox messages',
  {
    CREATED_AT: { property: 'createdAt', kind: 'date', description: 'Order by when the event was routed to the recipient.' },
  },
  { field: 'CREATED_AT', direction: OrderDirection.DESC },
);
export const OutboxMessageOrder = outboxMessageOrder.OrderInput;
export type OutboxMessageOrder = InstanceType<typeof OutboxMessageOrder>;

@InputType({ description: 'Narrows the outbox; all given conditions must hold.' })
export class OutboxMessageFilter {
  @Field(() => [OutboxMessageStatus], { nullable: true, description: 'Only messages in one of these states, e.g. [DEAD].' })
  @BoundedEnumList(OutboxMessageStatus)
  statusIn?: OutboxMessageStatus[] | null;

  @Field(() => OutboxChannel, { nullable: true, description: 'Only messages of this channel.' })
  channel?: OutboxChannel | null;

  @Field(() => [String], { nullable: true, description: 'Only messages of these events, e.g. ["NominationSubmitted"].' })
  @BoundedList(50)
  @BoundedText(60, { each: true })
  eventTypeIn?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Only messages to this User.' })
  @BoundedId()
  recipientId?: string | null;
}
