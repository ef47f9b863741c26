/**
 * How the outbox delivers, whatever the letter: at least once, with retries
 * and a dead state an ADMIN sees and re-sends, nothing for a rolled-back
 * change, shutdown that finishes or hands back what it holds, leases that
 * outlive a stopped instance, and (PostgreSQL) two instances sharing one
 * outbox without sending anything twice. Real SMTP (smtp-server) throughout.
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { createLogger } from '../../server/src/common/logger';
import { createRequestContext } from '../../server/src/graphql/context';
import { toGlobalId } from '../../server/src/graphql/relay/global-id';
import { withTransaction } from '../../server/src/graphql/transaction';
import { messageIdOf } from '../../server/src/mail/message-id';
import { SigningKeyRing } from '../../server/src/modules/certificate/credential/signing-keys';
import { User } from '../../server/src/modules/user/user.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import type { OutboxDispatcher } from '../../server/src/outbox/dispatcher';
import { OutboxEvent } from '../../server/src/outbox/outbox-event.entity';
import { OutboxMessage } from '../../server/src/outbox/outbox-message.entity';
import { createOutboxWorker } from '../../server/src/outbox/outbox-worker';
import { routePending } from '../../server/src/outbox/routing';
import { EmailChannel } from '../../server/src/mail/email-channel';
import { recordEvent } from '../../server/src/outbox/record-event';
import type { OutboxSettings } from '../../server/src/outbox/outbox-settings';
import { insert } from '../support/arrange';
import { demoCohort } from '../support/arrange-nominations';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type Caller, type TestServer } from '../support/server';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

const PUBLIC_URL = 'https://cdp-hub.test';
const PASSWORD = 'delivery-suite-passphrase-2026';
/** Retries within milliseconds, so that the bounded attempts run out within a test. */
const FAST: Partial<OutboxSettings> = { pollIntervalMs: 100, retryBaseMs: 40, retryCapMs: 200, maxAttempts: 3 };

const OUTBOX = `query ($filter: OutboxMessageFilter) {
  outboxMessages(first: 100, filter: $filter) { totalCount nodes { id eventType status attempts lastError sentAt idempotencyKey nextAttemptAt recipient { id email } } } }`;
const RESEND = `mutation ($input: ResendOutboxMessageInput!) {
  resendOutboxMessage(input: $input) { message { id status attempts } userErrors { code field message } } }`;

const silent = () => createLogger('silent', pino.destination({ dest: '/dev/null', sync: true }));

let users = 0;

