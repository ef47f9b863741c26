import type { LoginThrottle } from './login-throttle';

/** What sign-in needs from configuration, handed to every request context. */
export interface AuthSettings {
  /** Secret mixed into stored token digests (CDP_TOKEN_PEPPER). */
  pepper: string;
  sessionTtlMs: number;
  throttle: LoginThrottle;
}
