import type { LoginThrottle } from './login-throttle';

/** What sign-in needs from configuration, handed to every request context. */
export interface AuthSettings {
  /** Secret mixed into stored token digests (CDP_TOKEN_PEPPER). */
  pepper: string;
  sessionTtlMs: number;
  /** How long an invitation link works (INVITATION_TTL_HOURS, 72 h by default). */
  invitationTtlMs: number;
  /** How long a password-reset link works (PASSWORD_RESET_TTL_MINUTES, 1 h by default). */
  passwordResetTtlMs: number;
  throttle: LoginThrottle;
  /**
   * requestPasswordReset's own counts, with the sign-in limits (in Redis when
   * configured): asking for links does not lock the account's sign-in, and
   * sign-in failures do not stop a reset.
   */
  resetThrottle: LoginThrottle;
  /** Told of refused passwords and throttled attempts (the metrics); unset when nobody counts them. */
  events?: SignInEvents;
}

/** The operations the sign-in throttles guard. */
export type ThrottledOperation = 'login' | 'changePassword' | 'requestPasswordReset';

/** The sign-in refusals worth counting, by the operation that was refused. */
export interface SignInEvents {
  failed(operation: 'login' | 'changePassword'): void;
  throttled(operation: ThrottledOperation): void;
}
