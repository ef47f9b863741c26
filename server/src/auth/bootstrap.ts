import type { DataSource } from 'typeorm';
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import type { Database } from '../db/database';
import { UserErrorCode } from '../graphql/mutations/user-error-code';
import { createUserAsSystem } from '../modules/user/create-user-as-system';
import { User } from '../modules/user/user.entity';
import { CreateUserInput } from '../modules/user/user.inputs';
import { UserRole } from '../modules/user/user-role';
import { normaliseEmailAddress } from '../graphql/input/email-address';
import { isCommonPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy';

/** E-mails of the active demonstration users; production refuses to start while there are any. */
export async function activeDemoUsers(dataSource: DataSource): Promise<string[]> {
  const users = await dataSource.getRepository(User).find({ where: { isDemo: true, isActive: true }, order: { email: 'ASC' } });
  return users.map((u) => u.email);
}

/** The log messages of a start that creates no ADMIN from CDP_ADMIN_EMAIL (warnings, with a `reason`). */
export const BOOTSTRAP_SKIPPED = {
  emailTaken: 'CDP_ADMIN_EMAIL belongs to an existing user: no ADMIN created, and that user is left as it is (password included)',
  adminExists: 'CDP_ADMIN_EMAIL is set but the database has an ADMIN already (not a demo user): no ADMIN created',
} as const;

const REMOVE_THEM = 'remove CDP_ADMIN_EMAIL and CDP_ADMIN_PASSWORD from the environment';

/**
 * CDP_ADMIN_EMAIL/CDP_ADMIN_PASSWORD create the first ADMIN when no user
 * has that e-mail and no ADMIN other than the development seed's demo user
 * exists: on an empty production database, and on a fresh development one
 * just after the seed made its demo users. Otherwise a warning says why
 * nobody was created; an existing user is never changed, so the variables
 * cannot reset anybody's password or role.
 */
export async function createFirstAdmin(database: Database, clock: Clock, log: Logger, admin: { email: string; password: string }): Promise<void> {
  const { password } = admin;
  // Checked before anything else, so a weak setting stops the start whether or not it would be used.
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH || isCommonPassword(password)) {
    throw new Error(`CDP_ADMIN_PASSWORD must have ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters and not be a common password`);
  }
  const users = database.writer.getRepository(User);
  const holder = await users.findOneBy({ email: normaliseEmailAddress(admin.email) });
  if (holder) {
    log.warn({ reason: 'email-taken', role: holder.role, isActive: holder.isActive, hint: REMOVE_THEM }, BOOTSTRAP_SKIPPED.emailTaken);
    return;
  }
  const admins = await users.countBy({ role: UserRole.ADMIN, isDemo: false });
  if (admins > 0) {
    log.warn({ reason: 'admin-exists', admins, hint: REMOVE_THEM }, BOOTSTRAP_SKIPPED.adminExists);
    return;
  }
  const input = Object.assign(new CreateUserInput(), { email: admin.email, displayName: 'Administrator', role: UserRole.ADMIN, password });
  const { userErrors } = await createUserAsSystem(database, clock, log, 'system:bootstrap', input);
  // Another instance starting on the same database with the same variables got there first.
  if (userErrors.length === 1 && userErrors[0].code === UserErrorCode.EMAIL_TAKEN) {
    log.warn({ reason: 'email-taken', hint: REMOVE_THEM }, BOOTSTRAP_SKIPPED.emailTaken);
    return;
  }
  if (userErrors.length) throw new Error(`the first ADMIN from CDP_ADMIN_EMAIL was not created: ${userErrors.map((e) => e.message).join(' ')}`);
  log.info('first ADMIN created from CDP_ADMIN_EMAIL');
}
