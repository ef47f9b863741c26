import { Client } from 'pg';
import type { Logger } from '../common/logger';
import { OUTBOX_NOTIFY_CHANNEL } from './record-event';

const RECONNECT_MS = 2_000;

/**
 * LISTENs for the NOTIFY that a commit with outbox work sends (recordEvent),
 * so that an instance delivers what another instance's request recorded
 * without waiting for its next poll. A lost connection is opened again; the
 * poll covers the gap.
 */
export class PostgresWakeup {
  private client: Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;
  private heard!: () => void;
  /** Resolves once LISTEN is in place (the first time). */
  readonly listening = new Promise<void>((resolve) => (this.heard = resolve));

  constructor(
    private readonly url: string,
    private readonly onNotify: () => void,
    private readonly logger: Logger,
  ) {}

  start(): void {
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.url, application_name: 'cdp-hub-outbox-listener' });
    client.on('notification', () => this.onNotify());
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_NOTIFY_CHANNEL}`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.client = client;
      this.heard();
      // Whatever was committed while no one listened is found now rather than at the next poll.
      this.onNotify();
    } catch (err) {
      this.lost(client, err);
    }
  }

  private lost(client: Client, err?: unknown): void {
    if (this.client === client) this.client = null;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    if (this.stopped || this.retry) return;
    if (err) this.logger.warn({ err: { message: err instanceof Error ? err.message : String(err) } }, 'outbox: LISTEN connection lost; polling until it is back');
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, RECONNECT_MS);
    this.retry.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    if (client) {
      client.removeAllListeners('end');
      await client.end().catch(() => undefined);
    }
  }
}
