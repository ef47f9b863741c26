import { Field, ObjectType } from 'type-graphql';
import { MutationPayload } from '../../graphql/mutations/payload';
import { OutboxMessage } from '../../outbox/outbox-message.entity';

@ObjectType({ description: 'The result of resendOutboxMessage.' })
export class ResendOutboxMessagePayload extends MutationPayload {
  @Field(() => OutboxMessage, { nullable: true, description: 'The message, PENDING again with no attempts; null on failure.' })
  message: OutboxMessage | null;
}
