import { whereEquals, whereIn } from '../../common/sql';
import type { ConnectionArgs } from '../../graphql/relay/connection';
import { paginate, type ChildCondition } from '../../graphql/relay/paginate';
import { hashPassword } from '../../auth/passwords';
import type { RequestContext } from '../../graphql/context';
import { inputId } from '../../graphql/mutations/input-ids';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { withTransaction } from '../../graphql/transaction';
import { lockForUpdate } from '../../db/database';
import { isUniqueViolation } from '../../db/unique-violation';
import { toGlobalId } from '../../graphql/relay/global-id';
import { recordEvent } from '../../outbox/record-event';
import { audit, changedFields } from '../audit/audit.service';
import { Language } from './language';
import { sessions } from './session.service';
import { linksForRole } from './user-links';
import type { CreateUserInput, DeactivateUserInput, InviteUserInput, ResendInvitationInput, UpdateUserInput } from './user.inputs';
import { accountLinks, NO_PASSWORD } from './account-link.service';
import { AccountLinkPurpose } from '../../auth/account-links';
import { User } from './user.entity';
import { UserRole } from './user-role';
import { userOrder, type UserFilter, type UserOrder } from './user.types';

/** The fields of a user the audit log follows (personal ones are redacted there). */
const audited = (u: User) => ({
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  administrationId: u.administrationId,
  associateId: u.associateId,
  isActive: u.isActive,
  preferredLanguage: u.preferredLanguage,
});

const isActiveAdmin = (u: User) => u.role === UserRole.ADMIN && u.isActive;

/** The role is a constant of the code, written as a literal so the nested page's SQL stays one shape. */
const FOCAL_POINTS: ChildCondition = { key: 'focal-points', sql: (column) => `${column('role')} = '${UserRole.FOCAL_POINT}'` };

export class UserService {
  list(ctx: RequestContext, args: ConnectionArgs, filter?: UserFilter | null, orderBy?: UserOrder | null) {
    const qb = ctx.db.getRepository(User).createQueryBuilder('u');
    if (filter?.roleIn) whereIn(qb, 'u.role', filter.roleIn);
    if (filter?.isActive != null) whereEquals(qb, 'u.isActive', filter.isActive);
    return paginate(qb, args, userOrder.toOrdering(orderBy));
  }

  /** One page of the FOCAL_POINT users of each of many administrations (ADMIN only, by the policy). */
  focalPointsOf(ctx: RequestContext, administrationId: string, args: ConnectionArgs, orderBy?: UserOrder | null) {
    return ctx.loaders
      .children('focal-points-by-administration', { entity: User, parentProperty: 'administrationId', where: FOCAL_POINTS }, args, userOrder.toOrdering(orderBy))
      .load(administrationId);
  }

  /**
   * A new account. With a password (the deprecated createUser argument, the
   * CLI and CDP_ADMIN_*), it can sign in at once; without one it is invited:
   * no password is set, and a one-time link to choose one is mailed
   * (UserInvited), as inviteUser does.
   */
  async create(ctx: RequestContext, input: CreateUserInput | InviteUserInput, operation = 'createUser'): Promise<{ user: User; invitationExpiresAt: Date | null }> {
    const password = 'password' in input ? input.password : null;
    const passwordHash = password != null ? await hashPassword(password) : NO_PASSWORD;
    return withTransaction(ctx, async (tx) => {
      const { email } = input;
      await this.assertEmailFree(tx, email);
      const links = await linksForRole(tx, input.role, input);
      const user = tx.db.create(User, {
        email,
        passwordHash,
        displayName: input.displayName,
        role: input.role,
        preferredLanguage: input.preferredLanguage ?? Language.EN,
        ...links,
        isActive: true,
        lastLoginAt: null,
        isDemo: false,
      });
      await this.saveUnique(tx, user);
      await audit(tx, { operation, entityType: 'User', entityId: user.uuid, after: { ...audited(user), invited: passwordHash === NO_PASSWORD } });
      const invitationExpiresAt = passwordHash === NO_PASSWORD ? await this.invite(tx, user) : null;
      return { user, invitationExpiresAt };
    });
  }

  /** Sends the invitation again with a new link; the earlier link stops working. */
  async resendInvitation(ctx: RequestContext, input: ResendInvitationInput): Promise<{ user: User; invitationExpiresAt: Date }> {
    return withTransaction(ctx, async (tx) => {
      const { user } = await this.lock(tx, input.userId, () => false, 'userId');
      if (!user.isActive) fail(UserErrorCode.USER_INACTIVE, 'This user is deactivated.', 'userId');
      if (user.passwordHash !== NO_PASSWORD) {
        fail(UserErrorCode.INVITATION_NOT_PENDING, 'This user has chosen a password already; they can ask for a reset with requestPasswordReset.', 'userId');
      }
      await audit(tx, { operation: 'resendInvitation', entityType: 'User', entityId: user.uuid });
      return { user, invitationExpiresAt: await this.invite(tx, user) };
    });
  }

  /** A new invitation link for the user (older ones stop working), mailed through the outbox. */
  private async invite(tx: RequestContext, user: User): Promise<Date> {
    const { linkId, expiresAt } = await accountLinks.issue(tx, user.uuid, AccountLinkPurpose.INVITATION);
    await recordEvent(tx, 'UserInvited', { userId: toGlobalId('User', user.uuid), linkId });
    return expiresAt;
  }

