import { createHmac, randomBytes } from 'node:crypto';

/** What a one-time account link lets its holder do. */
export enum AccountLinkPurpose {
  /** Choose the first password of an account an ADMIN invited (acceptInvitation). */
  INVITATION = 'INVITATION',
  /** Choose a new password after requestPasswordReset (resetPassword). */
  PASSWORD_RESET = 'PASSWORD_RESET',
}

/**
 * A new link ID: 16 random bytes. The outbox event that mails a link carries
 * this ID, never the token: the token is derived from it under the pepper
 * when the letter is composed, so neither the event nor the link's row
 * holds a token that works without the pepper.
 */
export function newLinkId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The token of a link ID: HMAC-SHA-256 under the pepper, domain-separated
 * from the stored digests (tokenDigest), base64url, with a recognisable
 * prefix. Unguessable without the pepper; the database keeps only
 * tokenDigest(pepper, token).
 */
export function linkToken(pepper: string, linkId: string): string {
  return `cdpl_${createHmac('sha256', pepper).update(`cdp-hub account link\u0000${linkId}`, 'utf8').digest('base64url')}`;
}

/** The shape linkToken produces; anything else is refused before the database is asked. */
export const LINK_TOKEN_PATTERN = /^cdpl_[A-Za-z0-9_-]{43}$/;

/**
 * The address a letter offers for a link, under CDP_PUBLIC_URL. The token
 * travels in the fragment, which browsers never send to a server, so it
 * stays out of access logs and Referer headers; the page (the client
 * application) hands it to acceptInvitation or resetPassword.
 */
export function linkUrl(publicUrl: string, purpose: AccountLinkPurpose, token: string): string {
  return `${publicUrl}/account/${purpose === AccountLinkPurpose.INVITATION ? 'invitation' : 'password-reset'}#token=${token}`;
}
