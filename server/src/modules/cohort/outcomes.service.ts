import { In } from 'typeorm';
import { isoDate } from '../../common/clock';
import type { RequestContext } from '../../graphql/context';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { toGlobalId } from '../../graphql/relay/global-id';
import { withTransaction } from '../../graphql/transaction';
import { recordEvent } from '../../outbox/record-event';
import { audit } from '../audit/audit.service';
import { NominationStatus } from '../nomination/nomination-status';
import { Nomination } from '../nomination/nomination.entity';
import { lockCohort } from './cohort-lock';
import { CohortStatus } from './cohort-status';
import type { Cohort } from './cohort.entity';
import type { PublishOutcomesInput } from './cohort.inputs';

/** Decisions are still open in these statuses; selection and the programme year are when outcomes can be told. */
const UNDECIDED = [NominationStatus.SUBMITTED, NominationStatus.SHORTLISTED];
const DECIDING = [CohortStatus.SELECTION, CohortStatus.IN_PROGRESS];

/**
 * Publishing the outcomes is an explicit ADMIN step, not automatic: the
 * Secretariat decides when the selection is final, and a letter telling a
 * candidate's outcome cannot be taken back. It is allowed once per cohort,
 * no earlier than the cohort's notificationDate (UTC, by the request clock),
 * while the cohort is in SELECTION or IN_PROGRESS and when every nomination
 * not withdrawn is decided. The OutcomesPublished event then tells the
 * focal points of each administration with nominations their own
 * candidates' outcomes.
 */
export class OutcomesService {
  async publish(ctx: RequestContext, input: PublishOutcomesInput): Promise<{ cohort: Cohort }> {
    return withTransaction(ctx, async (tx) => {
      // Locked: decisions lock the cohort too, so none slips in while the outcomes are checked.
      const cohort = await lockCohort(tx, input.cohortId);
      if (cohort.outcomesPublishedAt) {
        fail(UserErrorCode.OUTCOMES_ALREADY_PUBLISHED, `The outcomes were published on ${cohort.outcomesPublishedAt.toISOString()}.`, 'cohortId');
      }
      if (!DECIDING.includes(cohort.status)) {
        fail(UserErrorCode.COHORT_NOT_DECIDING, `The cohort is ${cohort.status}; outcomes are published in SELECTION or IN_PROGRESS.`, 'cohortId');
      }
      const today = isoDate(tx.clock.now());
      if (!cohort.notificationDate || today < cohort.notificationDate) {
        fail(UserErrorCode.OUTCOMES_TOO_EARLY, `Outcomes are published from the notification date, ${cohort.notificationDate ?? '(not set)'}; today is ${today} (UTC).`, 'cohortId');
      }
      const undecided = await tx.db.countBy(Nomination, { cohortId: cohort.uuid, status: In(UNDECIDED) });
      if (undecided) {
        fail(UserErrorCode.OUTCOMES_UNDECIDED, `${undecided} nomination${undecided === 1 ? ' is' : 's are'} still SUBMITTED or SHORTLISTED.`, 'cohortId');
      }
      cohort.outcomesPublishedAt = tx.clock.now();
      await tx.db.save(cohort);
      await audit(tx, {
        operation: 'publishOutcomes',
        entityType: 'Cohort',
        entityId: cohort.uuid,
        before: { outcomesPublishedAt: null },
        after: { outcomesPublishedAt: cohort.outcomesPublishedAt },
      });
      await recordEvent(tx, 'OutcomesPublished', { cohortId: toGlobalId('Cohort', cohort.uuid) });
      return { cohort };
    });
  }
}
