import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsInt, IsOptional, Max, Min } from 'class-validator';
import { GraphQLURL } from 'graphql-scalars';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Text, Url } from '../../graphql/input/input-rules';
import { WebhookEventType } from './webhook-event-type';

export const WEBHOOK_URL_MAX = 2000;
const DESCRIPTION_MAX = 500;
const EVENT_TYPE_COUNT = Object.keys(WebhookEventType).length;

/** The URL's form only; where it points is checked by the service (resolving its host). */
const IsWebhookUrl = () =>
  Url(WEBHOOK_URL_MAX, (url) => /^https?:$/.test(url.protocol), `The URL must be an https address of at most ${WEBHOOK_URL_MAX} characters.`);

const EventTypes = () => (target: object, key: string | symbol) => {
  ArrayMinSize(1, { message: 'Choose at least one event type.' })(target, key as string);
  ArrayMaxSize(EVENT_TYPE_COUNT)(target, key as string);
  ArrayUnique({ message: 'An event type is named twice.' })(target, key as string);
};

@InputType({ description: 'A new webhook endpoint. ADMIN only. The payload shows its secret, once.' })
export class CreateWebhookEndpointInput {
  @Field(() => GraphQLURL, {
    description: `Where webhooks are POSTed: an https address (http to localhost in development) of at most ${WEBHOOK_URL_MAX} characters, whose host resolves to public addresses only (see README, "Webhooks", for WEBHOOK_ALLOWED_HOSTS and WEBHOOK_ALLOWED_CIDRS).`,
  })
  @IsWebhookUrl()
  url: URL;

  @Field(() => [WebhookEventType], { description: 'The events to send; at least one.' })
  @EventTypes()
  eventTypes: WebhookEventType[];

  @Field(() => String, { nullable: true, description: `What the receiver is, up to ${DESCRIPTION_MAX} characters; empty when omitted.` })
  @Text({ max: DESCRIPTION_MAX, min: 0, optional: true })
  description?: string | null;
}

@InputType({ description: 'Changes to a webhook endpoint; omitted fields stay as they are. ADMIN only.' })
export class UpdateWebhookEndpointInput {
  @Field(() => ID, { description: 'The WebhookEndpoint (its id from webhookEndpoints).' })
  endpointId: string;

  @Field(() => GraphQLURL, { nullable: true, description: 'A new address; the same rules as when registering.' })
  @IsOptional()
  @IsWebhookUrl()
  url?: URL | null;

  @Field(() => [WebhookEventType], { nullable: true, description: 'The events to send from now on; at least one.' })
  @IsOptional()
  @EventTypes()
  eventTypes?: WebhookEventType[] | null;

  @Field(() => String, { nullable: true, description: `What the receiver is, up to ${DESCRIPTION_MAX} characters.` })
  @Text({ max: DESCRIPTION_MAX, min: 0, optional: true })
  description?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'False disables the endpoint (nothing is sent; webhooks meanwhile are SKIPPED). True enables it again and clears its failure count and reason.',
  })
  @IsOptional()
  isEnabled?: boolean | null;
}

@InputType({ description: 'The webhook endpoint whose secret is replaced. ADMIN only. The payload shows the new secret, once.' })
export class RotateWebhookSecretInput {
  @Field(() => ID, { description: 'The WebhookEndpoint.' })
  endpointId: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Hours during which the previous secret still signs too (WEBHOOK_ROTATION_OVERLAP_HOURS when omitted); 0 ends it at once.',
  })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'The overlap cannot be negative.' })
  @Max(720, { message: 'The overlap is at most 720 hours (30 days).' })
  overlapHours?: number | null;
}

@InputType({ description: 'The webhook endpoint to delete, with its deliveries. ADMIN only.' })
export class DeleteWebhookEndpointInput {
  @Field(() => ID, { description: 'The WebhookEndpoint.' })
  endpointId: string;
}

@InputType({ description: 'A webhook delivery to send again, with the same webhook-id. ADMIN only.' })
export class ResendWebhookDeliveryInput {
  @Field(() => ID, { description: 'The delivery: an OutboxMessage of the WEBHOOK channel (from WebhookEndpoint.deliveries); SENT, SKIPPED or DEAD.' })
  deliveryId: string;
}
