import type { RequestContext } from '../../graphql/context';
import { inputId } from '../../graphql/mutations/input-ids';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { lockForUpdate } from '../../db/database';
import { Nomination } from './nomination.entity';

/**
 * Row locks the nomination rules take before they read what they check.
 * Always the cohort (lockCohortRow in cohort-lock.ts: it serialises submissions and selections per cohort) before
 * the nomination, so two workflows never wait on each other in a cycle.
 */

/** The nomination named by the input's `nominationId`, locked against concurrent reviews, withdrawals and decisions. */
export async function lockNomination(tx: RequestContext, globalId: string): Promise<Nomination> {
  const uuid = inputId(globalId, 'Nomination', 'nominationId');
  const nomination = await tx.db.findOne(Nomination, { where: { uuid }, lock: lockForUpdate(tx.db) });
  return nomination ?? fail(UserErrorCode.NOMINATION_NOT_FOUND, 'No nomination has this ID.', 'nominationId');
}
