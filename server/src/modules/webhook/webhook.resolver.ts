import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { InputArg } from '../../graphql/mutations/input-arg';
import { runMutation } from '../../graphql/mutations/run-mutation';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { OutboxMessage } from '../../outbox/outbox-message.entity';
import { OutboxMessageConnection, OutboxMessageOrder } from '../outbox/outbox.types';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import {
  CreateWebhookEndpointInput,
  DeleteWebhookEndpointInput,
  ResendWebhookDeliveryInput,
  RotateWebhookSecretInput,
  UpdateWebhookEndpointInput,
} from './webhook.inputs';
import {
  CreateWebhookEndpointPayload,
  DeleteWebhookEndpointPayload,
  ResendWebhookDeliveryPayload,
  RotateWebhookSecretPayload,
  UpdateWebhookEndpointPayload,
} from './webhook.payloads';
import { WebhookService } from './webhook.service';
import { WebhookDeliveryFilter, WebhookEndpointConnection, WebhookEndpointFilter, WebhookEndpointOrder } from './webhook.types';

const webhookService = new WebhookService();

@Resolver(() => WebhookEndpoint)
export class WebhookResolver {
  @Query(() => WebhookEndpointConnection, { description: 'The webhook endpoints (other systems told of CDP Hub’s events), oldest first unless ordered otherwise.' })
  async webhookEndpoints(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => WebhookEndpointFilter, { nullable: true, description: 'Conditions the endpoints must meet.' })
    filter: WebhookEndpointFilter | null,
    @Arg('orderBy', () => WebhookEndpointOrder, { nullable: true, description: 'Ordering; oldest first when omitted.' })
    orderBy: WebhookEndpointOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<WebhookEndpointConnection> {
    return new WebhookEndpointConnection(await webhookService.list(ctx, args, filter, orderBy));
  }

  @FieldResolver(() => OutboxMessageConnection, {
    description: 'The webhooks sent or to be sent to this endpoint (outbox messages of the WEBHOOK channel), newest first unless ordered otherwise.',
  })
  async deliveries(
    @Root() endpoint: WebhookEndpoint,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => WebhookDeliveryFilter, { nullable: true, description: 'Conditions the deliveries must meet.' })
    filter: WebhookDeliveryFilter | null,
    @Arg('orderBy', () => OutboxMessageOrder, { nullable: true, description: 'Ordering; newest first when omitted.' })
    orderBy: OutboxMessageOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<OutboxMessageConnection> {
    return new OutboxMessageConnection(await webhookService.deliveries(ctx, endpoint, args, filter, orderBy));
  }

  @Mutation(() => CreateWebhookEndpointPayload, {
    description: 'Registers a webhook endpoint. Its secret is in the payload, this once. Events recorded from now on are sent to it.',
  })
  createWebhookEndpoint(
    @InputArg(CreateWebhookEndpointInput, 'The endpoint.') input: CreateWebhookEndpointInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateWebhookEndpointPayload> {
    return runMutation(ctx, input, (c, i) => webhookService.create(c, i), { endpoint: null, secret: null });
  }

  @Mutation(() => UpdateWebhookEndpointPayload, { description: 'Changes a webhook endpoint: its URL, events or description, or enables or disables it.' })
  updateWebhookEndpoint(
    @InputArg(UpdateWebhookEndpointInput, 'The changes.') input: UpdateWebhookEndpointInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateWebhookEndpointPayload> {
    return runMutation(ctx, input, (c, i) => webhookService.update(c, i), { endpoint: null });
  }

  @Mutation(() => RotateWebhookSecretPayload, {
    description: 'Gives a webhook endpoint a new secret (in the payload, this once); the previous one still signs during the overlap, so each webhook carries both signatures.',
  })
  rotateWebhookSecret(
    @InputArg(RotateWebhookSecretInput, 'The endpoint and the overlap.') input: RotateWebhookSecretInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RotateWebhookSecretPayload> {
    return runMutation(ctx, input, (c, i) => webhookService.rotate(c, i), { endpoint: null, secret: null });
  }

  @Mutation(() => DeleteWebhookEndpointPayload, { description: 'Deletes a webhook endpoint and its deliveries; nothing more is sent to it.' })
  deleteWebhookEndpoint(
    @InputArg(DeleteWebhookEndpointInput, 'The endpoint.') input: DeleteWebhookEndpointInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DeleteWebhookEndpointPayload> {
    return runMutation(ctx, input, (c, i) => webhookService.delete(c, i), { deletedEndpointId: null });
  }

  @Mutation(() => ResendWebhookDeliveryPayload, {
    description: 'Sends a webhook delivery again (SENT, SKIPPED or DEAD): PENDING with no attempts, with the same webhook-id.',
  })
  resendWebhookDelivery(
    @InputArg(ResendWebhookDeliveryInput, 'The delivery.') input: ResendWebhookDeliveryInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ResendWebhookDeliveryPayload> {
    return runMutation(ctx, input, (c, i) => webhookService.resend(c, i), { delivery: null });
  }
}

/** A webhook delivery's endpoint, on the outbox's messages. */
@Resolver(() => OutboxMessage)
export class WebhookDeliveryResolver {
  @FieldResolver(() => WebhookEndpoint, { nullable: true, description: 'The webhook endpoint a WEBHOOK message is for; null for an e-mail.' })
  endpoint(@Root() message: OutboxMessage, @Ctx() ctx: RequestContext): Promise<WebhookEndpoint | null> {
    return message.endpointId ? ctx.loaders.byId(WebhookEndpoint).load(message.endpointId) : Promise.resolve(null);
  }
}
