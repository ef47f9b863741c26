import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Redis } from 'ioredis';
import { readOrCreateSecretFile } from '../common/secret-file';
import type { Config } from '../config';
import type { AuthSettings } from './auth-settings';
import { DEFAULT_LOGIN_LIMITS, LoginThrottle } from './login-throttle';

/**
 * The token pepper: from CDP_TOKEN_PEPPER (required in production, which
 * configuration enforces), else generated once for development and kept in
 * `<dataDir>/token-pepper`, readable by the owner only.
 */
export function resolveTokenPepper(config: Pick<Config, 'auth'>, dataDir: string): string {
  if (config.auth.tokenPepper) return config.auth.tokenPepper;
  return readOrCreateSecretFile(path.join(dataDir, 'token-pepper'), () => `${randomBytes(48).toString('base64url')}\n`).trim();
}

/** Redis for state shared by instances; commands fail fast instead of queueing while it is away. */
export function connectRedis(url: string): Redis {
  return new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
}

export function authSettings(config: Pick<Config, 'auth'>, pepper: string, redis?: Redis): AuthSettings {
  return {
    pepper,
    sessionTtlMs: config.auth.sessionTtlHours * 3_600_000,
    invitationTtlMs: config.auth.invitationTtlHours * 3_600_000,
    passwordResetTtlMs: config.auth.passwordResetTtlMinutes * 60_000,
    throttle: new LoginThrottle(config.auth.loginLimits, redis),
    resetThrottle: new LoginThrottle(config.auth.loginLimits, redis, RESET_THROTTLE_PREFIX),
  };
}

/** The Redis key prefix of requestPasswordReset's counts (sign-in's is LoginThrottle's default). */
const RESET_THROTTLE_PREFIX = 'cdp:reset';

/** Settings for a process that keeps no tokens across restarts (benchmarks, tests): a random pepper, 12 h sessions, the default link lifetimes. */
export function ephemeralAuthSettings(limits = DEFAULT_LOGIN_LIMITS): AuthSettings {
  return {
    pepper: randomBytes(32).toString('base64url'),
    sessionTtlMs: 12 * 3_600_000,
    invitationTtlMs: DEFAULT_INVITATION_TTL_HOURS * 3_600_000,
    passwordResetTtlMs: DEFAULT_PASSWORD_RESET_TTL_MINUTES * 60_000,
    throttle: new LoginThrottle(limits),
    resetThrottle: new LoginThrottle(limits, undefined, RESET_THROTTLE_PREFIX),
  };
}

/** An invitation link works 72 hours unless INVITATION_TTL_HOURS says otherwise. */
export const DEFAULT_INVITATION_TTL_HOURS = 72;
/** A password-reset link works one hour unless PASSWORD_RESET_TTL_MINUTES says otherwise. */
export const DEFAULT_PASSWORD_RESET_TTL_MINUTES = 60;
