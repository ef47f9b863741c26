import type { DataSource } from 'typeorm';
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import type { Database } from '../db/database';
import { createUserAsSystem } from '../modules/user/create-user-as-system';
import { User } from '../modules/user/user.entity';
import { CreateUserInput } from '../modules/user/user.inputs';
import { UserRole } from '../modules/user/user-role';
import { isCommonPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-policy';

/** E-mails of the active demonstration users; production refuses to start while there are any. */
export async function activeDemoUsers(dataSource: DataSource): Promise<string[]> {
  const users = await dataSource.getRepository(User).find({ where: { isDemo: true, isActive: true }, order: { email: 'ASC' } });
  return users.map((u) => u.email);
}

/**
 * CDP_ADMIN_EMAIL/CDP_ADMIN_PASSWORD create the first ADMIN on the first
 * start of a database without users; afterwards they are ignored (the log
 * says so), so they cannot reset anybody's password.
 */
export async function createFirstAdmin(database: Database, clock: Clock, log: Logger, admin: { email: string; password: string }): Promise<void> {
  const { password } = admin;
  // Checked before anything else, so a weak setting stops the start whether or not it would be used.
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH || isCommonPassword(password)) {
    throw new Error(`CDP_ADMIN_PASSWORD must have ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters and not be a common password`);
  }
  if ((await database.writer.getRepository(User).count()) > 0) {
    log.info('CDP_ADMIN_EMAIL is set but the database already has users: no admin created');
    return;
  }
  const input = Object.assign(new CreateUserInput(), { email: admin.email, displayName: 'Administrator', role: UserRole.ADMIN, password });
  const { userErrors } = await createUserAsSystem(database, clock, log, 'system:bootstrap', input);
  if (userErrors.length) throw new Error(`the first ADMIN from CDP_ADMIN_EMAIL was not created: ${userErrors.map((e) => e.message).join(' ')}`);
  log.info('first ADMIN created from CDP_ADMIN_EMAIL');
}
