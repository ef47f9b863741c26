import { parseRetryAfter, retryDelay, retryPolicy } from '../../sdk/src/retry';

describe('SDK retry policy', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Thu, 26 Nov 2026 12:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Thu, 26 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('is off unless asked for, with defaults when set to true', () => {
    expect(retryPolicy(undefined)).toBeUndefined();
    expect(retryPolicy(false)).toBeUndefined();
    expect(retryPolicy(true)).toEqual({ retries: 2, baseDelayMs: 500, maxDelayMs: 30_000 });
    expect(retryPolicy({ retries: -3 })).toMatchObject({ retries: 0 });
    expect(retryPolicy({ retries: Number.NaN, baseDelayMs: Infinity })).toEqual({ retries: 2, baseDelayMs: 500, maxDelayMs: 30_000 });
  });

  it('retries only 429 and 503, within the budget, preferring Retry-After', () => {
    const policy = retryPolicy({ retries: 2, baseDelayMs: 100, maxDelayMs: 1000 });
    expect(retryDelay(policy, 429, 1, undefined)).toBe(100);
    expect(retryDelay(policy, 503, 2, undefined)).toBe(200);
    expect(retryDelay(policy, 503, 3, undefined)).toBeUndefined();
    expect(retryDelay(policy, 429, 1, 700)).toBe(700);
    expect(retryDelay(policy, 429, 1, 5000)).toBeUndefined();
    // Our own backoff is capped, not abandoned.
    const many = retryPolicy({ retries: 8, baseDelayMs: 100, maxDelayMs: 1000 });
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map((attempt) => retryDelay(many, 503, attempt, undefined))).toEqual([
      100, 200, 400, 800, 1000, 1000, 1000, 1000, undefined,
    ]);
    for (const status of [200, 400, 500, 502, 504]) expect(retryDelay(policy, status, 1, undefined)).toBeUndefined();
    expect(retryDelay(undefined, 429, 1, 0)).toBeUndefined();
  });
});
