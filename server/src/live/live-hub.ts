import type { EntityManager } from 'typeorm';
import type { Logger } from '../common/logger';
import type { CommitNotice, EndedSessions } from '../db/database';
import type { RequestContext } from '../graphql/context';
import { AppError } from '../graphql/errors';
import { Loaders } from '../graphql/loaders';
import type { Viewer } from '../modules/user/viewer';
import type { EventType, RecordedEvent } from '../outbox/event-catalogue';
import type { LiveSettings } from './live-settings';

/** Close codes of the graphql-ws protocol (and of WebSocket itself) that CDP Hub sends. */
export const LIVE_CLOSE = {
  /** graphql-ws's Forbidden: the session is no longer valid (signed out, expired, password changed, deactivated). */
  FORBIDDEN: 4403,
  /** WebSocket's "try again later": this consumer fell behind; it may reconnect and re-read. */
  SLOW_CONSUMER: 1013,
  /** WebSocket's "going away": the server is shutting down. */
  GOING_AWAY: 1001,
} as const;

/**
 * What the subscriptions of one event share on this instance: DataLoaders on
 * the reading connection (rows are read once for every subscriber; each
 * subscriber's rules are applied to them afterwards), and answers worked out
 * once per event (the recipients of its letter).
 */
export class LiveBatch {
  readonly loaders: Loaders;
  private readonly memos = new Map<string, Promise<unknown>>();

  constructor(readonly db: EntityManager) {
    this.loaders = new Loaders(db);
  }

  memo<T>(key: string, make: () => Promise<T>): Promise<T> {
    let found = this.memos.get(key) as Promise<T> | undefined;
    if (!found) this.memos.set(key, (found = make()));
    return found;
  }
}

/**
 * One subscription field: which events it listens to, and what a subscriber
 * is sent for one (null: nothing, because this subscriber may not see it).
 * `admit` reads as the subscriber, through the same visibility functions and
 * policy as queries; the fields of what it returns are then resolved as
 * that subscriber too.
 */
export interface LiveFeed<A, P> {
  name: string;
  types: readonly EventType[];
  /** A cheap test of the event's payload against the subscription's arguments, before anything is read. */
  matches(args: A, event: RecordedEvent): boolean;
  admit(ctx: RequestContext, args: A, event: RecordedEvent, batch: LiveBatch): Promise<P | null>;
}

/** A WebSocket as the hub sees it. */
export interface LiveConnection {
  readonly viewer: Viewer;
  /** Bytes queued on the socket, not yet written to the network. */
  bufferedAmount(): number;
  close(code: number, reason: string): void;
}

interface Delivery {
  event: RecordedEvent;
  batch: LiveBatch;
}

/**
 * The events of one subscription, as the async iterator graphql-js reads:
 * a bounded queue that the hub fills and the socket's sending empties. A
 * consumer that falls behind (the queue is full, or the socket holds more
 * than maxBufferedBytes unsent) is disconnected rather than buffered.
 */
export class LiveStream<A, P> implements AsyncIterableIterator<P> {
  private readonly queue: Delivery[] = [];
  private waiting: ((delivery: Delivery | null) => void) | null = null;
  private ended = false;

  constructor(
    private readonly hub: LiveHub,
    readonly connection: LiveConnection,
    readonly feed: LiveFeed<A, P>,
    private readonly args: A,
    private readonly ctx: RequestContext,
  ) {}

  /** Called by the hub for each event the feed listens to. */
  offer(event: RecordedEvent, makeBatch: () => LiveBatch): void {
    if (this.ended || !this.feed.matches(this.args, event)) return;
    const { maxQueuedEvents, maxBufferedBytes } = this.hub.settings;
    if (this.queue.length >= maxQueuedEvents || this.connection.bufferedAmount() > maxBufferedBytes) {
      this.hub.slowConsumer(this.connection, this.queue.length);
      return;
    }
    const delivery = { event, batch: makeBatch() };
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve(delivery);
    } else this.queue.push(delivery);
  }

  async next(): Promise<IteratorResult<P>> {
    for (;;) {
      const delivery = this.queue.shift() ?? (this.ended ? null : await new Promise<Delivery | null>((resolve) => (this.waiting = resolve)));
      if (!delivery || this.ended) return { done: true, value: undefined };
      // The event's rows, read once for all its subscribers; every field below is resolved with them, as this subscriber.
      this.ctx.loaders = delivery.batch.loaders;
      this.ctx.db = delivery.batch.db;
      let payload: P | null;
      try {
        payload = await this.feed.admit(this.ctx, this.args, delivery.event, delivery.batch);
      } catch (err) {
        this.hub.logger.warn(
          { err: { message: err instanceof Error ? err.message : String(err) }, eventType: delivery.event.type, feed: this.feed.name },
          'live updates: an event could not be read for a subscriber; skipped',
        );
        payload = null;
      }
      if (payload !== null) return { done: false, value: payload };
    }
  }

  async return(): Promise<IteratorResult<P>> {
    this.end();
    return { done: true, value: undefined };
  }

  /** Ends the stream: graphql-ws then completes the subscription (or the socket is closing anyway). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue.length = 0;
    this.hub.forget(this);
    const resolve = this.waiting;
    this.waiting = null;
    resolve?.(null);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/**
 * This instance's live subscriptions: it receives every committed notice
 * (from the bus: this instance's commits, and with Redis every instance's),
 * hands each event to the subscriptions that listen to it, and closes the
 * sockets of sessions that a committed transaction ended.
 */