  async update(ctx: RequestContext, input: UpdateUserInput): Promise<{ user: User }> {
    const demotes = (u: User) => u.role === UserRole.ADMIN && u.isActive && input.role != null && input.role !== UserRole.ADMIN;
    return withTransaction(ctx, async (tx) => {
      const { user, activeAdmins } = await this.lock(tx, input.id, demotes);
      const before = audited(user);
      const previousEmail = user.email;
      if (input.email != null && input.email !== user.email) {
        user.email = input.email;
        await this.assertEmailFree(tx, user.email);
      }
      if (input.displayName != null) user.displayName = input.displayName;
      if (input.preferredLanguage != null) user.preferredLanguage = input.preferredLanguage;
      const role = input.role ?? user.role;
      if (demotes(user)) await this.assertAnotherAdmin(tx, user, activeAdmins);
      Object.assign(user, { role }, await linksForRole(tx, role, input, user, user.uuid));
      await this.saveUnique(tx, user);
      const change = changedFields(before, audited(user));
      if (Object.keys(change.after).length) {
        await audit(tx, { operation: 'updateUser', entityType: 'User', entityId: user.uuid, ...change });
      }
      if (user.email !== previousEmail) await recordEvent(tx, 'UserEmailChanged', { userId: toGlobalId('User', user.uuid), previousEmail });
      return { user };
    });
  }

  async deactivate(ctx: RequestContext, input: DeactivateUserInput): Promise<{ user: User }> {
    return withTransaction(ctx, async (tx) => {
      const { user, activeAdmins } = await this.lock(tx, input.id, isActiveAdmin);
      if (!user.isActive) fail(UserErrorCode.USER_INACTIVE, 'This user is deactivated already.', 'id');
      if (user.role === UserRole.ADMIN) await this.assertAnotherAdmin(tx, user, activeAdmins);
      user.isActive = false;
      await tx.db.save(user);
      const endedSessions = await sessions.endAll(tx, user.uuid, 'DEACTIVATED');
      await accountLinks.revokeAll(tx, user.uuid);
      await audit(tx, {
        operation: 'deactivateUser',
        entityType: 'User',
        entityId: user.uuid,
        before: { isActive: true },
        after: { isActive: false, endedSessions },
      });
      return { user };
    });
  }

  /**
   * The user an input names, locked until the transaction ends; with every
   * active ADMIN too when `guardsAdmins` says the change may need the
   * last-ADMIN check (judged on a first, unlocked look). All of them are
   * locked in one statement in one order (by id): two ADMINs deactivating
   * each other at once used to lock their targets first and then each
   * other's, and PostgreSQL killed one of them as a deadlock.
   */
  private async lock(
    tx: RequestContext,
    globalId: string,
    guardsAdmins: (user: User) => boolean,
    field = 'id',
  ): Promise<{ user: User; activeAdmins: User[] | null }> {
    const uuid = inputId(globalId, 'User', field);
    const notFound = () => fail(UserErrorCode.USER_NOT_FOUND, 'No user has this ID.', field);
    const seen = (await tx.db.findOne(User, { where: { uuid } })) ?? notFound();
    const withAdmins = guardsAdmins(seen);
    const rows = await tx.db.find(User, {
      where: withAdmins ? [{ uuid }, { role: UserRole.ADMIN, isActive: true }] : { uuid },
      order: { uuid: 'ASC' },
      lock: lockForUpdate(tx.db),
    });
    const user = rows.find((u) => u.uuid === uuid) ?? notFound();
    return { user, activeAdmins: withAdmins ? rows.filter(isActiveAdmin) : null };
  }

  private async assertEmailFree(tx: RequestContext, email: string): Promise<void> {
    if (await tx.db.existsBy(User, { email })) fail(UserErrorCode.EMAIL_TAKEN, 'Another user already signs in with this e-mail.', 'email');
  }

  /** Two concurrent creations with one e-mail: the unique index decides, and the loser gets the same user error. */
  private async saveUnique(tx: RequestContext, user: User): Promise<void> {
    try {
      await tx.db.save(user);
    } catch (err) {
      if (isUniqueViolation(err)) fail(UserErrorCode.EMAIL_TAKEN, 'Another user already signs in with this e-mail.', 'email');
      throw err;
    }
  }

  /**
   * Demoting or deactivating an ADMIN must leave another active one; the
   * active admins are locked while checked. They normally are already (see
   * lock); only a target that became an active ADMIN between the first look
   * and its lock gets them here, out of order, where a deadlock is left to
   * the transaction's retry.
   */
  private async assertAnotherAdmin(tx: RequestContext, user: User, lockedAdmins: User[] | null): Promise<void> {
    const admins =
      lockedAdmins ?? (await tx.db.find(User, { where: { role: UserRole.ADMIN, isActive: true }, order: { uuid: 'ASC' }, lock: lockForUpdate(tx.db) }));
    if (!admins.some((a) => a.uuid !== user.uuid)) {
      fail(UserErrorCode.LAST_ADMIN, 'CDP Hub needs at least one active ADMIN; appoint another before this change.', 'id');
    }
  }
}
