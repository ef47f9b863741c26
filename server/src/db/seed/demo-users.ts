/** One demonstration user per role, so every role has something to do in the playground. Development only. */
import type { EntityManager } from 'typeorm';
import { hashPassword } from '../../auth/passwords';
import { ProfessionalAssociate } from '../../modules/associate/associate.entity';
import { Cohort } from '../../modules/cohort/cohort.entity';
import { Invitation } from '../../modules/cohort/invitation.entity';
import { User } from '../../modules/user/user.entity';
import { UserRole } from '../../modules/user/user-role';
import type { Ensure } from './find-or-create';

/** Listed in docs/security.md, "Demo users". Production refuses to start while any demo user is active. */
export const DEMO_PASSWORD = 'cdp-hub-demo-2026';

export const DEMO_USERS = {
  ADMIN: { email: 'admin@cdp-hub.example', displayName: 'Demo Secretariat Administrator' },
  REVIEWER: { email: 'reviewer@cdp-hub.example', displayName: 'Demo Reviewer' },
  FOCAL_POINT: { email: 'focal.point@cdp-hub.example', displayName: 'Demo Focal Point' },
  ASSOCIATE: { email: 'associate@cdp-hub.example', displayName: 'Demo Professional Associate' },
} as const satisfies Record<UserRole, { email: string; displayName: string }>;

/**
 * The focal point acts for the first administration invited to the
 * demonstration cohort (it has a sample nomination there); the associate is
 * the first associate, by name, of the latest cohort with associates.
 */
export async function seedDemoUsers(manager: EntityManager, ensure: Ensure, demoCohort: Cohort): Promise<void> {
  let missing = false;
  for (const user of Object.values(DEMO_USERS)) missing ||= !(await manager.existsBy(User, { email: user.email }));
  if (!missing) return;
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const invitation = await manager.findOne(Invitation, {
    where: { cohortId: demoCohort.uuid },
    relations: { administration: true },
    order: { administration: { iso2: 'ASC' } },
  });
  const associate = await manager
    .getRepository(ProfessionalAssociate)
    .createQueryBuilder('pa')
    .innerJoin(Cohort, 'co', 'co.uuid = pa.cohortId')
    .orderBy('co.label', 'DESC')
    .addOrderBy('pa.fullName', 'ASC')
    .getOne();

  const links: Record<UserRole, { administrationId: string | null; associateId: string | null }> = {
    ADMIN: { administrationId: null, associateId: null },
    REVIEWER: { administrationId: null, associateId: null },
    FOCAL_POINT: { administrationId: invitation?.administrationId ?? null, associateId: null },
    ASSOCIATE: { administrationId: null, associateId: associate?.uuid ?? null },
  };
  for (const [role, user] of Object.entries(DEMO_USERS) as Array<[UserRole, (typeof DEMO_USERS)[UserRole]]>) {
    if (role === UserRole.FOCAL_POINT && !links.FOCAL_POINT.administrationId) continue;
    if (role === UserRole.ASSOCIATE && !links.ASSOCIATE.associateId) continue;
    await ensure(User, 'User', { email: user.email }, () => ({
      ...user,
      ...links[role],
      role,
      passwordHash,
      isActive: true,
      isDemo: true,
      lastLoginAt: null,
    }));
  }
}
