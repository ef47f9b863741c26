import { randomUUID } from 'node:crypto';
import { In, type EntityManager } from 'typeorm';
import { EVENT_TYPES, type EventType, type RecordedEvent } from './event-catalogue';
import type { ChannelHandler } from './channel';
import { OutboxMessageStatus, type OutboxChannel } from './outbox-enums';
import { OutboxEvent } from './outbox-event.entity';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxRouting } from './outbox-routing.entity';
import { isPostgres, runNamed } from './outbox-sql';

/** Rows per INSERT: well under either database's limit of bound parameters. */
const INSERT_CHUNK = 500;

/** The stable key of one event for one recipient on one channel; an e-mail's Message-ID is made from it. */
export const idempotencyKey = (channel: OutboxChannel, eventId: string, recipientId: string) =>
  `${channel.toLowerCase()}:${eventId}:${recipientId}`;

export function recordedEvent(row: OutboxEvent): RecordedEvent {
  return {
    id: row.uuid,
    type: row.type,
    payload: row.payload as never,
    occurredAt: row.occurredAt,
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    requestId: row.requestId,
  };
}

/**
 * Fans up to `limit` unrouted events out into messages, one per recipient
 * and channel, and marks them routed for that channel: all in the caller's
 * transaction, so a crash leaves them unrouted and whole. The unique key
 * makes a second routing of an event (which the lock prevents) add nothing.
 * Events of types this version does not know wait for one that does.
 */
export async function routePending(db: EntityManager, channels: ReadonlyMap<OutboxChannel, ChannelHandler>, now: Date, limit: number): Promise<number> {
  const pending = await runNamed<{ eventId: string; channel: OutboxChannel }>(
    db,
    `SELECT r."eventId" AS "eventId", r."channel" AS "channel"
       FROM "outbox_routing" r INNER JOIN "outbox_event" e ON e."id" = r."eventId"
      WHERE r."routedAt" IS NULL AND e."type" IN (:...types)
      ORDER BY e."occurredAt", r."eventId" LIMIT :limit${isPostgres(db) ? ' FOR UPDATE OF r SKIP LOCKED' : ''}`,
    { types: EVENT_TYPES as readonly EventType[], limit },
  );
  if (!pending.length) return 0;
  const events = new Map((await db.findBy(OutboxEvent, { uuid: In([...new Set(pending.map((p) => p.eventId))]) })).map((e) => [e.uuid, e]));
  for (const { eventId, channel } of pending) {
    const handler = channels.get(channel);
    const event = recordedEvent(events.get(eventId)!);
    const recipients = handler ? [...new Set(await handler.recipients(db, event))] : [];
    const toEndpoints = handler?.recipientKind === 'endpoint';
    const messages = recipients.map((recipientId) => ({
      uuid: randomUUID(),
      eventId,
      eventType: event.type,
      channel,
      recipientId: toEndpoints ? null : recipientId,
      endpointId: toEndpoints ? recipientId : null,
      idempotencyKey: idempotencyKey(channel, eventId, recipientId),
      status: OutboxMessageStatus.PENDING,
      attempts: 0,
      nextAttemptAt: now,
      leaseOwner: null,
      lastError: null,
      sentAt: null,
      createdAt: now,
      updatedAt: now,
    }));
    for (let i = 0; i < messages.length; i += INSERT_CHUNK) {
      await db.createQueryBuilder().insert().into(OutboxMessage).values(messages.slice(i, i + INSERT_CHUNK)).orIgnore().execute();
    }
    await db.update(OutboxRouting, { eventId, channel }, { routedAt: now, messageCount: messages.length });
  }
  return pending.length;
}
