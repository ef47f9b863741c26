import { In, type EntityManager } from 'typeorm';
import type { Loaders } from '../../graphql/loaders';
import { fromGlobalIdOfType } from '../../graphql/relay/global-id';
import { Cohort } from '../../modules/cohort/cohort.entity';
import { Programme } from '../../modules/programme/programme.entity';
import { User } from '../../modules/user/user.entity';
import type { UserRole } from '../../modules/user/user-role';

/** The UUID behind a payload's global ID of the given type. */
export const uuidOf = (globalId: string, typeName: string) => fromGlobalIdOfType(globalId, typeName, `payload ${typeName} id`);

/** A cohort with its programme: both public, so any recipient may read them. */
export async function cohortAndProgramme(loaders: Loaders, cohortGlobalId: string): Promise<{ cohort: Cohort; programme: Programme } | null> {
  const cohort = await loaders.byId(Cohort).load(uuidOf(cohortGlobalId, 'Cohort'));
  if (!cohort) return null;
  return { cohort, programme: await loaders.required(Programme, cohort.programmeId) };
}

/** The active users with one of these roles, optionally narrowed to some administrations or associates. */
export async function activeUsers(
  db: EntityManager,
  where: { role: UserRole; administrationIds?: string[]; associateIds?: string[]; userIds?: string[] },
): Promise<string[]> {
  const users = await db.find(User, {
    select: { uuid: true },
    where: {
      role: where.role,
      isActive: true,
      ...(where.administrationIds ? { administrationId: In(where.administrationIds) } : {}),
      ...(where.associateIds ? { associateId: In(where.associateIds) } : {}),
      ...(where.userIds ? { uuid: In(where.userIds) } : {}),
    },
    order: { uuid: 'ASC' },
  });
  return users.map((u) => u.uuid);
}
