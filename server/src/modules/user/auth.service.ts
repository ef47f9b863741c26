import { hashPassword, verifyPassword } from '../../auth/passwords';
import type { RequestContext } from '../../graphql/context';
import { fail, userError, UserFailure } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { withTransaction } from '../../graphql/transaction';
import { toGlobalId } from '../../graphql/relay/global-id';
import { recordEvent } from '../../outbox/record-event';
import { audit } from '../audit/audit.service';
import { sessions } from './session.service';
import type {
  AcceptInvitationInput,
  ChangePasswordInput,
  LoginInput,
  LogoutInput,
  RequestPasswordResetInput,
  ResetPasswordInput,
} from './user.inputs';
import { AccountLinkPurpose } from '../../auth/account-links';
import type { ThrottledOperation } from '../../auth/auth-settings';
import { accountLinks, invalidLink, NO_PASSWORD } from './account-link.service';

import { User } from './user.entity';

/** Sign-in, sign-out and the user's own password. */
export class AuthService {
  /**
   * Unknown e-mails, inactive accounts and wrong passwords take one path and
   * get one answer, a password verification included. Each attempt is
   * counted by the throttle before the password is checked (a success takes
   * it back); failures are audited in a transaction of their own, since the
   * refusal itself changes nothing else.
   */
  async login(ctx: RequestContext, input: LoginInput): Promise<{ token: string; expiresAt: Date; user: User; retryAfterSeconds: null }> {
    const { email } = input;
    await this.refuseWhileThrottled(ctx, email, 'login');
    const user = await ctx.db.findOneBy(User, { email });
    const usable = user?.isActive ? user : null;
    // An invited account without a password yet (NO_PASSWORD) is verified against the dummy hash, like an unknown e-mail.
    if (!(await verifyPassword(usable?.passwordHash || null, input.password)) || !usable) {
      // The attempt reserved above stays counted as a failure.
      ctx.auth.events?.failed('login');
      await withTransaction(ctx, (tx) =>
        audit(tx, { operation: 'login.failed', entityType: 'User', entityId: user?.uuid ?? null, after: { email } }),
      );
      fail(UserErrorCode.INVALID_CREDENTIALS, 'The e-mail or password is wrong.');
    }
    await ctx.auth.throttle.recordSuccess(email, ctx.request.ip);
    return withTransaction(ctx, async (tx) => {
      const { token, session } = await sessions.start(tx, ctx.auth, usable.uuid);
      usable.lastLoginAt = session.createdAt;
      await tx.db.save(usable);
      await audit(tx, { operation: 'login', entityType: 'User', entityId: usable.uuid, actorId: usable.uuid, actorLabel: `user:${usable.role}` });
      return { token, expiresAt: session.expiresAt, user: usable, retryAfterSeconds: null };
    });
  }

  async logout(ctx: RequestContext, input: LogoutInput): Promise<{ endedAt: Date }> {
    const viewer = ctx.viewer!;
    return withTransaction(ctx, async (tx) => {
      await sessions.end(tx, viewer.userId, viewer.sessionId, 'LOGOUT');
      await audit(tx, { operation: 'logout', entityType: 'User', entityId: viewer.userId, after: { reason: input.reason ?? null } });
      return { endedAt: tx.clock.now() };
    });
  }

  /** Confirms the current password (throttled like sign-in), then ends every other session of the user. */
  async changePassword(ctx: RequestContext, input: ChangePasswordInput): Promise<{ user: User; endedSessionCount: number }> {
    const viewer = ctx.viewer!;
    const current = await ctx.db.findOneByOrFail(User, { uuid: viewer.userId });
    await this.refuseWhileThrottled(ctx, current.email, 'changePassword');
    if (!(await verifyPassword(current.passwordHash, input.currentPassword))) {
      ctx.auth.events?.failed('changePassword');
      fail(UserErrorCode.CURRENT_PASSWORD_INCORRECT, 'The current password is wrong.', 'currentPassword');
    }
    await ctx.auth.throttle.recordSuccess(current.email, ctx.request.ip);
    if (input.newPassword === input.currentPassword) {
      fail(UserErrorCode.PASSWORD_UNCHANGED, 'The new password must differ from the current one.', 'newPassword');
    }
    const passwordHash = await hashPassword(input.newPassword);
    return withTransaction(ctx, async (tx) => {
      const user = await tx.db.findOneByOrFail(User, { uuid: viewer.userId });
      const before = { passwordHash: user.passwordHash };
      user.passwordHash = passwordHash;
      await tx.db.save(user);
      const endedSessionCount = await sessions.endAll(tx, user.uuid, 'PASSWORD_CHANGED', viewer.sessionId);
      await audit(tx, {
        operation: 'changePassword',
        entityType: 'User',
        entityId: user.uuid,
        before,
        after: { passwordHash, endedSessionCount },
      });
      await recordEvent(tx, 'PasswordChanged', { userId: toGlobalId('User', user.uuid) });
      return { user, endedSessionCount };
    });
  }

