import type { RequestContext } from '../../graphql/context';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { withTransaction } from '../../graphql/transaction';
import { AssociateStatus } from '../associate/associate-enums';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { countedStatus } from '../associate/counted-associates';
import { toGlobalId } from '../../graphql/relay/global-id';
import { recordEvent } from '../../outbox/record-event';
import { audit } from '../audit/audit.service';
import { nominationFacts } from './submission.service';
import { changeNomination } from './nomination-change';
import { CohortStatus } from '../cohort/cohort-status';
import type { Cohort } from '../cohort/cohort.entity';
import { FINAL_STATUSES, NEXT_DECISIONS, NominationDecision } from './nomination-decision';
import { inputId } from '../../graphql/mutations/input-ids';
import { lockCohortRow } from '../cohort/cohort-lock';
import { lockNomination } from './nomination-locks';
import { NominationStatus } from './nomination-status';
import { Nomination } from './nomination.entity';
import type { DecideNominationInput } from './nomination.inputs';

/**
 * A free seat or COHORT_FULL. The caller holds the cohort's row lock on
 * PostgreSQL (SQLite's write queue makes it the only writer), so two
 * selections for the last seat count one after the other. Every counted
 * associate holds a seat (counted-associates.ts): one who DECLINED before
 * the start frees it; an unknown capacity limits nothing.
 */
async function assertSeatFree(tx: RequestContext, cohort: Cohort): Promise<void> {
  if (cohort.capacity == null) return;
  const taken = await tx.db.countBy(ProfessionalAssociate, { cohortId: cohort.uuid, status: countedStatus() });
  if (taken >= cohort.capacity) {
    fail(UserErrorCode.COHORT_FULL, `All ${cohort.capacity} seats of ${cohort.label} are taken.`, 'decision');
  }
}

/** The placement a selection creates: the candidate as a Professional Associate, assigned but not yet placed. */
async function createAssociate(tx: RequestContext, nomination: Nomination): Promise<ProfessionalAssociate> {
  const associate = tx.db.create(ProfessionalAssociate, {
    cohortId: nomination.cohortId,
    administrationId: nomination.administrationId,
    nominationId: nomination.uuid,
    fullName: nomination.candidateFullName,
    email: nomination.candidateEmail,
    phone: null,
    languages: nomination.candidateLanguages,
    directorate: null,
    supervisorName: null,
    status: AssociateStatus.ASSIGNED,
    startDate: null,
    endDate: null,
    isSampleData: false,
  });
  await tx.db.save(associate);
  await audit(tx, {
    operation: 'decideNomination',
    entityType: 'ProfessionalAssociate',
    entityId: associate.uuid,
    after: {
      nominationId: nomination.uuid,
      cohortId: associate.cohortId,
      fullName: associate.fullName,
      email: associate.email,
      status: associate.status,
    },
  });
  return associate;
}

export class DecisionService {
  async decide(
    ctx: RequestContext,
    input: DecideNominationInput,
  ): Promise<{ nomination: Nomination; associate: ProfessionalAssociate | null }> {
    const uuid = inputId(input.nominationId, 'Nomination', 'nominationId');
    return withTransaction(ctx, async (tx) => {
      // The cohort is locked before the nomination (see nomination-locks.ts), so its id is read first.
      const located = await tx.db.findOne(Nomination, { select: { uuid: true, cohortId: true }, where: { uuid } });
      if (!located) fail(UserErrorCode.NOMINATION_NOT_FOUND, 'No nomination has this ID.', 'nominationId');
      const cohort = await lockCohortRow(tx, located.cohortId, 'nominationId');
      const nomination = await lockNomination(tx, input.nominationId);
      if (cohort.status !== CohortStatus.SELECTION) {
        fail(
          UserErrorCode.COHORT_NOT_IN_SELECTION,
          `The cohort ${cohort.label} is ${cohort.status}; decisions are taken in SELECTION.`,
          'nominationId',
        );
      }
      if (nomination.status === NominationStatus.WITHDRAWN) {
        fail(UserErrorCode.NOMINATION_WITHDRAWN, 'The nomination was withdrawn; there is nothing to decide.', 'nominationId');
      }
      if (!NEXT_DECISIONS[nomination.status].includes(input.decision)) {
        fail(UserErrorCode.INVALID_DECISION, `A ${nomination.status} nomination cannot become ${input.decision}.`, 'decision');
      }
      if (input.decision === NominationDecision.SELECTED) await assertSeatFree(tx, cohort);

      const status = NominationStatus[input.decision];
      await changeNomination(tx, 'decideNomination', nomination, {
        status,
        ...(FINAL_STATUSES.includes(status) ? { decidedAt: tx.clock.now() } : {}),
      });
      const associate = input.decision === NominationDecision.SELECTED ? await createAssociate(tx, nomination) : null;
      await recordEvent(tx, 'NominationDecided', {
        ...nominationFacts(nomination),
        status,
        associateId: associate ? toGlobalId('ProfessionalAssociate', associate.uuid) : null,
      });
      return { nomination, associate };
    });
  }
}
