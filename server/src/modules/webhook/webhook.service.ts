import { systemClock } from '../../common/clock';
import { whereEquals } from '../../common/sql';
import { lockForUpdate } from '../../db/database';
import type { RequestContext } from '../../graphql/context';
import { AppError } from '../../graphql/errors';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import type { ConnectionArgs } from '../../graphql/relay/connection';
import { fromGlobalId } from '../../graphql/relay/global-id';
import { paginate } from '../../graphql/relay/paginate';
import { withTransaction } from '../../graphql/transaction';
import { OutboxChannel, OutboxMessageStatus } from '../../outbox/outbox-enums';
import { OutboxMessage } from '../../outbox/outbox-message.entity';
import { resolveReceiver } from '../../webhook/address-guard';
import { generateWebhookSecret, SecretBox } from '../../webhook/webhook-secret';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from '../../webhook/webhook-settings';
import { audit, changedFields } from '../audit/audit.service';
import { sendAgain } from '../outbox/outbox.service';
import { outboxMessageOrder, type OutboxMessageOrder } from '../outbox/outbox.types';
import { WebhookEndpoint } from './webhook-endpoint.entity';
import type {
  CreateWebhookEndpointInput,
  DeleteWebhookEndpointInput,
  ResendWebhookDeliveryInput,
  RotateWebhookSecretInput,
  UpdateWebhookEndpointInput,
} from './webhook.inputs';
import { webhookEndpointOrder, type WebhookDeliveryFilter, type WebhookEndpointFilter, type WebhookEndpointOrder } from './webhook.types';

/** The UUID behind an ID of a type that is not a Node (handed out by webhookEndpoints and deliveries only); INVALID_ID otherwise. */
function uuidOf(globalId: string, typeName: string, field: string): string {
  try {
    return fromGlobalId(globalId, new Set([typeName])).id;
  } catch (err) {
    if (err instanceof AppError) fail(UserErrorCode.INVALID_ID, `${field} must be the ID of a ${typeName}.`, field);
    throw err;
  }
}

/**
 * What the audit log keeps of an endpoint: never the secret; the URL without
 * its query, which some receivers use for a token of their own.
 */
const audited = (e: WebhookEndpoint) => {
  const url = new URL(e.url);
  return { url: `${url.origin}${url.pathname}`, description: e.description, eventTypes: e.eventTypes, isEnabled: e.isEnabled };
};

const settingsOf = (ctx: RequestContext): WebhookSettings => ctx.webhooks ?? DEFAULT_WEBHOOK_SETTINGS;

/** The ADMIN's registry of webhook endpoints; their deliveries are messages of the outbox's WEBHOOK channel. */
export class WebhookService {
  list(ctx: RequestContext, args: ConnectionArgs, filter?: WebhookEndpointFilter | null, orderBy?: WebhookEndpointOrder | null) {
    const qb = ctx.db.getRepository(WebhookEndpoint).createQueryBuilder('endpoint');
    if (filter?.isEnabled != null) whereEquals(qb, 'endpoint.isEnabled', filter.isEnabled);
    return paginate(qb, args, webhookEndpointOrder.toOrdering(orderBy));
  }

  /** One page of an endpoint's deliveries per endpoint, batched across the endpoints of a list. */
  deliveries(ctx: RequestContext, endpoint: WebhookEndpoint, args: ConnectionArgs, filter?: WebhookDeliveryFilter | null, orderBy?: OutboxMessageOrder | null) {
    const statuses = [...new Set(filter?.statusIn ?? [])].sort();
    // Enum values only, so they may stand in the SQL; the key names the shape of the condition.
    const where = statuses.length
      ? { key: `status:${statuses.join(',')}`, sql: (column: (p: string) => string) => `${column('status')} IN (${statuses.map((s) => `'${s}'`).join(', ')})` }
      : undefined;
    return ctx.loaders
      .children(`webhook-deliveries:${statuses.join(',')}`, { entity: OutboxMessage, parentProperty: 'endpointId', where }, args, outboxMessageOrder.toOrdering(orderBy))
      .load(endpoint.uuid);
  }

  /** Checks where a URL points (resolving its host) before any transaction: a refusal is the user error WEBHOOK_URL_REFUSED. */
  private async checkReceiver(ctx: RequestContext, url: URL): Promise<void> {
    try {
      await resolveReceiver(url, settingsOf(ctx));
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      fail(UserErrorCode.WEBHOOK_URL_REFUSED, `CDP Hub does not send webhooks there: ${why}.`, 'url');
    }
  }

