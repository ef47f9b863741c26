import type { EntityManager } from 'typeorm';
import { OutboxMessageStatus } from './outbox-enums';

/** How many outbox messages are in each status (every status present, 0 when none): the metrics' outbox gauge reads it at each scrape. */
export async function outboxMessageCounts(db: EntityManager): Promise<Record<OutboxMessageStatus, number>> {
  const rows: Array<{ status: string; n: unknown }> = await db.query(`SELECT "status", COUNT(*) AS "n" FROM "outbox_message" GROUP BY "status"`);
  const counts = Object.fromEntries(Object.values(OutboxMessageStatus).map((status) => [status, 0])) as Record<OutboxMessageStatus, number>;
  for (const row of rows) if (row.status in counts) counts[row.status as OutboxMessageStatus] = Number(row.n);
  return counts;
}
