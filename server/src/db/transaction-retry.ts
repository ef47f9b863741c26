import { QueryFailedError } from 'typeorm';
import type { RequestScope } from '../common/request-scope';

/** How often one transaction runs at most: the first attempt and two retries. */
export const TRANSACTION_ATTEMPTS = 3;

/**
 * PostgreSQL's verdicts that say "run it again": the transaction was rolled
 * back whole and another attempt may well commit (deadlock_detected,
 * serialization_failure). Anything else is the work's own failure.
 */
const RETRYABLE_CODES = new Set(['40P01', '40001']);

export function isRetryableConflict(err: unknown): boolean {
  return err instanceof QueryFailedError && RETRYABLE_CODES.has((err as { driverError?: { code?: string } }).driverError?.code ?? '');
}

/**
 * Runs `attempt` until it settles otherwise than with a retryable conflict,
 * at most TRANSACTION_ATTEMPTS times. Each attempt must be a whole new
 * transaction (its own connection and state), since the conflict rolled the
 * last one back. A short random pause lets the rival that won commit first,
 * and keeps two losers from meeting again in step.
 */
export async function retryConflicts<T>(attempt: () => Promise<T>, scope?: RequestScope): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (n >= TRANSACTION_ATTEMPTS || !isRetryableConflict(err)) throw err;
      const code = (err as { driverError: { code: string } }).driverError.code;
      scope?.log.warn({ requestId: scope.requestId, code, attempt: n, of: TRANSACTION_ATTEMPTS }, 'transaction conflict, retrying');
      await pause(backoffMs(n));
    }
  }
}

/** 5 to 25 ms after the first conflict, 10 to 50 ms after the second. */
const backoffMs = (failedAttempts: number) => failedAttempts * (5 + Math.random() * 20);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