  /**
   * The invited user chooses their password with the link's token and is
   * signed in: the answer is login's. The password is hashed before the
   * transaction (slow, needs no lock); the link is used inside it, once.
   */
  async acceptInvitation(ctx: RequestContext, input: AcceptInvitationInput): Promise<{ token: string; expiresAt: Date; user: User }> {
    const passwordHash = await hashPassword(input.password);
    return withTransaction(ctx, async (tx) => {
      const link = await accountLinks.use(tx, input.token, AccountLinkPurpose.INVITATION);
      const user = await tx.db.findOneByOrFail(User, { uuid: link.userId });
      // A deactivated account's links were revoked; a password set meanwhile (by a reset) ends the invitation too.
      if (!user.isActive || user.passwordHash !== NO_PASSWORD) invalidLink();
      user.passwordHash = passwordHash;
      const { token, session } = await sessions.start(tx, tx.auth, user.uuid);
      user.lastLoginAt = session.createdAt;
      await tx.db.save(user);
      await accountLinks.revokeAll(tx, user.uuid);
      const actor = { actorId: user.uuid, actorLabel: `user:${user.role}` };
      await audit(tx, { operation: 'acceptInvitation', entityType: 'User', entityId: user.uuid, after: { passwordHash }, ...actor });
      return { token, expiresAt: session.expiresAt, user };
    });
  }

  /**
   * Mails a one-time reset link to the account with this e-mail, if an
   * active one has it. Whether it does is never told: the answer is the
   * same, and so is the work (the link's token and digest, one transaction
   * with an event and an audit entry), so the time does not tell either.
   * Throttled like sign-in (its own counts, per e-mail and address).
   */
  async requestPasswordReset(ctx: RequestContext, input: RequestPasswordResetInput): Promise<{ requestedAt: Date; retryAfterSeconds: null }> {
    const { email } = input;
    await this.refuseWhileThrottled(ctx, email, 'requestPasswordReset', ctx.auth.resetThrottle);
    return withTransaction(ctx, async (tx) => {
      const user = await tx.db.findOneBy(User, { email, isActive: true });
      const { linkId } = user
        ? await accountLinks.issue(tx, user.uuid, AccountLinkPurpose.PASSWORD_RESET)
        : await accountLinks.issueForNobody(tx);
      await audit(tx, { operation: 'requestPasswordReset', entityType: 'User', entityId: user?.uuid ?? null });
      await recordEvent(tx, 'PasswordResetRequested', { userId: user ? toGlobalId('User', user.uuid) : null, linkId });
      return { requestedAt: tx.clock.now(), retryAfterSeconds: null };
    });
  }

  /**
   * A new password through a reset link: single-use, short-lived, and every
   * session of the user ends (whoever knew the old password is signed out).
   * The user hears of it (PasswordChanged).
   */
  async resetPassword(ctx: RequestContext, input: ResetPasswordInput): Promise<{ endedSessionCount: number }> {
    const passwordHash = await hashPassword(input.newPassword);
    return withTransaction(ctx, async (tx) => {
      const link = await accountLinks.use(tx, input.token, AccountLinkPurpose.PASSWORD_RESET);
      const user = await tx.db.findOneByOrFail(User, { uuid: link.userId });
      if (!user.isActive) invalidLink();
      const before = { passwordHash: user.passwordHash };
      user.passwordHash = passwordHash;
      await tx.db.save(user);
      const endedSessionCount = await sessions.endAll(tx, user.uuid, 'PASSWORD_CHANGED');
      await accountLinks.revokeAll(tx, user.uuid);
      await audit(tx, {
        operation: 'resetPassword',
        entityType: 'User',
        entityId: user.uuid,
        before,
        after: { passwordHash, endedSessionCount },
        actorId: user.uuid,
        actorLabel: `user:${user.role}`,
      });
      await recordEvent(tx, 'PasswordChanged', { userId: toGlobalId('User', user.uuid) });
      return { endedSessionCount };
    });
  }

  /** Reserves this attempt with the throttle (so parallel guesses count at once), or refuses it while the limit is reached. */
  private async refuseWhileThrottled(ctx: RequestContext, email: string, operation: ThrottledOperation, throttle = ctx.auth.throttle): Promise<void> {
    const wait = await throttle.attempt(email, ctx.request.ip);
    if (wait > 0) {
      ctx.auth.events?.throttled(operation);
      ctx.request.responseHeaders.set('Retry-After', String(wait));
      throw new UserFailure([userError(UserErrorCode.TOO_MANY_ATTEMPTS, `Too many failed attempts. Try again in ${wait} seconds.`)], {
        retryAfterSeconds: wait,
      });
    }
  }
}
