import type { LoginThrottle } from './login-throttle';

/** What sign-in needs from configuration, handed to every request context. */
export interface AuthSettings {
  /** Secret mixed into stored token digests (CDP_TOKEN_PEPPER). */
  pepper: string;
  sessionTtlMs: number;
  throttle: LoginThrottle;
  /** Told of refused passwords and throttled attempts (the metrics); unset when nobody counts them. */
  events?: SignInEvents;
}

/** The sign-in refusals worth counting, by the operation that was refused. */
export interface SignInEvents {
  failed(operation: 'login' | 'changePassword'): void;
  throttled(operation: 'login' | 'changePassword'): void;
}
