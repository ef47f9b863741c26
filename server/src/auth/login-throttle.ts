import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface LoginThrottleLimits {
  /** Failed sign-ins allowed for one account from one address within `windowSeconds`. */
  perAccountAndAddress: number;
  /** Failed sign-ins allowed from one address, whatever the accounts, within `windowSeconds`. */
  perAddress: number;
  windowSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginThrottleLimits = { perAccountAndAddress: 5, perAddress: 100, windowSeconds: 15 * 60 };

/**
 * Counts failed sign-ins per account and address, and per address (the
 * pattern of rate-limiter-flexible's login example). Redis holds the counts
 * when configured, so every server instance sees the same ones; an
 * in-memory limiter insures against Redis being unreachable.
 */
export class LoginThrottle {
  private readonly byAccountAndAddress: RateLimiterAbstract;
  private readonly byAddress: RateLimiterAbstract;

  constructor(
    readonly limits: LoginThrottleLimits = DEFAULT_LOGIN_LIMITS,
    redis?: Redis,
    keyPrefix = 'cdp:login',
  ) {
    const make = (name: string, points: number) => {
      const options = { keyPrefix: `${keyPrefix}:${name}`, points, duration: limits.windowSeconds, blockDuration: limits.windowSeconds };
      const memory = new RateLimiterMemory(options);
      return redis ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: memory }) : memory;
    };
    this.byAccountAndAddress = make('account', limits.perAccountAndAddress);
    this.byAddress = make('address', limits.perAddress);
  }

  private static accountKey(email: string, address: string): string {
    return `${email.trim().toLowerCase()}|${address}`;
  }

  /**
   * Reserves one attempt before the password is checked, and answers the
   * seconds to wait (0: go ahead). Counting first, atomically in Redis or
   * in memory, is what keeps parallel guesses within the limit: a
   * read-then-count check lets every request in flight through before the
   * first failure is recorded. The attempt counts as a failure unless
   * recordSuccess takes it back.
   */
  async attempt(email: string, address: string): Promise<number> {
    const results = await Promise.all([
      this.byAccountAndAddress.consume(LoginThrottle.accountKey(email, address)).then(allowed, refusedFor),
      this.byAddress.consume(address).then(allowed, refusedFor),
    ]);
    return Math.ceil(Math.max(0, ...results) / 1000);
  }

  /** The password was right: that account's count from that address is cleared, and the address gets its attempt back. */
  async recordSuccess(email: string, address: string): Promise<void> {
    await Promise.all([this.byAccountAndAddress.delete(LoginThrottle.accountKey(email, address)), this.byAddress.reward(address, 1)]);
  }
}

const allowed = (): number => 0;

/** consume() rejects with a RateLimiterRes once over the limit (and blocks the key for the window); its wait is the answer. */
function refusedFor(reason: unknown): number {
  if (!(reason instanceof RateLimiterRes)) throw reason;
  return Math.max(1, reason.msBeforeNext);
}
