import type { DataSource } from 'typeorm';
import { toGlobalId } from '../../server/src/graphql/relay/global-id';
import { WebhookEndpoint } from '../../server/src/modules/webhook/webhook-endpoint.entity';
import { WebhookEventType } from '../../server/src/modules/webhook/webhook-event-type';
import { OutboxChannel, OutboxMessageStatus } from '../../server/src/outbox/outbox-enums';
import { OutboxEvent } from '../../server/src/outbox/outbox-event.entity';
import { OutboxMessage } from '../../server/src/outbox/outbox-message.entity';
import { insert } from './arrange';

/** A public address given as a literal: registering it needs no DNS, and a server without a worker sends nothing there. */
export const PUBLIC_HOOK_URL = 'https://93.184.215.14/cdp-hooks';

/** A webhook endpoint written directly; its sealed secret is a stand-in, for servers that deliver nothing. */
export function insertEndpoint(ds: DataSource, at = new Date()): Promise<WebhookEndpoint> {
  return insert(ds, WebhookEndpoint, {
    url: PUBLIC_HOOK_URL,
    description: 'arranged',
    eventTypes: [WebhookEventType.COHORT_OPENED],
    secretSealed: 'v1:not-a-sealed-secret',
    previousSecretSealed: null,
    previousSecretExpiresAt: null,
    secretCreatedAt: at,
    isEnabled: true,
    disabledReason: null,
    disabledAt: null,
    consecutiveFailures: 0,
    lastSuccessAt: null,
    createdAt: at,
    updatedAt: at,
  });
}

/** A DEAD webhook delivery of a CohortOpened event to the endpoint, as the worker leaves one after failed attempts. */
export async function insertDeadDelivery(ds: DataSource, endpointUuid: string, at = new Date()): Promise<OutboxMessage> {
  const event = await insert(ds, OutboxEvent, {
    type: 'CohortOpened',
    payload: { cohortId: toGlobalId('Cohort', endpointUuid) },
    occurredAt: at,
    requestId: null,
    actorId: null,
    actorLabel: 'system:test',
    dedupeKey: null,
  });
  return insert(ds, OutboxMessage, {
    eventId: event.uuid,
    eventType: 'CohortOpened',
    channel: OutboxChannel.WEBHOOK,
    recipientId: null,
    endpointId: endpointUuid,
    idempotencyKey: `webhook:${event.uuid}:${endpointUuid}`,
    status: OutboxMessageStatus.DEAD,
    attempts: 8,
    nextAttemptAt: null,
    leaseOwner: null,
    lastError: 'HTTP 503',
    sentAt: null,
    createdAt: at,
    updatedAt: at,
  });
}
