import { AccountLinkPurpose, linkUrl } from '../../auth/account-links';
import { accountLinks, NO_PASSWORD } from '../../modules/user/account-link.service';
import { User } from '../../modules/user/user.entity';
import type { Letter, LetterContext } from '../letter';
import { uuidOf } from './letter-reads';

type LinkEvent = 'UserInvited' | 'PasswordResetRequested';

/** The event's user while it is active (and, for an invitation, still without a password). */
async function ownUser(db: Parameters<Letter<LinkEvent>['recipients']>[0], userId: string | null, invitedOnly: boolean): Promise<string[]> {
  if (!userId) return [];
  const user = await db.findOneBy(User, { uuid: uuidOf(userId, 'User'), isActive: true });
  return user && (!invitedOnly || user.passwordHash === NO_PASSWORD) ? [user.uuid] : [];
}

/**
 * The link of the event, for its own user only, while it is unused and not
 * replaced (a resent invitation's earlier letter, not yet sent, is skipped).
 */
async function liveLink(ctx: LetterContext<LinkEvent>, purpose: AccountLinkPurpose) {
  const { event, viewer, db, publicUrl } = ctx;
  if (!event.payload.userId || viewer.userId !== uuidOf(event.payload.userId, 'User')) return null;
  const { token, digest } = ctx.accountLink(event.payload.linkId);
  const link = await accountLinks.unused(db, digest);
  if (!link || link.purpose !== purpose || link.userId !== viewer.userId) return null;
  return { url: linkUrl(publicUrl, purpose, token), expiresAt: link.expiresAt };
}

/** An ADMIN invited the user: the one-time link to choose a first password. */
export const userInvited: Letter<'UserInvited'> = {
  recipients: (db, event) => ownUser(db, event.payload.userId, true),
  async compose(ctx) {
    const link = await liveLink(ctx, AccountLinkPurpose.INVITATION);
    if (!link) return null;
    const { t, recipient } = ctx;
    const values = { email: recipient.email, role: t(`roles.${recipient.role}`), expiresAt: link.expiresAt };
    return {
      subject: t('userInvited.subject'),
      paragraphs: [t('userInvited.body', values), t('userInvited.link', values), t('userInvited.once')],
      action: { label: t('userInvited.action'), url: link.url },
    };
  },
};

/** Someone asked to reset the password: the one-time link, and what to do if it was not the user. */
export const passwordResetRequested: Letter<'PasswordResetRequested'> = {
  recipients: (db, event) => ownUser(db, event.payload.userId, false),
  async compose(ctx) {
    const link = await liveLink(ctx, AccountLinkPurpose.PASSWORD_RESET);
    if (!link) return null;
    const { t, recipient, event } = ctx;
    const values = { email: recipient.email, at: event.occurredAt, expiresAt: link.expiresAt };
    return {
      subject: t('passwordReset.subject'),
      paragraphs: [t('passwordReset.body', values), t('passwordReset.link', values), t('passwordReset.notYou')],
      action: { label: t('passwordReset.action'), url: link.url },
    };
  },
};

/**
 * A security notice: the sign-in e-mail changed. It goes to the previous
 * address, the one the account holder had until the change, and does not
 * name the new one (whoever reads the old mailbox learns no more than that).
 */
export const userEmailChanged: Letter<'UserEmailChanged'> = {
  async recipients(db, event) {
    const user = await db.findOneBy(User, { uuid: uuidOf(event.payload.userId, 'User'), isActive: true });
    return user ? [user.uuid] : [];
  },
  async compose({ event, viewer, t }) {
    if (viewer.userId !== uuidOf(event.payload.userId, 'User')) return null;
    const values = { previous: event.payload.previousEmail, at: event.occurredAt };
    return {
      subject: t('emailChanged.subject'),
      paragraphs: [t('emailChanged.body', values), t('emailChanged.notYou')],
      to: event.payload.previousEmail,
    };
  },
};
