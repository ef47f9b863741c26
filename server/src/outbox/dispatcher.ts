import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { In, type EntityManager } from 'typeorm';
import { systemClock, type Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import type { Database } from '../db/database';
import { Loaders } from '../graphql/loaders';
import type { ChannelHandler, DeliveryBatch, DeliveryFailure, DeliveryOutcome } from './channel';
import { claimDue, nextWork, release, settleAll, type Settlement } from './claims';
import type { RecordedEvent } from './event-catalogue';
import { retryDelayMs } from './backoff';
import { OutboxMessageStatus, type OutboxChannel } from './outbox-enums';
import { OutboxEvent } from './outbox-event.entity';
import type { OutboxMessage } from './outbox-message.entity';
import { DEFAULT_OUTBOX_SETTINGS, type OutboxSettings } from './outbox-settings';
import { PostgresWakeup } from './postgres-wakeup';
import { recordedEvent, routePending } from './routing';
import { SettleQueue } from './settle-queue';

/** Events routed per transaction. */
const ROUTING_BATCH = 100;
/** Batches being delivered at once by one instance. */
const MAX_BATCHES_IN_FLIGHT = 2;
/** The pause after an unexpected failure of the worker itself (the database went away), before it looks again. */
const FAULT_PAUSE_MS = 1_000;

/** Counts since start, for tests, the benchmark and the log. */
export interface OutboxCounters {
  routed: number;
  claimed: number;
  sent: number;
  skipped: number;
  retried: number;
  dead: number;
}

export interface OutboxDispatcherOptions {
  database: Database;
  channels: ChannelHandler[];
  logger: Logger;
  settings?: Partial<OutboxSettings>;
  /**
   * The worker's own time: leases, retries, sentAt. Not the request clock:
   * with CDP_CLOCK pinning "now" for demonstrations, retries must still come due.
   */
  clock?: Clock;
  /** The PostgreSQL URL to LISTEN on for other instances' commits; unset on SQLite. */
  postgresUrl?: string;
}

/**
 * The delivery worker of one instance: routes events into messages, claims
 * due messages, hands each to its channel and records the outcome, with
 * retries, leases and the dead state shared by every channel. It is woken
 * in-process right after a commit that recorded events, by PostgreSQL's
 * NOTIFY for other instances' commits, and otherwise looks every
 * pollIntervalMs (sooner when a retry comes due).
 */
export class OutboxDispatcher {
  readonly instanceId = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  readonly counters: OutboxCounters = { routed: 0, claimed: 0, sent: 0, skipped: 0, retried: 0, dead: 0 };
  private readonly settings: OutboxSettings;
  private readonly channels: Map<OutboxChannel, ChannelHandler>;
  private readonly clock: Clock;
  private readonly wakeup?: PostgresWakeup;
  private unsubscribe?: () => void;
  private loop?: Promise<void>;
  private claiming = true;
  private stopped = false;
  private woken = false;
  private wake: () => void = () => undefined;
  /** Messages claimed and not yet settled: what shutdown must finish or hand back. */
  private inFlight = 0;
  /** The batches being delivered. */
  private readonly batches = new Set<Promise<void>>();

  constructor(private readonly options: OutboxDispatcherOptions) {
    this.settings = { ...DEFAULT_OUTBOX_SETTINGS, ...options.settings };
    this.channels = new Map(options.channels.map((c) => [c.channel, c]));
    this.clock = options.clock ?? systemClock;
    if (options.postgresUrl) this.wakeup = new PostgresWakeup(options.postgresUrl, () => this.notify(), options.logger);
  }

  private get database(): Database {
    return this.options.database;
  }

  private get isSqlite(): boolean {
    return this.database.writer.options.type !== 'postgres';
  }

  /** Starts working; on SQLite first takes back what a stopped process left SENDING. */
  async start(): Promise<void> {
    if (this.isSqlite) {
      const released = await this.transaction((db) => release(db, null, this.clock.now()));
      if (released) this.options.logger.warn({ released }, 'outbox: messages a stopped process was delivering are due again');
    }
    this.unsubscribe = this.database.onOutboxCommit(() => this.notify());
    this.wakeup?.start();
    this.loop = this.run();
  }

  /** Resolves once other instances' commits reach this worker (PostgreSQL's LISTEN is in place); at once on SQLite. */
  whenListening(): Promise<void> {
    return this.wakeup?.listening ?? Promise.resolve();
  }

  /** Something may be due: look now rather than at the next poll. */
  notify(): void {
    this.woken = true;
    this.wake();
  }

  /** Shutdown, first step: claim nothing more (what is in flight goes on). */
  stopClaiming(): void {
    this.claiming = false;
    this.notify();
  }

  /**
   * Shutdown: stops claiming, waits up to `graceMs` for the deliveries in
   * flight to finish, then hands back the messages still held (due at once,
   * for another instance or the next start) and closes the channels.
   */
  async stop(graceMs: number): Promise<void> {
    if (this.stopped) return;
    this.stopClaiming();
    this.stopped = true;
    this.unsubscribe?.();
    await this.wakeup?.stop();
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      (this.loop ?? Promise.resolve()).then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
    ]);
    clearTimeout(timer);
    if (!finished) {
      const released = await this.transaction((db) => release(db, this.instanceId, this.clock.now())).catch(() => 0);
      this.options.logger.warn({ released, inFlight: this.inFlight }, 'outbox: deliveries still running at shutdown; their messages are handed back');
    }
    await Promise.all([...this.channels.values()].map((c) => c.close().catch(() => undefined)));
  }

  private transaction<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    return this.database.transaction(work, this.clock, undefined, { bumpsDataVersion: false });
  }

  private async run(): Promise<void> {
    while (this.claiming) {
      this.woken = false;
      let busy = false;
      let nextDue: Date | null = null;
      try {
        const work = await nextWork(this.database.reader.manager);
        nextDue = work.nextDue;
        if (work.routing) {
          const routed = await this.transaction((db) => routePending(db, this.channels, this.clock.now(), ROUTING_BATCH));
          this.counters.routed += routed;
          busy = routed > 0;
        }
        if (busy || (nextDue && nextDue.getTime() <= this.clock.now().getTime())) busy = (await this.claimBatches()) || busy;
      } catch (err) {
        this.options.logger.error({ err: { message: err instanceof Error ? err.message : String(err) } }, 'outbox: the worker failed; trying again');
        await this.sleep(FAULT_PAUSE_MS);
        continue;
      }
      if (this.batches.size >= MAX_BATCHES_IN_FLIGHT) await Promise.race(this.batches);
      else if (!busy && !this.woken) {
        const untilDue = nextDue ? Math.max(0, nextDue.getTime() - this.clock.now().getTime()) : Infinity;
        await this.sleep(Math.min(this.settings.pollIntervalMs, untilDue));
      }
    }
    await Promise.allSettled(this.batches);
  }

  /**
   * Claims batches while messages are due, up to MAX_BATCHES_IN_FLIGHT being
   * delivered at once: the next batch is claimed while the last messages of
   * the one before are still with the SMTP server. True if it claimed any.
   */
  private async claimBatches(): Promise<boolean> {
    let claimedAny = false;
    while (this.claiming && this.batches.size < MAX_BATCHES_IN_FLIGHT) {
      const claimed = await this.claim();
      if (!claimed.length) break;
      claimedAny = true;
      const delivering: Promise<void> = this.deliverBatch(claimed)
        .catch((err: unknown) =>
          this.options.logger.error({ err: { message: err instanceof Error ? err.message : String(err) } }, 'outbox: recording deliveries failed; their leases will run out'),
        )
        .finally(() => {
          this.batches.delete(delivering);
          // Retries this batch scheduled may come due before the next poll.
          this.notify();
        });
      this.batches.add(delivering);
      if (claimed.length < this.settings.batchSize) break;
    }
    return claimedAny;
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || !this.claiming) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = () => undefined;
        done();
      };
    });
  }

  /** Claims up to a batch of due messages, with their events. */
  private async claim(): Promise<Array<{ message: OutboxMessage; event: RecordedEvent }>> {
    const now = this.clock.now();
    const { batchSize, leaseMs, maxAttempts } = this.settings;
    const claimed = await this.transaction(async (db) => {
      const messages = await claimDue(db, { owner: this.instanceId, now, leaseUntil: new Date(now.getTime() + leaseMs), limit: batchSize, maxAttempts });
      const events = messages.length ? await db.findBy(OutboxEvent, { uuid: In([...new Set(messages.map((m) => m.eventId))]) }) : [];
      const byId = new Map(events.map((e) => [e.uuid, recordedEvent(e)]));
      return messages.map((message) => ({ message, event: byId.get(message.eventId)! }));
    });
    this.counters.claimed += claimed.length;
    return claimed;
  }

  /** Delivers a claimed batch concurrently, recording each outcome as it comes (see SettleQueue). */
  private async deliverBatch(claimed: Array<{ message: OutboxMessage; event: RecordedEvent }>): Promise<void> {
    this.inFlight += claimed.length;
    const settled = new SettleQueue<{ messageId: string; outcome: Settlement }>(async (items) => {
      await this.transaction((db) => settleAll(db, this.instanceId, items, this.clock.now()));
      for (const { outcome } of items) this.count(outcome);
    });
    const batch: DeliveryBatch = { loaders: new Loaders(this.database.reader.manager) };
    try {
      await Promise.all(
        claimed.map(async ({ message, event }) => settled.add({ messageId: message.uuid, outcome: await this.deliver(message, event, batch) })),
      );
      await settled.drain();
    } finally {
      this.inFlight -= claimed.length;
    }
  }

  private async deliver(message: OutboxMessage, event: RecordedEvent, batch: DeliveryBatch): Promise<Settlement> {
    const channel = this.channels.get(message.channel);
    if (!channel) return { status: OutboxMessageStatus.DEAD, error: `no ${message.channel} channel on this instance` };
    let outcome: DeliveryOutcome;
    try {
      outcome = await withTimeout(channel.deliver(message, event, batch), this.settings.deliveryTimeoutMs);
    } catch (err) {
      const failure: DeliveryFailure =
        err instanceof DeliveryTimeout ? { description: err.message, permanent: false } : channel.describeFailure(err);
      return this.afterFailure(message, failure);
    }
    if (outcome.status === 'skipped') return { status: OutboxMessageStatus.SKIPPED, error: outcome.reason };
    return { status: OutboxMessageStatus.SENT, at: this.clock.now() };
  }

  private afterFailure(message: OutboxMessage, failure: DeliveryFailure): Settlement {
    // `attempts` counts the attempt that just failed (claiming counted it).
    const attempts = message.attempts;
    const logged = { messageId: message.id, eventType: message.eventType, attempts, error: failure.description };
    if (failure.permanent || attempts >= this.settings.maxAttempts) {
      this.options.logger.warn(logged, 'outbox: message is dead; an ADMIN can re-send it (resendOutboxMessage)');
      return { status: OutboxMessageStatus.DEAD, error: failure.description };
    }
    const delay = retryDelayMs(attempts, this.settings.retryBaseMs, this.settings.retryCapMs);
    this.options.logger.info({ ...logged, retryInMs: delay }, 'outbox: delivery failed; retrying later');
    return { status: OutboxMessageStatus.PENDING, error: failure.description, nextAttemptAt: new Date(this.clock.now().getTime() + delay) };
  }

  private count(outcome: Settlement): void {
    if (outcome.status === OutboxMessageStatus.SENT) this.counters.sent++;
    else if (outcome.status === OutboxMessageStatus.SKIPPED) this.counters.skipped++;
    else if (outcome.status === OutboxMessageStatus.DEAD) this.counters.dead++;
    else this.counters.retried++;
  }
}

class DeliveryTimeout extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeliveryTimeout(`delivery took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
