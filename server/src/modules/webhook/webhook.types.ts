import { Field, InputType } from 'type-graphql';
import { OrderDirection } from '../../common/sort-direction';
import { BoundedEnumList } from '../../graphql/input-bounds';
import { ConnectionType } from '../../graphql/relay/connection';
import { defineOrder } from '../../graphql/relay/order';
import { OutboxMessageStatus } from '../../outbox/outbox-enums';
import { WebhookEndpoint } from './webhook-endpoint.entity';

export const WebhookEndpointConnection = ConnectionType(WebhookEndpoint, 'WebhookEndpoint', 'webhook endpoints');
export type WebhookEndpointConnection = InstanceType<typeof WebhookEndpointConnection>;

export const webhookEndpointOrder = defineOrder(
  'WebhookEndpoint',
  'webhook endpoints',
  { CREATED_AT: { property: 'createdAt', kind: 'date', description: 'Order by when the endpoint was registered.' } },
  { field: 'CREATED_AT', direction: OrderDirection.ASC },
);
export const WebhookEndpointOrder = webhookEndpointOrder.OrderInput;
export type WebhookEndpointOrder = InstanceType<typeof WebhookEndpointOrder>;

@InputType({ description: 'Narrows the webhook endpoints; all given conditions must hold.' })
export class WebhookEndpointFilter {
  @Field(() => Boolean, { nullable: true, description: 'Only enabled (true) or disabled (false) endpoints.' })
  isEnabled?: boolean | null;
}

@InputType({ description: 'Narrows an endpoint’s deliveries.' })
export class WebhookDeliveryFilter {
  @Field(() => [OutboxMessageStatus], { nullable: true, description: 'Only deliveries in one of these states, e.g. [DEAD].' })
  @BoundedEnumList(OutboxMessageStatus)
  statusIn?: OutboxMessageStatus[] | null;
}