export class LiveHub {
  private readonly byType = new Map<EventType, Set<LiveStream<unknown, unknown>>>();
  private readonly streamsOf = new Map<LiveConnection, Set<LiveStream<unknown, unknown>>>();
  private readonly connectionsOf = new Map<string, Set<LiveConnection>>();
  /** Subscriptions held per user, kept as they open and end: the cap is checked without walking the user's sockets. */
  private readonly streamCountOf = new Map<string, number>();
  /** Counts since start, for tests and the benchmark. */
  readonly counters = { notices: 0, events: 0, offered: 0, slowConsumers: 0, sessionsClosed: 0 };

  constructor(
    private readonly reader: () => EntityManager,
    readonly settings: LiveSettings,
    readonly logger: Logger,
  ) {}

  get connectionCount(): number {
    return this.streamsOf.size;
  }

  get subscriptionCount(): number {
    let n = 0;
    for (const streams of this.streamsOf.values()) n += streams.size;
    return n;
  }

  /** A socket whose connection_init named a live session; false when the user already holds as many as allowed. */
  addConnection(connection: LiveConnection): boolean {
    const mine = this.connectionsOf.get(connection.viewer.userId) ?? new Set();
    if (mine.size >= this.settings.maxConnectionsPerUser) return false;
    mine.add(connection);
    this.connectionsOf.set(connection.viewer.userId, mine);
    this.streamsOf.set(connection, new Set());
    return true;
  }

  /** The socket closed: its subscriptions end. */
  removeConnection(connection: LiveConnection): void {
    for (const stream of [...(this.streamsOf.get(connection) ?? [])]) stream.end();
    this.streamsOf.delete(connection);
    const mine = this.connectionsOf.get(connection.viewer.userId);
    mine?.delete(connection);
    if (mine && !mine.size) this.connectionsOf.delete(connection.viewer.userId);
  }

  /** A subscription of `feed` for the socket, within the caps per socket and per user. */
  open<A, P>(connection: LiveConnection, feed: LiveFeed<A, P>, args: A, ctx: RequestContext): LiveStream<A, P> {
    const streams = this.streamsOf.get(connection);
    if (!streams) throw new AppError('UNAUTHENTICATED', 'The socket is closing; connect again.');
    const { maxSubscriptionsPerConnection: perSocket, maxSubscriptionsPerUser: perUser } = this.settings;
    if (streams.size >= perSocket) {
      throw new AppError('QUERY_TOO_COMPLEX', `A socket holds at most ${perSocket} subscriptions; complete one first.`, { limit: 'subscriptions', max: perSocket });
    }
    const userId = connection.viewer.userId;
    if ((this.streamCountOf.get(userId) ?? 0) >= perUser) {
      throw new AppError('QUERY_TOO_COMPLEX', `A user holds at most ${perUser} subscriptions on a server; complete one first.`, { limit: 'subscriptions', max: perUser });
    }
    const stream = new LiveStream(this, connection, feed, args, ctx);
    const erased = stream as unknown as LiveStream<unknown, unknown>;
    streams.add(erased);
    this.streamCountOf.set(userId, (this.streamCountOf.get(userId) ?? 0) + 1);
    for (const type of feed.types) {
      let set = this.byType.get(type);
      if (!set) this.byType.set(type, (set = new Set()));
      set.add(erased);
    }
    return stream;
  }

  /** Called by a stream that ended. */
  forget(stream: LiveStream<any, any>): void {
    if (this.streamsOf.get(stream.connection)?.delete(stream)) {
      const userId = stream.connection.viewer.userId;
      const left = (this.streamCountOf.get(userId) ?? 1) - 1;
      if (left > 0) this.streamCountOf.set(userId, left);
      else this.streamCountOf.delete(userId);
    }
    for (const type of stream.feed.types) this.byType.get(type)?.delete(stream);
  }

  slowConsumer(connection: LiveConnection, queued: number): void {
    this.counters.slowConsumers++;
    this.logger.info({ userId: connection.viewer.userId, queued, bufferedBytes: connection.bufferedAmount() }, 'live updates: a slow consumer is disconnected');
    connection.close(LIVE_CLOSE.SLOW_CONSUMER, 'Too slow: the server does not buffer without bound. Reconnect and re-read.');
    this.removeConnection(connection);
  }

  /** A committed transaction's notice (from the bus). */
  receive(notice: CommitNotice): void {
    this.counters.notices++;
    for (const ended of notice.endedSessions) this.endSessions(ended);
    for (const event of notice.events) {
      this.counters.events++;
      const streams = this.byType.get(event.type);
      if (!streams?.size) continue;
      let batch: LiveBatch | undefined;
      const makeBatch = () => (batch ??= new LiveBatch(this.reader()));
      for (const stream of [...streams]) {
        this.counters.offered++;
        stream.offer(event, makeBatch);
      }
    }
  }

  /** Closes the sockets of the sessions that ended (logout, password change, deactivation). */
  private endSessions({ userId, sessionId, exceptSessionId }: EndedSessions): void {
    for (const connection of [...(this.connectionsOf.get(userId) ?? [])]) {
      const { sessionId: its } = connection.viewer;
      if ((sessionId && its !== sessionId) || (exceptSessionId && its === exceptSessionId)) continue;
      this.counters.sessionsClosed++;
      connection.close(LIVE_CLOSE.FORBIDDEN, 'Forbidden: the session has ended. Sign in again.');
      this.removeConnection(connection);
    }
  }

  /** Shutdown: every socket is told the server is going away. */
  closeAll(): void {
    for (const connection of [...this.streamsOf.keys()]) {
      connection.close(LIVE_CLOSE.GOING_AWAY, 'The server is shutting down; reconnect.');
      this.removeConnection(connection);
    }
  }
}
