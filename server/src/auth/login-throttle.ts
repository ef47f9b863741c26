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

  /** Seconds to wait before another attempt may be made; 0 when one is allowed now. */
  async secondsToWait(email: string, address: string): Promise<number> {
    const [account, all] = await Promise.all([
      this.byAccountAndAddress.get(LoginThrottle.accountKey(email, address)),
      this.byAddress.get(address),
    ]);
    const waits = [
      [account, this.limits.perAccountAndAddress],
      [all, this.limits.perAddress],
    ] as const;
    const ms = Math.max(0, ...waits.map(([res, points]) => (res && res.consumedPoints >= points ? res.msBeforeNext : 0)));
    return Math.ceil(ms / 1000);
  }

  async recordFailure(email: string, address: string): Promise<void> {
    await Promise.all([
      this.byAccountAndAddress.consume(LoginThrottle.accountKey(email, address)).catch(ignoreLimitReached),
      this.byAddress.consume(address).catch(ignoreLimitReached),
    ]);
  }

  /** A successful sign-in clears that account's count from that address. */
  async recordSuccess(email: string, address: string): Promise<void> {
    await this.byAccountAndAddress.delete(LoginThrottle.accountKey(email, address));
  }
}

/** consume() rejects with a RateLimiterRes once over the limit; the block it set is what secondsToWait reads. */
function ignoreLimitReached(reason: unknown): void {
  if (!(reason instanceof RateLimiterRes)) throw reason;
}
