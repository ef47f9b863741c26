import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuthSettings } from '../auth/auth-settings';
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import type { Database } from '../db/database';
import { createRequestContext } from '../graphql/context';
import { withTransaction } from '../graphql/transaction';
import { audit } from '../modules/audit/audit.service';
import { WebhookEndpoint } from '../modules/webhook/webhook-endpoint.entity';
import type { ChannelHandler, DeliveryBatch, DeliveryFailure, DeliveryOutcome } from '../outbox/channel';
import type { RecordedEvent } from '../outbox/event-catalogue';
import { OutboxChannel } from '../outbox/outbox-enums';
import type { OutboxMessage } from '../outbox/outbox-message.entity';
import { runNamed } from '../outbox/outbox-sql';
import { recordEvent } from '../outbox/record-event';
import { RefusedAddress, resolveReceiver } from './address-guard';
import { postPinned, ReceiverStatusError } from './http-post';
import { isWebhookEvent, webhookBody } from './webhook-events';
import { SecretBox, signWebhook } from './webhook-secret';
import type { WebhookSettings } from './webhook-settings';

const MAX_DESCRIPTION = 500;
/** How stale lastSuccessAt may grow while an endpoint keeps succeeding. */
const SUCCESS_NOTE_MS = 60_000;

export interface WebhookChannelOptions {
  database: Database;
  /** The pepper seals the secrets (SecretBox); a disabling's audit entry is written as "system:webhooks". */
  auth: AuthSettings;
  settings: WebhookSettings;
  /** The worker's clock: webhook-timestamp must be the real time, which receivers compare with theirs. */
  clock: Clock;
  logger: Logger;
}

/**
 * Webhooks as a channel of the outbox: each event goes to every enabled
 * endpoint subscribed to its type, one message per endpoint, signed as the
 * Standard Webhooks specification says. `webhook-id` is the message's
 * idempotency key, the same on every attempt. The worker retries failures
 * with its backoff; an endpoint that fails `disableAfterFailures` times in a
 * row is disabled, with the reason on it and an audit entry.
 */
export class WebhookChannel implements ChannelHandler {
  readonly channel = OutboxChannel.WEBHOOK;
  readonly recipientKind = 'endpoint' as const;
  private readonly box: SecretBox;

  constructor(private readonly options: WebhookChannelOptions) {
    this.box = new SecretBox(options.auth.pepper);
  }

  async recipients(db: EntityManager, event: RecordedEvent): Promise<string[]> {
    if (!isWebhookEvent(event.type)) return [];
    // Endpoints are few (a registry of the WCO's systems): read the enabled ones and match their types here.
    const endpoints = await db.find(WebhookEndpoint, { select: { uuid: true, eventTypes: true }, where: { isEnabled: true } });
    return endpoints.filter((e) => (e.eventTypes as string[]).includes(event.type)).map((e) => e.uuid);
  }

  async deliver(message: OutboxMessage, event: RecordedEvent, { loaders }: DeliveryBatch): Promise<DeliveryOutcome> {
    // One statement for the endpoints of the whole batch.
    const endpoint = message.endpointId ? await loaders.byId(WebhookEndpoint).load(message.endpointId) : null;
    if (!endpoint) return { status: 'skipped', reason: 'the webhook endpoint was deleted' };
    if (!endpoint.isEnabled) return { status: 'skipped', reason: 'the webhook endpoint is disabled' };
    try {
      const url = new URL(endpoint.url);
      // Checked again at every delivery: the name may resolve elsewhere now, or the rules may have changed.
      const pinned = await resolveReceiver(url, this.options.settings);
      const body = webhookBody(event);
      const now = this.options.clock.now();
      const timestamp = Math.floor(now.getTime() / 1000);
      const headers = {
        'content-type': 'application/json',
        'user-agent': 'CDP-Hub-Webhooks/1',
        'webhook-id': message.idempotencyKey,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': this.signatures(endpoint, now)
          .map((secret) => signWebhook(secret, message.idempotencyKey, timestamp, body))
          .join(' '),
      };
      await postPinned(url, pinned, headers, body, this.options.settings.timeoutMs, this.options.settings.ca);
    } catch (err) {
      await this.failed(endpoint, this.describeFailure(err).description);
      throw err;
    }
    await this.succeeded(endpoint);
    return { status: 'sent' };
  }

