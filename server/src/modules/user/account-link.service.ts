import { IsNull, MoreThan } from 'typeorm';
import { AccountLinkPurpose, LINK_TOKEN_PATTERN, linkToken, newLinkId } from '../../auth/account-links';
import type { AuthSettings } from '../../auth/auth-settings';
import { tokenDigest } from '../../auth/tokens';
import type { RequestContext } from '../../graphql/context';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { AccountLink } from './account-link.entity';

/** A user ID no account has. */
const NOBODY = '00000000-0000-4000-8000-000000000000';

/** The passwordHash of an account that has none yet (an invitation not yet accepted): never a valid argon2 hash. */
export const NO_PASSWORD = '';

const lifetimeOf = (auth: AuthSettings, purpose: AccountLinkPurpose) =>
  purpose === AccountLinkPurpose.INVITATION ? auth.invitationTtlMs : auth.passwordResetTtlMs;

/** The refusal of a token that names no usable link. */
export const invalidLink = (): never =>
  fail(UserErrorCode.ACCOUNT_LINK_INVALID, 'This link is unknown, was used already or was replaced by a newer one; ask for a new one.', 'token');
const invalid = invalidLink;

/** One-time account links (invitations, password resets). Callers are inside a transaction. */
export const accountLinks = {
  /**
   * A new link for the user: its digest is stored, and the user's earlier
   * live links of the same purpose stop working. Returns the link ID the
   * outbox event carries (the letter derives the token from it).
   */
  async issue(tx: RequestContext, userId: string, purpose: AccountLinkPurpose): Promise<{ linkId: string; expiresAt: Date }> {
    const now = tx.clock.now();
    await tx.db.update(AccountLink, { userId, purpose, usedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(now) }, { revokedAt: now });
    const linkId = newLinkId();
    const expiresAt = new Date(now.getTime() + lifetimeOf(tx.auth, purpose));
    await tx.db.insert(AccountLink, {
      userId,
      purpose,
      tokenHash: tokenDigest(tx.auth.pepper, linkToken(tx.auth.pepper, linkId)),
      createdAt: now,
      expiresAt,
      usedAt: null,
      revokedAt: null,
    });
    return { linkId, expiresAt };
  },

  /**
   * What issue() does for an e-mail without an active account, so both take
   * the same time (requestPasswordReset): a link ID, its token and digest,
   * and the same revoking statement (for no user); nothing is stored.
   */
  async issueForNobody(tx: RequestContext): Promise<{ linkId: string }> {
    const now = tx.clock.now();
    const linkId = newLinkId();
    tokenDigest(tx.auth.pepper, linkToken(tx.auth.pepper, linkId));
    await tx.db.update(AccountLink, { userId: NOBODY, usedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(now) }, { revokedAt: now });
    return { linkId };
  },

  /**
   * Uses the link the token names: refused when unknown, of another purpose,
   * used, revoked or expired. Marking it used is one conditional UPDATE, so
   * of two requests with the same token at once only one gets through.
   */
  async use(tx: RequestContext, token: string, purpose: AccountLinkPurpose): Promise<AccountLink> {
    if (!LINK_TOKEN_PATTERN.test(token)) invalid();
    const link = (await tx.db.findOneBy(AccountLink, { tokenHash: tokenDigest(tx.auth.pepper, token), purpose })) ?? invalid();
    if (link.usedAt || link.revokedAt) invalid();
    const now = tx.clock.now();
    if (link.expiresAt <= now) fail(UserErrorCode.ACCOUNT_LINK_EXPIRED, 'This link has expired; ask for a new one.', 'token');
    const marked = await tx.db.update(AccountLink, { uuid: link.uuid, usedAt: IsNull(), revokedAt: IsNull() }, { usedAt: now });
    if (!marked.affected) invalid();
    link.usedAt = now;
    return link;
  },

  /** Every live link of the user stops working (a password was set, or the account deactivated). */
  async revokeAll(tx: RequestContext, userId: string): Promise<void> {
    const now = tx.clock.now();
    await tx.db.update(AccountLink, { userId, usedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(now) }, { revokedAt: now });
  },

  /**
   * The link of this token digest while it is neither used nor revoked: a letter is
   * not sent for a link replaced meanwhile. Expiry is left to `use` (the
   * request clock), since the delivery worker keeps its own time.
   */
  async unused(db: RequestContext['db'], tokenHash: string): Promise<AccountLink | null> {
    const link = await db.findOneBy(AccountLink, { tokenHash });
    return link && !link.usedAt && !link.revokedAt ? link : null;
  },
};