describeEachDatabase('outbox: delivery', (kind) => {
  let sink: SmtpSink;
  let server: TestServer;
  let admin: Caller;
  const ds = () => server.database.dataSource;
  const smtp = () => ({ mode: 'smtp' as const, url: sink.url, from: 'CDP Hub <cdp-hub@wco.example>' });

  /** A new active REVIEWER (written directly: no letter is about the creation itself). */
  async function newUser(tag: string): Promise<User> {
    return insert(ds(), User, {
      email: `${tag}.${++users}.${kind.name}@delivery.example`,
      passwordHash: 'not a hash: nobody signs in as this user',
      displayName: `${tag} ${users}`,
      role: UserRole.REVIEWER,
      isActive: true,
      isDemo: false,
      lastLoginAt: null,
    });
  }

  /** Records a PasswordChanged event for `user` as a mutation would, in a transaction of the seam; returns the event's id. */
  async function letterTo(user: User, requestId = `delivery-${randomUUID()}`): Promise<string> {
    const ctx = createRequestContext({ requestId, database: server.database.database, clock: server.clock, log: silent(), auth: server.auth, actorLabel: 'system:test' });
    await withTransaction(ctx, (tx) => recordEvent(tx, 'PasswordChanged', { userId: toGlobalId('User', user.uuid) }));
    return (await ds().getRepository(OutboxEvent).findOneByOrFail({ requestId })).uuid;
  }

  const messagesOf = (user: User) => ds().getRepository(OutboxMessage).findBy({ recipientId: user.uuid });
  async function untilMessage(user: User, done: (m: OutboxMessage) => boolean, what: string, ms = 15_000): Promise<OutboxMessage> {
    const deadline = Date.now() + ms;
    for (;;) {
      const [message] = await messagesOf(user);
      if (message && done(message)) return message;
      if (Date.now() > deadline) throw new Error(`${what}: the message is ${JSON.stringify(message)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer(kind, {
      credentials: { keys: SigningKeyRing.generate(), publicUrl: PUBLIC_URL },
      outbox: { mail: smtp(), settings: FAST },
    });
    admin = await server.as(UserRole.ADMIN);
  });
  afterEach(() => {
    sink.refuseAll(null);
    sink.refuseNext(0);
    sink.setDelay(0);
  });
  afterAll(async () => {
    // The tests below replace the app's worker; the last one is stopped here (the app stops only its own).
    await server?.outbox?.stop(1_000);
    await server?.close();
    await sink?.close();
  });

  it('retries when the SMTP server refuses for now (451), then delivers exactly once', async () => {
    const user = await newUser('retried');
    sink.refuseNext(1, 451);
    await letterTo(user);
    await sink.waitFor((r) => r.some((m) => m.to === user.email), 15_000, 'the retried letter');
    const message = await untilMessage(user, (m) => m.status === 'SENT', 'SENT after a retry');
    expect(sink.refusals).toBeGreaterThanOrEqual(1);
    expect(message).toMatchObject({ attempts: 2, lastError: null });
    // Nothing more comes: the retry was the one delivery.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.to(user.email)).toHaveLength(1);
    expect(sink.to(user.email)[0].messageId).toBe(messageIdOf(message.idempotencyKey, PUBLIC_URL));
  });

  it('records nothing for a rolled-back transaction, and nothing for a refused mutation', async () => {
    const user = await newUser('rolled-back');
    const requestId = `rollback-${kind.name}`;
    const ctx = createRequestContext({ requestId, database: server.database.database, clock: server.clock, log: silent(), auth: server.auth, actorLabel: 'system:test' });
    await expect(
      withTransaction(ctx, async (tx) => {
        await recordEvent(tx, 'PasswordChanged', { userId: toGlobalId('User', user.uuid) });
        throw new Error('the change failed after its event was recorded');
      }),
    ).rejects.toThrow('the change failed');
    expect(await ds().getRepository(OutboxEvent).countBy({ requestId })).toBe(0);

    // A mutation a rule refuses (a wrong current password) records no event either; the same call that succeeds does.
    const person = await newUser('refused');
    const { hashPassword } = await import('../../server/src/auth/passwords');
    await ds().getRepository(User).update(person.uuid, { passwordHash: await hashPassword(PASSWORD) });
    const caller = await server.signIn(person.email, PASSWORD);
    const change = (current: string, id: string) =>
      fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${caller.token}`, 'x-request-id': id },
        body: JSON.stringify({
          query: 'mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { userErrors { code } } }',
          variables: { input: { currentPassword: current, newPassword: 'a-new-delivery-passphrase-2026' } },
        }),
      }).then((r) => r.json() as Promise<any>);
    expect((await change('not-the-password', `refused-${kind.name}`)).data.changePassword.userErrors).toEqual([{ code: 'CURRENT_PASSWORD_INCORRECT' }]);
    expect(await ds().getRepository(OutboxEvent).countBy({ requestId: `refused-${kind.name}` })).toBe(0);
    expect((await change(PASSWORD, `accepted-${kind.name}`)).data.changePassword.userErrors).toEqual([]);
    expect(await ds().getRepository(OutboxEvent).countBy({ requestId: `accepted-${kind.name}`, type: 'PasswordChanged' })).toBe(1);
    await sink.waitFor((r) => r.some((m) => m.to === person.email), 15_000, 'the accepted change’s notice');

    // The rolled-back event's recipient never heard of it.
    expect(await messagesOf(user)).toEqual([]);
    expect(sink.to(user.email)).toEqual([]);
  });

  it('gives up after the bounded attempts: DEAD, shown to ADMIN only, without the address; re-sent by ADMIN, it arrives with the same Message-ID', async () => {
    const user = await newUser('dead');
    sink.refuseAll(451);
    await letterTo(user);
    const dead = await untilMessage(user, (m) => m.status === 'DEAD', 'DEAD after the bounded attempts');
    expect(dead.attempts).toBe(3);
    expect(dead.lastError).toMatch(/^SMTP 451 Try again later for \[address\]/);
    expect(dead.lastError).not.toContain(user.email);

    const id = toGlobalId('OutboxMessage', dead.uuid);
    const { outboxMessages } = await admin.data(OUTBOX, { filter: { statusIn: ['DEAD'] } });
    expect(outboxMessages.nodes).toContainEqual(
      expect.objectContaining({ id, eventType: 'PasswordChanged', status: 'DEAD', attempts: 3, recipient: { id: toGlobalId('User', user.uuid), email: user.email } }),
    );
    const reviewer = await server.as(UserRole.REVIEWER);
    expect((await reviewer.graphql(OUTBOX)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await reviewer.graphql(RESEND, { input: { messageId: id } })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await server.graphql(RESEND, { input: { messageId: id } })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(sink.to(user.email)).toEqual([]);

    sink.refuseAll(null);
    const { resendOutboxMessage } = await admin.data(RESEND, { input: { messageId: id } });
    expect(resendOutboxMessage).toEqual({ message: { id, status: 'PENDING', attempts: 0 }, userErrors: [] });
    await sink.waitFor((r) => r.some((m) => m.to === user.email), 15_000, 'the re-sent letter');
    const sent = await untilMessage(user, (m) => m.status === 'SENT', 'SENT after the re-send');
    expect(sent.attempts).toBe(1);
    expect(sink.to(user.email).map((m) => m.messageId)).toEqual([messageIdOf(dead.idempotencyKey, PUBLIC_URL)]);

    // Audited; and only a DEAD message is re-sent.
    const { auditLog } = await admin.data('{ auditLog(first: 5, filter: { operationIn: ["resendOutboxMessage"] }) { nodes { entityType before after actorLabel } } }');
    expect(auditLog.nodes[0]).toMatchObject({ entityType: 'OutboxMessage', before: { status: 'DEAD', attempts: 3 }, after: { status: 'PENDING', attempts: 0 }, actorLabel: 'user:ADMIN' });
    const again = await admin.data(RESEND, { input: { messageId: id } });
    expect(again.resendOutboxMessage.userErrors).toEqual([expect.objectContaining({ code: 'OUTBOX_MESSAGE_NOT_DEAD', field: ['input', 'messageId'] })]);
    const unknown = await admin.data(RESEND, { input: { messageId: toGlobalId('OutboxMessage', '00000000-0000-4000-8000-000000000000') } });
    expect(unknown.resendOutboxMessage.userErrors.map((e: { code: string }) => e.code)).toEqual(['OUTBOX_MESSAGE_NOT_FOUND']);
    const wrongType = await admin.data(RESEND, { input: { messageId: toGlobalId('User', user.uuid) } });
    expect(wrongType.resendOutboxMessage.userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_ID']);
  });

  it('takes a permanent refusal (550) as final at once: DEAD after one attempt', async () => {
    const user = await newUser('refused-for-good');
    sink.refuseNext(1, 550);
    await letterTo(user);
    const dead = await untilMessage(user, (m) => m.status === 'DEAD', 'DEAD at once');
    expect(dead.attempts).toBe(1);
    expect(dead.lastError).toMatch(/^SMTP 550 Mailbox unavailable for \[address\]/);
  });

  it('takes over a message whose instance stopped while sending it, once its lease has run out', async () => {
    const user = await newUser('orphan');
    // Recorded while no worker of this test looks: another app on the same database, without a worker of its own.
    await server.outbox!.stop(1_000);
    try {
      await letterTo(user);
      // As a crashed instance leaves it: claimed, its lease already run out.
      const [message] = await waitForRouted(user);
      await ds().getRepository(OutboxMessage).update(message.uuid, {
        status: 'SENDING' as never,
        leaseOwner: 'a-stopped-instance',
        attempts: 1,
        nextAttemptAt: new Date(Date.now() - 1_000),
      });
    } finally {
      server.outbox = await restartWorker();
    }
    const sent = await untilMessage(user, (m) => m.status === 'SENT', 'taken over and sent');
    expect(sent.attempts).toBe(2);
    expect(sink.to(user.email)).toHaveLength(1);
  });

  /** Routes what is unrouted, as a worker would, without delivering anything (no worker runs meanwhile). */
  async function waitForRouted(user: User): Promise<OutboxMessage[]> {
    const email = new EmailChannel({ transport: null, from: 'x@y.example', publicUrl: PUBLIC_URL, reader: () => server.database.database.reader.manager });
    await server.database.database.transaction((db) => routePending(db, new Map([[email.channel, email]]), new Date(), 100));
    const messages = await messagesOf(user);
    expect(messages).toHaveLength(1);
    return messages;
  }

  async function restartWorker(settings = FAST): Promise<OutboxDispatcher> {
    const worker = createOutboxWorker(server.database.database, silent(), PUBLIC_URL, { mail: smtp(), settings });
    await worker.start();
    return worker;
  }

  it('shutdown finishes a delivery in flight within the grace period, and hands back one that takes longer', async () => {
    // Finished: the delivery takes 300 ms, the grace period is 5 s.
    const finished = await newUser('finished');
    sink.setDelay(300);
    await letterTo(finished);
    await untilMessage(finished, (m) => m.status === 'SENDING', 'SENDING');
    await server.outbox!.stop(5_000);
    expect((await messagesOf(finished))[0]).toMatchObject({ status: 'SENT', leaseOwner: null });

    // Handed back: the delivery takes 3 s, the grace period 200 ms.
    server.outbox = await restartWorker();
    const released = await newUser('released');
    sink.setDelay(3_000);
    await letterTo(released);
    await untilMessage(released, (m) => m.status === 'SENDING', 'SENDING');
    const stopping = Date.now();
    await server.outbox.stop(200);
    expect(Date.now() - stopping).toBeLessThan(2_000);
    expect((await messagesOf(released))[0]).toMatchObject({ status: 'PENDING', leaseOwner: null });

    // Another worker (another instance, or this one started again) delivers it; a copy that the first may
    // still have handed over carries the same Message-ID.
    sink.setDelay(0);
    server.outbox = await restartWorker();
    const sent = await untilMessage(released, (m) => m.status === 'SENT', 'sent by the next worker');
    const ids = new Set(sink.to(released.email).map((m) => m.messageId));
    expect(ids).toEqual(new Set([messageIdOf(sent.idempotencyKey, PUBLIC_URL)]));
  });

  it('skips, and says why, a message whose recipient was deactivated before it went out, and every message while mail is off', async () => {
    await server.outbox!.stop(1_000);
    const deactivated = await newUser('deactivated');
    const off = await newUser('mail-off');
    try {
      // Routed while the recipient was active; deactivated before the message went out.
      await letterTo(deactivated);
      await waitForRouted(deactivated);
      await ds().getRepository(User).update(deactivated.uuid, { isActive: false });
    } finally {
      server.outbox = await restartWorker();
    }
    expect(await untilMessage(deactivated, (m) => m.status === 'SKIPPED', 'SKIPPED')).toMatchObject({ lastError: 'the recipient is deactivated' });

    await server.outbox.stop(1_000);
    const mailOff = createOutboxWorker(server.database.database, silent(), PUBLIC_URL, { mail: { mode: 'off', from: 'x@y.example' }, settings: FAST });
    await mailOff.start();
    try {
      await letterTo(off);
      expect(await untilMessage(off, (m) => m.status === 'SKIPPED', 'SKIPPED with mail off')).toMatchObject({ lastError: 'mail is off (MAIL=off)' });
    } finally {
      await mailOff.stop(1_000);
      server.outbox = await restartWorker();
    }
    expect(sink.to(deactivated.email)).toEqual([]);
    expect(sink.to(off.email)).toEqual([]);
  });

  it('a commit wakes its own instance’s worker at once, not its next poll', async () => {
    const user = await newUser('woken');
    await server.outbox!.stop(1_000);
    server.outbox = await restartWorker({ ...FAST, pollIntervalMs: 60_000 });
    // The worker has looked once at start and sleeps for a minute now.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const committed = Date.now();
    await letterTo(user);
    await sink.waitFor((r) => r.some((m) => m.to === user.email), 3_000, 'the letter, well before the next poll');
    expect(Date.now() - committed).toBeLessThan(3_000);
    await server.outbox.stop(1_000);
    server.outbox = await restartWorker();
  });

  if (kind.name === 'postgres') {
    it('two instances on one database: every message delivered exactly once, by both', async () => {
      const second = await startTestServer(kind, { sameDatabaseAs: server, outbox: { mail: smtp(), settings: { ...FAST, batchSize: 10 } } });
      try {
        server.outbox = await (async () => {
          await server.outbox!.stop(1_000);
          return restartWorker({ ...FAST, batchSize: 10 });
        })();
        for (let i = 0; i < 150; i++) await newUser('many');
        // Every active reviewer: these, the demo reviewer and those of the tests above.
        const expected = await ds().getRepository(User).countBy({ role: UserRole.REVIEWER, isActive: true });
        sink.setDelay(2);
        const closing = (m: { subject: string }) => m.subject.startsWith('Nominations closed for the 2027-2028 cohort');
        const cohort = await demoCohort(ds());
        const { transitionCohort } = await admin.data(
          'mutation ($input: TransitionCohortInput!) { transitionCohort(input: $input) { userErrors { code } } }',
          { input: { cohortId: toGlobalId('Cohort', cohort.uuid), to: 'SELECTION', closeEarly: true } },
        );
        expect(transitionCohort.userErrors).toEqual([]);
        await sink.waitFor((r) => r.filter(closing).length >= expected, 30_000, `${expected} letters`);
        // Each instance counts a letter once its outcome is recorded, just after the sink has it.
        const counted = () => server.outbox!.counters.sent + second.outbox!.counters.sent;
        await sink.waitFor(() => counted() >= expected, 5_000, 'every outcome recorded');
        await new Promise((resolve) => setTimeout(resolve, 300));
        const arrived = sink.received.filter(closing);
        expect(arrived).toHaveLength(expected);
        expect(new Set(arrived.map((m) => m.messageId)).size).toBe(expected);
        expect(server.outbox.counters.sent).toBeGreaterThan(0);
        expect(second.outbox!.counters.sent).toBeGreaterThan(0);
        expect(server.outbox.counters.sent + second.outbox!.counters.sent).toBe(expected);
      } finally {
        await second.close();
      }
    });

    it('another instance’s commit wakes this one through LISTEN/NOTIFY, not its next poll', async () => {
      const user = await newUser('notified');
      // Only the second instance works, and it polls once a minute.
      await server.outbox!.stop(1_000);
      const second = await startTestServer(kind, { sameDatabaseAs: server, outbox: { mail: smtp(), settings: { ...FAST, pollIntervalMs: 60_000 } } });
      try {
        await second.outbox!.whenListening();
        const committed = Date.now();
        // Committed on the first instance's connections: nothing in the second's process hears of it but the NOTIFY.
        await letterTo(user);
        await sink.waitFor((r) => r.some((m) => m.to === user.email), 3_000, 'the letter, delivered by the other instance');
        expect(Date.now() - committed).toBeLessThan(3_000);
        // The first instance's worker is stopped: the second delivered it (and counts it once the outcome is recorded).
        await untilMessage(user, (m) => m.status === 'SENT', 'recorded as SENT');
        await sink.waitFor(() => second.outbox!.counters.sent >= 1, 2_000, 'the second instance’s count');
      } finally {
        await second.close();
        server.outbox = await restartWorker();
      }
    });
  } else {
    it('on SQLite the one process delivers: a starting worker takes back what a stopped process left SENDING, at once', async () => {
      const user = await newUser('left-sending');
      await server.outbox!.stop(1_000);
      await letterTo(user);
      const [message] = await waitForRouted(user);
      // Its lease has a minute to run: only a SQLite worker's start may take it back this soon.
      await ds().getRepository(OutboxMessage).update(message.uuid, {
        status: 'SENDING' as never,
        leaseOwner: 'a-killed-process',
        nextAttemptAt: new Date(Date.now() + 60_000),
      });
      server.outbox = await restartWorker();
      await untilMessage(user, (m) => m.status === 'SENT', 'taken back and sent');
      expect(sink.to(user.email)).toHaveLength(1);
    });
  }
});
