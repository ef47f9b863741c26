import Redis from 'ioredis';
import type { Logger } from '../common/logger';
import type { CommitNotice } from '../db/database';
import type { RecordedEvent } from '../outbox/event-catalogue';

/** The Redis channel on which every instance publishes what its transactions committed. */
export const LIVE_REDIS_CHANNEL = 'cdp-hub:live';

/**
 * How committed notices reach the live subscribers of every instance. In one
 * process it is a direct call; with REDIS_URL each notice is published on one
 * channel that every instance (this one included) subscribes to, so an event
 * committed on one instance reaches subscribers on all of them. Delivery is
 * at most once: a subscriber that missed a notice re-reads what it shows.
 */
export interface LiveBus {
  publish(notice: CommitNotice): void;
  /** Resolves once notices published from now on reach `onNotice` (the Redis subscription is in place). */
  start(onNotice: (notice: CommitNotice) => void): Promise<void>;
  close(): Promise<void>;
}

/** Without Redis: this instance's commits reach this instance's subscribers. */
export class InProcessBus implements LiveBus {
  private onNotice: (notice: CommitNotice) => void = () => undefined;

  publish(notice: CommitNotice): void {
    // After the committing request's own continuation: a subscriber's reads never hold up its answer.
    setImmediate(() => this.onNotice(notice));
  }

  async start(onNotice: (notice: CommitNotice) => void): Promise<void> {
    this.onNotice = onNotice;
  }

  async close(): Promise<void> {
    this.onNotice = () => undefined;
  }
}

/** The JSON of a notice loses the Date of each event: this puts it back. */
export function parseNotice(text: string): CommitNotice {
  const raw = JSON.parse(text) as CommitNotice;
  return {
    endedSessions: raw.endedSessions ?? [],
    events: (raw.events ?? []).map((e: RecordedEvent) => ({ ...e, occurredAt: new Date(e.occurredAt) })),
  };
}

/**
 * Redis pub/sub through ioredis (a subscribing connection cannot publish, so
 * there are two). A lost connection is reconnected by ioredis; notices
 * published meanwhile are lost for live subscribers only (the outbox keeps
 * the events for the other channels).
 */
export class RedisBus implements LiveBus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;

  constructor(
    url: string,
    private readonly logger: Logger,
    /** Instances of one deployment share it; another deployment on the same Redis names its own. */
    private readonly channel = LIVE_REDIS_CHANNEL,
  ) {
    // Notices are not queued while Redis is away: a late live update is worth less than none.
    this.publisher = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.subscriber = new Redis(url, { maxRetriesPerRequest: null });
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (err) => this.logger.warn({ err: { message: err.message } }, 'live updates: redis unavailable; subscribers miss what is committed meanwhile'));
    }
  }

  publish(notice: CommitNotice): void {
    this.publisher.publish(this.channel, JSON.stringify(notice)).catch((err: Error) =>
      this.logger.warn({ err: { message: err.message } }, 'live updates: a notice could not be published'),
    );
  }

  async start(onNotice: (notice: CommitNotice) => void): Promise<void> {
    this.subscriber.on('message', (_channel: string, text: string) => {
      let notice: CommitNotice;
      try {
        notice = parseNotice(text);
      } catch {
        this.logger.warn('live updates: a notice on redis is not JSON; ignored');
        return;
      }
      onNotice(notice);
    });
    await this.subscriber.subscribe(this.channel);
  }

  async close(): Promise<void> {
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }
}
