import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { inputId } from '../../graphql/mutations/input-ids';
import type { RequestContext } from '../../graphql/context';
import { Administration } from '../administration/administration.entity';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { User } from './user.entity';
import { UserRole } from './user-role';

export interface UserLinks {
  administrationId: string | null;
  associateId: string | null;
}

/**
 * The links a role needs: a FOCAL_POINT acts for one administration, an
 * ASSOCIATE is one associate, and no other role has either. `given` holds
 * the input's global IDs (undefined: not given). Links not given are kept
 * from `current` when the role still allows them, and dropped otherwise.
 */
export async function linksForRole(
  tx: RequestContext,
  role: UserRole,
  given: { administrationId?: string | null; associateId?: string | null },
  current: UserLinks = { administrationId: null, associateId: null },
  userId?: string,
): Promise<UserLinks> {
  const wantsAdministration = role === UserRole.FOCAL_POINT;
  const wantsAssociate = role === UserRole.ASSOCIATE;
  if (given.administrationId && !wantsAdministration) {
    fail(UserErrorCode.LINK_NOT_ALLOWED, `A ${role} is not linked to an administration; only a FOCAL_POINT is.`, 'administrationId');
  }
  if (given.associateId && !wantsAssociate) {
    fail(UserErrorCode.LINK_NOT_ALLOWED, `A ${role} is not linked to an associate; only an ASSOCIATE is.`, 'associateId');
  }
  const administrationId = wantsAdministration
    ? given.administrationId
      ? inputId(given.administrationId, 'Administration', 'administrationId')
      : given.administrationId === null
        ? null
        : current.administrationId
    : null;
  const associateId = wantsAssociate
    ? given.associateId
      ? inputId(given.associateId, 'ProfessionalAssociate', 'associateId')
      : given.associateId === null
        ? null
        : current.associateId
    : null;
  if (wantsAdministration && !administrationId) {
    fail(UserErrorCode.ADMINISTRATION_REQUIRED, 'A FOCAL_POINT needs the administration it acts for.', 'administrationId');
  }
  if (wantsAssociate && !associateId) {
    fail(UserErrorCode.ASSOCIATE_REQUIRED, 'An ASSOCIATE user needs its Professional Associate record.', 'associateId');
  }
  if (administrationId && !(await tx.db.existsBy(Administration, { uuid: administrationId }))) {
    fail(UserErrorCode.ADMINISTRATION_NOT_FOUND, 'No administration has this ID.', 'administrationId');
  }
  if (associateId) {
    if (!(await tx.db.existsBy(ProfessionalAssociate, { uuid: associateId }))) {
      fail(UserErrorCode.ASSOCIATE_NOT_FOUND, 'No Professional Associate has this ID.', 'associateId');
    }
    const holder = await tx.db.findOneBy(User, { associateId });
    if (holder && holder.uuid !== userId) {
      fail(UserErrorCode.ASSOCIATE_ALREADY_LINKED, 'Another user is already linked to this Professional Associate.', 'associateId');
    }
  }
  return { administrationId, associateId };
}
