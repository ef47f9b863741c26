/**
 * kill -9 of the real server process (server/dist/main.js) while messages
 * are in flight, then a restart: every message is delivered, nothing is
 * lost, and a message delivered twice carries the same Message-ID both
 * times (so a receiver can drop the copy). Copies are counted and printed.
 */
import pino from 'pino';
import { fixedClock } from '../../server/src/common/clock';
import { createLogger } from '../../server/src/common/logger';
import { openDatabase } from '../../server/src/db/data-source';
import { seed } from '../../server/src/db/seed/seed';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/db/seed/demo-users';
import { toGlobalId } from '../../server/src/graphql/relay/global-id';
import { messageIdOf } from '../../server/src/mail/message-id';
import { User } from '../../server/src/modules/user/user.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { OutboxMessage } from '../../server/src/outbox/outbox-message.entity';
import { demoCohort } from '../support/arrange-nominations';
import { describeEachDatabase } from '../support/databases';
import { MAIN, start, stop, waitForLog, type Running } from '../support/process';
import { TEST_NOW } from '../support/server';
import { startSmtpSink } from '../support/smtp-sink';
import fs from 'node:fs';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';

const PUBLIC_URL = 'https://cdp-hub.test';
/** Letters made by one mutation: one per active reviewer. */
const REVIEWERS = 80;

describeEachDatabase('outbox: a killed server process', (kind) => {
  beforeAll(() => {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: npm test builds it first (npm run build)`);
  });

  it('kill -9 with messages in flight, then a restart: every message delivered; a copy only ever with the same Message-ID', async () => {
    const sink = await startSmtpSink();
    const db = await kind.create();
    const logger = createLogger('silent', pino.destination({ dest: '/dev/null', sync: true }));
    let running: Running | undefined;
    try {
      // The database as a deployment has it: migrated, seeded, with reviewers to write to.
      const prepared = await openDatabase(db.config, logger);
      await seed(prepared.dataSource, fixedClock(TEST_NOW), logger);
      const users = prepared.dataSource.getRepository(User);
      await users.insert(
        Array.from({ length: REVIEWERS }, (_, i) => ({
          email: `reviewer.${i}@crash.example`,
          passwordHash: 'not a hash: nobody signs in as these reviewers',
          displayName: `Crash Reviewer ${i}`,
          role: UserRole.REVIEWER,
          isActive: true,
          isDemo: false,
          lastLoginAt: null,
          createdAt: new Date(TEST_NOW),
          updatedAt: new Date(TEST_NOW),
        })),
      );
      const expected = await users.countBy({ role: UserRole.REVIEWER, isActive: true });
      const cohortId = toGlobalId('Cohort', (await demoCohort(prepared.dataSource)).uuid);
      await prepared.database.close();

      const env = {
        DATABASE_URL: db.config.kind === 'sqlite' ? `sqlite:${db.config.file}` : db.config.url,
        PORT: '0',
        HOST: '127.0.0.1',
        CDP_CLOCK: TEST_NOW,
        CDP_PUBLIC_URL: PUBLIC_URL,
        MAIL_URL: sink.url,
        MAIL_FROM: 'CDP Hub <cdp-hub@wco.example>',
        // A PostgreSQL instance takes over another's messages once their lease has run out: short here, to keep the test short.
        OUTBOX_LEASE_SECONDS: '5',
        OUTBOX_POLL_INTERVAL_MS: '200',
      };
      // Slow enough that most of the batch is still being sent when the process dies.
      sink.setDelay(100);
      running = start(env);
      const { url } = await waitForLog(running, (l) => typeof l.url === 'string');
      const post = async (body: unknown, token?: string) =>
        (await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(body),
        }).then((r) => r.json())) as any;
      const { data } = await post({
        query: 'mutation ($input: LoginInput!) { login(input: $input) { token } }',
        variables: { input: { email: DEMO_USERS.ADMIN.email, password: DEMO_PASSWORD } },
      });
      const closed = await post(
        {
          query: 'mutation ($input: TransitionCohortInput!) { transitionCohort(input: $input) { cohort { status } userErrors { code } } }',
          variables: { input: { cohortId, to: 'SELECTION', closeEarly: true } },
        },
        data.login.token,
      );
      expect(closed.data.transitionCohort).toEqual({ cohort: { status: 'SELECTION' }, userErrors: [] });

      await sink.waitFor((r) => r.length >= 5, 20_000, 'the first letters');
      running.child.kill('SIGKILL');
      await once(running.child, 'close');
      const beforeCrash = sink.received.length;

      const inspect = await openDatabase(db.config, logger);
      const messages = inspect.dataSource.getRepository(OutboxMessage);
      const inFlight = await messages.countBy({ status: 'SENDING' as never });
      const sentBefore = await messages.countBy({ status: 'SENT' as never });
      // The crash happened mid-delivery: messages were claimed and not all recorded as sent.
      expect(inFlight).toBeGreaterThan(0);
      expect(sentBefore + inFlight).toBeLessThanOrEqual(expected);

      sink.setDelay(0);
      running = start(env);
      await waitForLog(running, (l) => typeof l.url === 'string');
      const keys = (await messages.find({ select: { idempotencyKey: true } })).map((m) => messageIdOf(m.idempotencyKey, PUBLIC_URL));
      expect(keys).toHaveLength(expected);
      const wanted = new Set(keys);
      await sink.waitFor((r) => new Set(r.map((m) => m.messageId)).size >= expected, 30_000, `${expected} distinct letters`);
      // A letter reaches the sink before its SENT is recorded: wait for the records too, or the stop below hands the last ones back.
      await until(async () => (await messages.countBy({ status: 'SENT' as never })) === expected, 30_000, `${expected} messages recorded SENT`);
      await stop(running);
      running = undefined;

      const ids = sink.received.map((m) => m.messageId);
      const distinct = new Set(ids);
      // Every message arrived; nothing arrived that is not one of them; copies are exact copies of a key.
      expect(distinct).toEqual(wanted);
      const copies = ids.length - distinct.size;
      // Only a message in flight at the crash can arrive twice: one recorded as SENT never goes out again.
      expect(copies).toBeLessThanOrEqual(inFlight);
      expect(await messages.countBy({ status: 'SENT' as never })).toBe(expected);
      await inspect.database.close();
      console.log(
        `kill -9 [${kind.name}]: ${expected} letters; when the process died ${beforeCrash} had arrived, ${sentBefore} were recorded SENT and ${inFlight} SENDING; ` +
          `after the restart all ${expected} delivered, ${copies} of them twice (same Message-ID)`,
      );
    } finally {
      if (running) await stop(running);
      await sink.close();
      await db.drop();
    }
  }, 90_000);
});

/** Polls `done` until it holds, or fails naming `what` after `ms`. */
async function until(done: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
