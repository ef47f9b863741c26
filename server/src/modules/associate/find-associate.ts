import type { RequestContext } from '../../graphql/context';
import { lockForUpdate } from '../../db/database';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { AssociateStatus } from './associate-enums';
import { ProfessionalAssociate } from './associate.entity';

/** The associate a mutation changes or builds on, locked until the transaction ends; field is the input field that named it. */
export async function lockAssociate(tx: RequestContext, uuid: string, field: string): Promise<ProfessionalAssociate> {
  const associate = await tx.db.findOne(ProfessionalAssociate, { where: { uuid }, lock: lockForUpdate(tx.db) });
  return associate ?? fail(UserErrorCode.ASSOCIATE_NOT_FOUND, 'No Professional Associate has this ID.', field);
}

/** Placements that change no more: ended (COMPLETED or WITHDRAWN), or declined before they started. */
const CLOSED: readonly AssociateStatus[] = [AssociateStatus.COMPLETED, AssociateStatus.WITHDRAWN, AssociateStatus.DECLINED];

/** A closed placement changes no more, and takes no new research. */
export function assertPlacementOpen(associate: ProfessionalAssociate, field: string): void {
  if (CLOSED.includes(associate.status)) {
    fail(UserErrorCode.PLACEMENT_CLOSED, `The placement is ${associate.status} already; it can no longer change.`, field);
  }
}