  /** The secrets that sign now: the current one, and the previous one during a rotation's overlap. */
  private signatures(endpoint: WebhookEndpoint, now: Date): string[] {
    const secrets = [this.box.open(endpoint.secretSealed)];
    if (endpoint.previousSecretSealed && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt.getTime() > now.getTime()) {
      secrets.push(this.box.open(endpoint.previousSecretSealed));
    }
    return secrets;
  }

  /**
   * Clears the failure count and notes the success: at once after failures,
   * otherwise at most once a minute per endpoint (and batch), so that a busy
   * endpoint does not cost a write per webhook. lastSuccessAt is to the minute.
   */
  private async succeeded(endpoint: WebhookEndpoint): Promise<void> {
    const now = this.options.clock.now().getTime();
    if (endpoint.consecutiveFailures === 0 && endpoint.lastSuccessAt && now - endpoint.lastSuccessAt.getTime() < SUCCESS_NOTE_MS) return;
    endpoint.lastSuccessAt = new Date(now);
    await this.options.database.transaction(
      (db) => db.update(WebhookEndpoint, { uuid: endpoint.uuid }, { consecutiveFailures: 0, lastSuccessAt: this.options.clock.now() }),
      this.options.clock,
      undefined,
      { bumpsDataVersion: false },
    );
  }

  /** Counts a failure; at the threshold disables the endpoint, with its reason and an audit entry, in one transaction. */
  private async failed(endpoint: WebhookEndpoint, description: string): Promise<void> {
    const { database, settings, clock, logger, auth } = this.options;
    const ctx = createRequestContext({ requestId: `webhook-${randomUUID()}`, database, clock, log: logger, auth, actorLabel: 'system:webhooks' });
    await withTransaction(ctx, async (tx) => {
      await runNamed(tx.db, `UPDATE "webhook_endpoint" SET "consecutiveFailures" = "consecutiveFailures" + 1 WHERE "id" = :id`, { id: endpoint.uuid });
      const current = await tx.db.findOneBy(WebhookEndpoint, { uuid: endpoint.uuid });
      // The batch's other deliveries to this endpoint read the same object: they see the count, and a disabling.
      if (current) endpoint.consecutiveFailures = current.consecutiveFailures;
      if (!current?.isEnabled || current.consecutiveFailures < settings.disableAfterFailures) return;
      const reason = `disabled after ${current.consecutiveFailures} failed deliveries in a row; the last: ${description}`.slice(0, MAX_DESCRIPTION);
      const now = clock.now();
      await tx.db.update(WebhookEndpoint, { uuid: current.uuid }, { isEnabled: false, disabledReason: reason, disabledAt: now, updatedAt: now });
      endpoint.isEnabled = false;
      // The notice: a letter to every active ADMIN, sent after this commit like any event's.
      await recordEvent(tx, 'WebhookEndpointDisabled', { endpointId: current.id, failures: current.consecutiveFailures });
      await audit(tx, {
        operation: 'disableWebhookEndpoint',
        entityType: 'WebhookEndpoint',
        entityId: current.uuid,
        before: { isEnabled: true },
        after: { isEnabled: false, disabledReason: reason, consecutiveFailures: current.consecutiveFailures },
      });
      logger.warn({ endpointId: current.id, failures: current.consecutiveFailures }, 'webhooks: endpoint disabled after failures in a row');
    });
  }

  describeFailure(err: unknown): DeliveryFailure {
    const e = err as NodeJS.ErrnoException;
    const said =
      err instanceof RefusedAddress
        ? `refused: ${err.message}`
        : err instanceof ReceiverStatusError
          ? err.message
          : `${e?.code ?? 'ERROR'}: ${e?.message ?? String(err)}`;
    // A refused address will not become acceptable by waiting; anything else (5xx, 4xx, time-outs) may.
    return { description: said.replace(/\s+/g, ' ').trim().slice(0, MAX_DESCRIPTION), permanent: err instanceof RefusedAddress };
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
