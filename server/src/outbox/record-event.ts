import { randomUUID } from 'node:crypto';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { commitNotice, type TransactionData } from '../db/database';
import type { RequestContext } from '../graphql/context';
import type { EventPayloads, EventType } from './event-catalogue';
import { OutboxChannel } from './outbox-enums';
import { OutboxEvent } from './outbox-event.entity';
import { OutboxRouting } from './outbox-routing.entity';

/** The PostgreSQL channel on which a commit with outbox work wakes the other instances' workers. */
export const OUTBOX_NOTIFY_CHANNEL = 'cdp_outbox';

/** Every channel routes every event: one that has nothing to say about an event routes it to nobody. */
const CHANNELS = Object.values(OutboxChannel);

export interface RecordEventOptions {
  /** Records the event only if no event with this key was recorded before (see OutboxEvent.dedupeKey). */
  dedupeKey?: string;
}

/**
 * Records a domain event in the outbox, inside the caller's transaction, so
 * that it commits with the change it reports or vanishes with it (like
 * audit()). Channels deliver it after the commit. Returns false when
 * `dedupeKey` names an event recorded before (nothing is recorded then).
 */
export async function recordEvent<T extends EventType>(
  tx: RequestContext,
  type: T,
  payload: EventPayloads[T],
  options: RecordEventOptions = {},
): Promise<boolean> {
  if (!tx.inTransaction) throw new Error(`recordEvent(${type}) must run inside withTransaction`);
  const uuid = randomUUID();
  // The payload column is JSON: TypeORM's deep-partial type would walk into the payload's own fields.
  const event: QueryDeepPartialEntity<OutboxEvent> = {
    uuid,
    type,
    payload: payload as never,
    occurredAt: tx.clock.now(),
    requestId: tx.requestId,
    actorId: tx.viewer?.userId ?? null,
    actorLabel: tx.viewer ? `user:${tx.viewer.role}` : (tx.actorLabel ?? 'anonymous'),
    dedupeKey: options.dedupeKey ?? null,
  };
  if (options.dedupeKey) {
    // ON CONFLICT DO NOTHING: a rival's recording of the same key does not abort this transaction (PostgreSQL would).
    await tx.db.createQueryBuilder().insert().into(OutboxEvent).values(event).orIgnore().execute();
    const kept = await tx.db.findOne(OutboxEvent, { select: { uuid: true }, where: { dedupeKey: options.dedupeKey } });
    if (kept?.uuid !== uuid) return false;
  } else {
    await tx.db.insert(OutboxEvent, event);
  }
  // Live subscribers hear of it after the commit (see Database.onCommitted), and never of a rollback.
  commitNotice(tx.db).events.push({
    id: uuid,
    type,
    payload,
    occurredAt: event.occurredAt as Date,
    actorId: (event.actorId as string | null) ?? null,
    actorLabel: event.actorLabel as string,
    requestId: tx.requestId,
  });
  await tx.db.insert(
    OutboxRouting,
    CHANNELS.map((channel) => ({ eventId: uuid, channel, routedAt: null, messageCount: null })),
  );
  await signalOutbox(tx);
  return true;
}

/**
 * Tells the delivery workers that the outbox has work once this transaction
 * commits: this process's worker in-process (runTransaction calls the
 * listeners after the commit), the other instances' through PostgreSQL's
 * NOTIFY, which is delivered at the commit and never for a rollback.
 */
export async function signalOutbox(tx: RequestContext): Promise<void> {
  const data = tx.db.queryRunner?.data as TransactionData | undefined;
  if (!data) throw new Error('signalOutbox needs the transaction of the Database seam');
  if (data.outboxChanged) return;
  data.outboxChanged = true;
  if (tx.db.connection.options.type === 'postgres') await tx.db.query(`NOTIFY ${OUTBOX_NOTIFY_CHANNEL}`);
}
