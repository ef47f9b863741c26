import type { DataSource } from 'typeorm';
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import { runTransaction } from '../db/database';
import { AuditEntry } from '../modules/audit/audit-entry.entity';
import { User } from '../modules/user/user.entity';
import { UserRole } from '../modules/user/user-role';
import { normaliseEmail } from '../modules/user/user.service';
import { hashPassword } from './passwords';
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
export async function createFirstAdmin(
  dataSource: DataSource,
  clock: Clock,
  log: Logger,
  admin: { email: string; password: string },
): Promise<void> {
  const { password } = admin;
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH || isCommonPassword(password)) {
    throw new Error(`CDP_ADMIN_PASSWORD must have ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters and not be a common password`);
  }
  if ((await dataSource.getRepository(User).count()) > 0) {
    log.info('CDP_ADMIN_EMAIL is set but the database already has users: no admin created');
    return;
  }
  const passwordHash = await hashPassword(password);
  await runTransaction(dataSource, clock, async (manager) => {
    const user = await manager.save(
      manager.create(User, {
        email: normaliseEmail(admin.email),
        passwordHash,
        displayName: 'Administrator',
        role: UserRole.ADMIN,
        administrationId: null,
        associateId: null,
        isActive: true,
        isDemo: false,
        lastLoginAt: null,
      }),
    );
    await manager.insert(AuditEntry, {
      occurredAt: clock.now(),
      actorId: null,
      actorLabel: 'system:bootstrap',
      requestId: null,
      operation: 'createUser',
      entityType: 'User',
      entityId: user.uuid,
      before: null,
      after: { email: '[redacted]', role: UserRole.ADMIN },
    });
  });
  log.info('first ADMIN created from CDP_ADMIN_EMAIL');
}
