/** How the delivery worker paces itself; OUTBOX_* settings and the defaults (docs/operations.md, Configuration). */
export interface OutboxSettings {
  /** Attempts before a message is DEAD (a permanent SMTP refusal makes it DEAD at once). */
  maxAttempts: number;
  /** How often an idle worker looks for work it was not woken for (other instances' commits, due retries). */
  pollIntervalMs: number;
  /** How long a claimed message stays with its instance; after that another instance (or a restart) takes it over. */
  leaseMs: number;
  /** Retries wait a random time from 0 to min(retryCapMs, retryBaseMs × 2^(attempt − 1)) ("full jitter"). */
  retryBaseMs: number;
  retryCapMs: number;
  /** Messages claimed together; they are delivered concurrently (the SMTP pool bounds the connections). */
  batchSize: number;
  /** One delivery's longest run before it counts as failed; well inside the lease. */
  deliveryTimeoutMs: number;
}

export const DEFAULT_OUTBOX_SETTINGS: OutboxSettings = {
  maxAttempts: 8,
  pollIntervalMs: 1_000,
  leaseMs: 60_000,
  retryBaseMs: 30_000,
  retryCapMs: 3_600_000,
  batchSize: 50,
  deliveryTimeoutMs: 30_000,
};
