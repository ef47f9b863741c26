import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'The DEAD outbox message to send again. ADMIN only.' })
export class ResendOutboxMessageInput {
  @Field(() => ID, { description: 'The OutboxMessage (its id from outboxMessages); it must be DEAD.' })
  messageId: string;
}
