import { createHmac, randomBytes } from 'node:crypto';

/** A new bearer token: 32 random bytes, base64url, prefixed so leaked tokens are recognisable by scanners. */
export function newSessionToken(): string {
  return `cdp_${randomBytes(32).toString('base64url')}`;
}

/** What the session table stores instead of the token: HMAC-SHA-256 under the server's pepper. */
export function tokenDigest(pepper: string, token: string): string {
  return createHmac('sha256', pepper).update(token, 'utf8').digest('hex');
}

/** The shape newSessionToken produces; anything else is refused before the database is asked. */
export const SESSION_TOKEN_PATTERN = /^cdp_[A-Za-z0-9_-]{43}$/;
