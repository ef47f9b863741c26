import type { Logger } from '../common/logger';

/** What shutdown stops first: readiness, then the HTTP app (see CdpApp). */
export interface Drainable {
  beginShutdown(): void;
  close(): Promise<void>;
  readonly requestsInFlight: number;
}

/** Something closed once requests have drained, in the order given (e.g. the metrics listener, the database, Redis). */
export interface Closing {
  name: string;
  close(): Promise<void> | void;
}

export interface ShutdownOptions {
  app: Drainable;
  afterDrain: Closing[];
  logger: Logger;
  /** Waits (at most `ms`) for the last log lines to reach stdout. */
  flushLog(ms: number): Promise<void>;
  /** How long readiness fails before the listener closes, for load balancers to notice (SHUTDOWN_DELAY_SECONDS). */
  delayMs: number;
  /** From the signal to a forced exit with code 1 (SHUTDOWN_GRACE_SECONDS). */
  graceMs: number;
  exit?: (code: number) => void;
}

/** How long the last log lines may take to reach stdout at exit. */
export const LOG_FLUSH_MS = 1_000;

/**
 * Graceful shutdown on SIGTERM and SIGINT: /readyz answers 503 at once;
 * after the delay the listener closes (new connections are refused) and
 * the requests in flight finish, their transactions committing or rolling
 * back whole; then the rest closes, the database after the last request,
 * and the process exits 0. Past the grace period it exits 1.
 */
export function shutDownOnSignals(options: ShutdownOptions): void {
  const stop = once(options);
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

function once({ app, afterDrain, logger, flushLog, delayMs, graceMs, exit = (code) => process.exit(code) }: ShutdownOptions) {
  let stopping = false;
  return async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    app.beginShutdown();
    logger.info({ signal, delayMs }, 'shutting down: readiness fails from now on');
    const leave = async (code: number) => {
      await flushLog(LOG_FLUSH_MS);
      exit(code);
    };
    const force = setTimeout(() => {
      logger.error({ graceMs }, 'shutdown took too long; exiting');
      void leave(1);
    }, graceMs);
    force.unref();
    try {
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      logger.info('draining: new connections are refused; finishing requests in flight');
      await app.close();
      // Zero, or the database would close under the handlers still running.
      logger.info({ requestsInFlight: app.requestsInFlight }, 'drained');
      for (const { name, close } of afterDrain) {
        await close();
        logger.info(`${name} closed`);
      }
      logger.info('stopped');
      clearTimeout(force);
      await leave(0);
    } catch (err) {
      logger.error({ err: { message: err instanceof Error ? err.message : String(err) } }, 'shutdown failed');
      await leave(1);
    }
  };
}
