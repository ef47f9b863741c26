import type { TestServer } from './server';

/**
 * Waits until the outbox has nothing left to route or deliver (no event
 * waiting for routing, no message PENDING or SENDING), so that "nothing
 * else arrived" means something; fails after `ms`.
 */
export async function outboxSettled(server: TestServer, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const [{ open }] = await server.database.dataSource.query(
      `SELECT (SELECT COUNT(*) FROM "outbox_routing" WHERE "routedAt" IS NULL) + (SELECT COUNT(*) FROM "outbox_message" WHERE "status" IN ('PENDING', 'SENDING')) AS "open"`,
    );
    if (Number(open) === 0) return;
    if (Date.now() > deadline) throw new Error('the outbox did not settle');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
