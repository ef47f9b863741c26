import { In, type EntityManager } from 'typeorm';
import { EVENT_TYPES } from './event-catalogue';
import { OutboxMessageStatus } from './outbox-enums';
import { OutboxMessage } from './outbox-message.entity';
import { instantOf, isPostgres, runNamed } from './outbox-sql';

/**
 * The outbox_message statements of the delivery worker. A message is due
 * when its nextAttemptAt has come: a PENDING one for its next attempt, a
 * SENDING one because the lease of the instance that claimed it ran out
 * (that instance stopped without finishing). Claiming sets SENDING, the
 * owner and the lease's end, and counts the attempt, in one statement; on
 * PostgreSQL the rows are picked with FOR UPDATE SKIP LOCKED, so instances
 * claiming at once take different messages and never wait on each other.
 */

const { PENDING, SENDING, SENT, SKIPPED, DEAD } = OutboxMessageStatus;

/** What the worker should do now: route events, and when the next message is due (null: none is waiting). */
export interface OutboxWork {
  routing: boolean;
  nextDue: Date | null;
}

/** A cheap look, on a reading connection, before taking the write lock (SQLite) or a transaction. */
export async function nextWork(db: EntityManager): Promise<OutboxWork> {
  const [row] = await runNamed<{ routing: unknown; nextDue: unknown }>(
    db,
    `SELECT
       (SELECT 1 FROM "outbox_routing" r INNER JOIN "outbox_event" e ON e."id" = r."eventId"
         WHERE r."routedAt" IS NULL AND e."type" IN (:...types) LIMIT 1) AS "routing",
       (SELECT MIN("nextAttemptAt") FROM "outbox_message" WHERE "status" IN ('${PENDING}', '${SENDING}')) AS "nextDue"`,
    { types: EVENT_TYPES },
  );
  return { routing: row?.routing != null, nextDue: instantOf(row?.nextDue) };
}

/**
 * Claims up to `limit` due messages for `owner` until `leaseUntil`, and
 * marks DEAD those whose lease ran out on their last allowed attempt (an
 * instance died delivering them each time). Runs in the caller's transaction.
 */
export async function claimDue(
  db: EntityManager,
  { owner, now, leaseUntil, limit, maxAttempts }: { owner: string; now: Date; leaseUntil: Date; limit: number; maxAttempts: number },
): Promise<OutboxMessage[]> {
  await runNamed(
    db,
    `UPDATE "outbox_message" SET "status" = '${DEAD}', "leaseOwner" = NULL, "nextAttemptAt" = NULL, "updatedAt" = :now,
       "lastError" = 'delivery did not finish within its lease on the last attempt'
     WHERE "status" = '${SENDING}' AND "nextAttemptAt" <= :now AND "attempts" >= :maxAttempts`,
    { now, maxAttempts },
  );
  const rows = await runNamed<{ id: string }>(
    db,
    `UPDATE "outbox_message"
        SET "status" = '${SENDING}', "leaseOwner" = :owner, "nextAttemptAt" = :leaseUntil, "attempts" = "attempts" + 1, "updatedAt" = :now
      WHERE "id" IN (
        SELECT "id" FROM "outbox_message"
         WHERE "status" IN ('${PENDING}', '${SENDING}') AND "nextAttemptAt" <= :now
         ORDER BY "nextAttemptAt" LIMIT :limit${isPostgres(db) ? ' FOR UPDATE SKIP LOCKED' : ''})
      RETURNING "id"`,
    { owner, now, leaseUntil, limit },
  );
  if (!rows.length) return [];
  return db.find(OutboxMessage, { where: { uuid: In(rows.map((r) => r.id)) }, order: { nextAttemptAt: 'ASC' } });
}

/** How one claimed message ended. */
export type Settlement =
  | { status: typeof SENT; at: Date }
  | { status: typeof SKIPPED | typeof DEAD; error: string }
  | { status: typeof PENDING; error: string; nextAttemptAt: Date };

/**
 * Records how a claimed message ended, if it is still this owner's: a
 * message released at shutdown, or taken over after its lease ran out, is
 * not this owner's any more, and its late result is dropped (the other
 * delivery stands; the receiver sees one key twice at most).
 */
export async function settle(db: EntityManager, owner: string, messageId: string, outcome: Settlement, now: Date): Promise<void> {
  await runNamed(
    db,
    `UPDATE "outbox_message"
        SET "status" = :status, "nextAttemptAt" = :nextAttemptAt, "leaseOwner" = NULL, "lastError" = :lastError,
            "sentAt" = :sentAt, "updatedAt" = :now
      WHERE "id" = :id AND "status" = '${SENDING}' AND "leaseOwner" = :owner`,
    {
      id: messageId,
      owner,
      now,
      status: outcome.status,
      nextAttemptAt: outcome.status === PENDING ? outcome.nextAttemptAt : null,
      lastError: outcome.status === SENT ? null : outcome.error,
      sentAt: outcome.status === SENT ? outcome.at : null,
    },
  );
}

/** Settles many at once: the SENT ones (most of them) in one statement per few hundred, the others one by one. */
export async function settleAll(db: EntityManager, owner: string, items: Array<{ messageId: string; outcome: Settlement }>, now: Date): Promise<void> {
  const sent = items.filter((i) => i.outcome.status === SENT);
  for (let i = 0; i < sent.length; i += 500) {
    await runNamed(
      db,
      `UPDATE "outbox_message"
          SET "status" = '${SENT}', "nextAttemptAt" = NULL, "leaseOwner" = NULL, "lastError" = NULL, "sentAt" = :now, "updatedAt" = :now
        WHERE "id" IN (:...ids) AND "status" = '${SENDING}' AND "leaseOwner" = :owner`,
      { ids: sent.slice(i, i + 500).map((s) => s.messageId), owner, now },
    );
  }
  for (const { messageId, outcome } of items) if (outcome.status !== SENT) await settle(db, owner, messageId, outcome, now);
}

/**
 * Hands back what `owner` holds (shutdown): due again at once, for this or
 * another instance. With `owner` null, every SENDING message: a single
 * SQLite process starting up holds the only lease there can be, so any
 * SENDING message is a stopped process's.
 */
export async function release(db: EntityManager, owner: string | null, now: Date): Promise<number> {
  const rows = await runNamed<{ id: string }>(
    db,
    `UPDATE "outbox_message" SET "status" = '${PENDING}', "leaseOwner" = NULL, "nextAttemptAt" = :now, "updatedAt" = :now
      WHERE "status" = '${SENDING}'${owner === null ? '' : ' AND "leaseOwner" = :owner'}
      RETURNING "id"`,
    { now, owner },
  );
  return rows.length;
}