  async create(ctx: RequestContext, input: CreateWebhookEndpointInput): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    await this.checkReceiver(ctx, input.url);
    const secret = generateWebhookSecret();
    const box = new SecretBox(ctx.auth.pepper);
    return withTransaction(ctx, async (tx) => {
      const now = tx.clock.now();
      const endpoint = tx.db.create(WebhookEndpoint, {
        url: input.url.href,
        description: input.description ?? '',
        eventTypes: input.eventTypes,
        secretSealed: box.seal(secret),
        previousSecretSealed: null,
        previousSecretExpiresAt: null,
        secretCreatedAt: now,
        isEnabled: true,
        disabledReason: null,
        disabledAt: null,
        consecutiveFailures: 0,
        lastSuccessAt: null,
        createdAt: now,
        updatedAt: now,
      });
      await tx.db.save(endpoint);
      await audit(tx, { operation: 'createWebhookEndpoint', entityType: 'WebhookEndpoint', entityId: endpoint.uuid, after: audited(endpoint) });
      return { endpoint, secret };
    });
  }

  private async locked(tx: RequestContext, endpointId: string): Promise<WebhookEndpoint> {
    const uuid = uuidOf(endpointId, 'WebhookEndpoint', 'endpointId');
    return (
      (await tx.db.findOne(WebhookEndpoint, { where: { uuid }, lock: lockForUpdate(tx.db) })) ??
      fail(UserErrorCode.WEBHOOK_ENDPOINT_NOT_FOUND, 'No webhook endpoint has this ID.', 'endpointId')
    );
  }

  async update(ctx: RequestContext, input: UpdateWebhookEndpointInput): Promise<{ endpoint: WebhookEndpoint }> {
    uuidOf(input.endpointId, 'WebhookEndpoint', 'endpointId');
    if (input.url) await this.checkReceiver(ctx, input.url);
    return withTransaction(ctx, async (tx) => {
      const endpoint = await this.locked(tx, input.endpointId);
      const before = audited(endpoint);
      if (input.url) endpoint.url = input.url.href;
      if (input.description != null) endpoint.description = input.description;
      if (input.eventTypes) endpoint.eventTypes = input.eventTypes;
      if (input.isEnabled === true && !endpoint.isEnabled) {
        Object.assign(endpoint, { isEnabled: true, disabledReason: null, disabledAt: null, consecutiveFailures: 0 });
      } else if (input.isEnabled === false && endpoint.isEnabled) {
        Object.assign(endpoint, { isEnabled: false, disabledReason: 'disabled by an ADMIN', disabledAt: tx.clock.now() });
      }
      endpoint.updatedAt = tx.clock.now();
      await tx.db.save(endpoint);
      const changes = changedFields(before, audited(endpoint));
      await audit(tx, { operation: 'updateWebhookEndpoint', entityType: 'WebhookEndpoint', entityId: endpoint.uuid, ...changes });
      return { endpoint };
    });
  }

  /**
   * A new secret; the previous one goes on signing for the overlap, so that
   * every webhook meanwhile carries both signatures and receivers can switch
   * secrets at their own pace. A rotation during an overlap drops the oldest.
   */
  async rotate(ctx: RequestContext, input: RotateWebhookSecretInput): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
    uuidOf(input.endpointId, 'WebhookEndpoint', 'endpointId');
    const secret = generateWebhookSecret();
    const box = new SecretBox(ctx.auth.pepper);
    const overlapMs = input.overlapHours != null ? input.overlapHours * 3_600_000 : settingsOf(ctx).rotationOverlapMs;
    return withTransaction(ctx, async (tx) => {
      const endpoint = await this.locked(tx, input.endpointId);
      // The worker's time, not the request's: the overlap is compared with the real time of each delivery.
      const expires = new Date(systemClock.now().getTime() + overlapMs);
      Object.assign(endpoint, {
        previousSecretSealed: overlapMs > 0 ? endpoint.secretSealed : null,
        previousSecretExpiresAt: overlapMs > 0 ? expires : null,
        secretSealed: box.seal(secret),
        secretCreatedAt: tx.clock.now(),
        updatedAt: tx.clock.now(),
      });
      await tx.db.save(endpoint);
      await audit(tx, {
        operation: 'rotateWebhookSecret',
        entityType: 'WebhookEndpoint',
        entityId: endpoint.uuid,
        // The secret itself is redacted by the audit log (only that it changed is kept).
        after: { secret: 'rotated', previousSecretExpiresAt: endpoint.previousSecretExpiresAt },
      });
      return { endpoint, secret };
    });
  }

  async delete(ctx: RequestContext, input: DeleteWebhookEndpointInput): Promise<{ deletedEndpointId: string }> {
    uuidOf(input.endpointId, 'WebhookEndpoint', 'endpointId');
    return withTransaction(ctx, async (tx) => {
      const endpoint = await this.locked(tx, input.endpointId);
      const id = endpoint.id;
      const before = audited(endpoint);
      // Its deliveries go with it (ON DELETE CASCADE), in flight ones included: their late results find no row.
      await tx.db.delete(WebhookEndpoint, { uuid: endpoint.uuid });
      await audit(tx, { operation: 'deleteWebhookEndpoint', entityType: 'WebhookEndpoint', entityId: endpoint.uuid, before });
      return { deletedEndpointId: id };
    });
  }

  /**
   * A delivery that ended (SENT, SKIPPED or DEAD) becomes PENDING with no
   * attempts, due at once, and goes out with the same webhook-id (a receiver
   * that keeps the IDs it has seen drops a copy of a SENT one).
   */
  async resend(ctx: RequestContext, input: ResendWebhookDeliveryInput): Promise<{ delivery: OutboxMessage }> {
    const uuid = uuidOf(input.deliveryId, 'OutboxMessage', 'deliveryId');
    return withTransaction(ctx, async (tx) => {
      const message = await tx.db.findOne(OutboxMessage, { where: { uuid }, lock: lockForUpdate(tx.db) });
      if (!message || message.channel !== OutboxChannel.WEBHOOK || !message.endpointId) {
        fail(UserErrorCode.WEBHOOK_DELIVERY_NOT_FOUND, 'No webhook delivery has this ID.', 'deliveryId');
      }
      if (message.status === OutboxMessageStatus.PENDING || message.status === OutboxMessageStatus.SENDING) {
        fail(UserErrorCode.WEBHOOK_DELIVERY_IN_FLIGHT, `The delivery is ${message.status}: it is on its way already.`, 'deliveryId');
      }
      const endpoint = await tx.db.findOneBy(WebhookEndpoint, { uuid: message.endpointId });
      if (!endpoint?.isEnabled) fail(UserErrorCode.WEBHOOK_ENDPOINT_DISABLED, 'The endpoint is disabled: enable it first (updateWebhookEndpoint).', 'deliveryId');
      await sendAgain(tx, message, 'resendWebhookDelivery');
      return { delivery: message };
    });
  }
}
