import { whereEquals, whereIn } from '../../common/sql';
import type { ConnectionArgs } from '../../graphql/relay/connection';
import { paginate } from '../../graphql/relay/paginate';
import { hashPassword } from '../../auth/passwords';
import type { RequestContext } from '../../graphql/context';
import { inputId } from '../../graphql/mutations/input-ids';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { withTransaction } from '../../graphql/transaction';
import { lockForUpdate } from '../../db/database';
import { isUniqueViolation } from '../../db/unique-violation';
import { audit, changedFields } from '../audit/audit.service';
import { sessions } from './session.service';
import { linksForRole } from './user-links';
import type { CreateUserInput, DeactivateUserInput, UpdateUserInput } from './user.inputs';
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
});

export class UserService {
  list(ctx: RequestContext, args: ConnectionArgs, filter?: UserFilter | null, orderBy?: UserOrder | null) {
    const qb = ctx.db.getRepository(User).createQueryBuilder('u');
    if (filter?.roleIn) whereIn(qb, 'u.role', filter.roleIn);
    if (filter?.isActive != null) whereEquals(qb, 'u.isActive', filter.isActive);
    return paginate(qb, args, userOrder.toOrdering(orderBy));
  }

  async create(ctx: RequestContext, input: CreateUserInput): Promise<{ user: User }> {
    const passwordHash = await hashPassword(input.password);
    return withTransaction(ctx, async (tx) => {
      const { email } = input;
      await this.assertEmailFree(tx, email);
      const links = await linksForRole(tx, input.role, input);
      const user = tx.db.create(User, {
        email,
        passwordHash,
        displayName: input.displayName,
        role: input.role,
        ...links,
        isActive: true,
        lastLoginAt: null,
        isDemo: false,
      });
      await this.saveUnique(tx, user);
      await audit(tx, { operation: 'createUser', entityType: 'User', entityId: user.uuid, after: audited(user) });
      return { user };
    });
  }

  async update(ctx: RequestContext, input: UpdateUserInput): Promise<{ user: User }> {
    return withTransaction(ctx, async (tx) => {
      const user = await this.find(tx, input.id);
      const before = audited(user);
      if (input.email != null && input.email !== user.email) {
        user.email = input.email;
        await this.assertEmailFree(tx, user.email);
      }
      if (input.displayName != null) user.displayName = input.displayName;
      const role = input.role ?? user.role;
      if (user.role === UserRole.ADMIN && role !== UserRole.ADMIN && user.isActive) await this.assertAnotherAdmin(tx, user);
      Object.assign(user, { role }, await linksForRole(tx, role, input, user, user.uuid));
      await this.saveUnique(tx, user);
      const change = changedFields(before, audited(user));
      if (Object.keys(change.after).length) {
        await audit(tx, { operation: 'updateUser', entityType: 'User', entityId: user.uuid, ...change });
      }
      return { user };
    });
  }

  async deactivate(ctx: RequestContext, input: DeactivateUserInput): Promise<{ user: User }> {
    return withTransaction(ctx, async (tx) => {
      const user = await this.find(tx, input.id);
      if (!user.isActive) fail(UserErrorCode.USER_INACTIVE, 'This user is deactivated already.', 'id');
      if (user.role === UserRole.ADMIN) await this.assertAnotherAdmin(tx, user);
      user.isActive = false;
      await tx.db.save(user);
      const endedSessions = await sessions.endAll(tx, user.uuid, 'DEACTIVATED');
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

  private async find(tx: RequestContext, globalId: string): Promise<User> {
    const uuid = inputId(globalId, 'User', 'id');
    const user = await tx.db.findOne(User, { where: { uuid }, lock: lockForUpdate(tx.db) });
    return user ?? fail(UserErrorCode.USER_NOT_FOUND, 'No user has this ID.', 'id');
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

  /** Demoting or deactivating an ADMIN must leave another active one; the active admins are locked while checked. */
  private async assertAnotherAdmin(tx: RequestContext, user: User): Promise<void> {
    const admins = await tx.db.find(User, { where: { role: UserRole.ADMIN, isActive: true }, lock: lockForUpdate(tx.db) });
    if (!admins.some((a) => a.uuid !== user.uuid)) {
      fail(UserErrorCode.LAST_ADMIN, 'CDP Hub needs at least one active ADMIN; appoint another before this change.', 'id');
    }
  }
}

