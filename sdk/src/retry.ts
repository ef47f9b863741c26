/** Opt-in retries of throttled or unavailable responses (HTTP 429 and 503). */
export interface RetryOptions {
  /** Extra attempts after the first; default 2. */
  readonly retries?: number;
  /** Wait before the first retry when the server gives no Retry-After; doubled each time, up to maxDelayMs. Default 500 ms. */
  readonly baseDelayMs?: number;
  /** Longest wait: a longer Retry-After ends the retries at once. Default 30 000 ms. */
  readonly maxDelayMs?: number;
}

export interface RetryPolicy {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503]);

export function retryPolicy(option: RetryOptions | boolean | undefined): RetryPolicy | undefined {
  if (!option) return undefined;
  const chosen = option === true ? {} : option;
  const number = (value: number | undefined, fallback: number) => (Number.isFinite(value) ? Math.max(0, value!) : fallback);
  return {
    retries: Math.floor(number(chosen.retries, 2)),
    baseDelayMs: number(chosen.baseDelayMs, 500),
    maxDelayMs: number(chosen.maxDelayMs, 30_000),
  };
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its weekday and month; Date.parse alone would also take "-1" as a year.
  if (!/[a-z]{3}/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * How long to wait before attempt number `attempt` (1 = first retry), or
 * undefined when the response is not retryable or the budget is spent.
 */
export function retryDelay(
  policy: RetryPolicy | undefined,
  status: number,
  attempt: number,
  retryAfterMs: number | undefined,
): number | undefined {
  if (!policy || !RETRYABLE_STATUSES.has(status) || attempt > policy.retries) return undefined;
  // The server's own Retry-After is obeyed or not at all; our backoff is merely capped.
  if (retryAfterMs !== undefined) return retryAfterMs <= policy.maxDelayMs ? retryAfterMs : undefined;
  return Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}
