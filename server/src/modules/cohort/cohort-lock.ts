import type { RequestContext } from '../../graphql/context';
import { inputId } from '../../graphql/mutations/input-ids';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { lockForUpdate } from '../../db/database';
import { Cohort } from './cohort.entity';

/**
 * The cohort an input's global ID names, locked until the transaction ends,
 * so that rules reading its status (transitions, invitations, nominations)
 * cannot interleave; COHORT_NOT_FOUND (or INVALID_ID) on `field` otherwise.
 */
export function lockCohort(tx: RequestContext, globalId: string, field: string | string[] = 'cohortId'): Promise<Cohort> {
  return lockCohortRow(tx, inputId(globalId, 'Cohort', field), field);
}

/** The same, by the cohort's UUID (e.g. the cohort of a nomination already read). */
export async function lockCohortRow(tx: RequestContext, uuid: string, field: string | string[] = 'cohortId'): Promise<Cohort> {
  const cohort = await tx.db.findOne(Cohort, { where: { uuid }, lock: lockForUpdate(tx.db) });
  return cohort ?? fail(UserErrorCode.COHORT_NOT_FOUND, 'No cohort has this ID.', field);
}
