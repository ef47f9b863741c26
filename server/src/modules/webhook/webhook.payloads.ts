import { Field, ID, ObjectType } from 'type-graphql';
import { MutationPayload } from '../../graphql/mutations/payload';
import { OutboxMessage } from '../../outbox/outbox-message.entity';
import { WebhookEndpoint } from './webhook-endpoint.entity';

const SECRET_DESCRIPTION =
  'The signing secret ("whsec_" and base64), shown this once: CDP Hub keeps it encrypted and never shows it again. Give it to the receiver to verify `webhook-signature`. Null on failure.';

@ObjectType({ description: 'The result of createWebhookEndpoint.' })
export class CreateWebhookEndpointPayload extends MutationPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The new endpoint; null on failure.' })
  endpoint: WebhookEndpoint | null;

  @Field(() => String, { nullable: true, description: SECRET_DESCRIPTION })
  secret: string | null;
}

@ObjectType({ description: 'The result of updateWebhookEndpoint.' })
export class UpdateWebhookEndpointPayload extends MutationPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The endpoint as changed; null on failure.' })
  endpoint: WebhookEndpoint | null;
}

@ObjectType({ description: 'The result of rotateWebhookSecret.' })
export class RotateWebhookSecretPayload extends MutationPayload {
  @Field(() => WebhookEndpoint, { nullable: true, description: 'The endpoint, with previousSecretExpiresAt set when the old secret still signs; null on failure.' })
  endpoint: WebhookEndpoint | null;

  @Field(() => String, { nullable: true, description: SECRET_DESCRIPTION })
  secret: string | null;
}

@ObjectType({ description: 'The result of deleteWebhookEndpoint.' })
export class DeleteWebhookEndpointPayload extends MutationPayload {
  @Field(() => ID, { nullable: true, description: 'The ID of the deleted endpoint; null on failure.' })
  deletedEndpointId: string | null;
}

@ObjectType({ description: 'The result of resendWebhookDelivery.' })
export class ResendWebhookDeliveryPayload extends MutationPayload {
  @Field(() => OutboxMessage, { nullable: true, description: 'The delivery, PENDING again with no attempts; null on failure.' })
  delivery: OutboxMessage | null;
}
