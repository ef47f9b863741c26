import { isoDate } from '../../common/clock';
import { isUniqueViolation } from '../../db/unique-violation';
import type { RequestContext } from '../../graphql/context';
import { AppError } from '../../graphql/errors';
import { inputId } from '../../graphql/mutations/input-ids';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { withTransaction } from '../../graphql/transaction';
import { Administration } from '../administration/administration.entity';
import { toGlobalId } from '../../graphql/relay/global-id';
import { recordEvent } from '../../outbox/record-event';
import { audit } from '../audit/audit.service';
import { CohortStatus } from '../cohort/cohort-status';
import { Invitation } from '../cohort/invitation.entity';
import { UserRole } from '../user/user-role';
import { canonicalLanguageTag } from './language-tag';
import { changeNomination } from './nomination-change';
import { lockCohortRow } from '../cohort/cohort-lock';
import { lockNomination } from './nomination-locks';
import { NominationStatus } from './nomination-status';
import { Nomination } from './nomination.entity';
import type { SubmitNominationInput, WithdrawNominationInput } from './nomination.inputs';

const ALREADY_NOMINATED = 'This candidate already has an active nomination for the cohort.';

/** What the audit log keeps of a nomination; the candidate's name and e-mail are redacted there. */
export const auditedNomination = (n: Nomination) => ({
  cohortId: n.cohortId,
  administrationId: n.administrationId,
  candidateFullName: n.candidateFullName,
  candidateEmail: n.candidateEmail,
  status: n.status,
  submittedAt: n.submittedAt,
  decidedAt: n.decidedAt,
});

/** What a nomination's events say of it: which nomination, of which cohort and administration (global IDs). */
export const nominationFacts = (n: Nomination) => ({
  nominationId: toGlobalId('Nomination', n.uuid),
  cohortId: toGlobalId('Cohort', n.cohortId),
  administrationId: toGlobalId('Administration', n.administrationId),
});

/** A FOCAL_POINT acts only for its own administration; the policy has let only FOCAL_POINT and ADMIN through. */
function assertActsFor(tx: RequestContext, administrationId: string): void {
  if (tx.viewer?.role === UserRole.FOCAL_POINT && tx.viewer.administrationId !== administrationId) {
    throw new AppError('FORBIDDEN', 'A focal point acts only for its own administration.');
  }
}

/** The administration the nomination is made for: the input's, or a FOCAL_POINT's own. */
function nominatingAdministration(tx: RequestContext, input: SubmitNominationInput): string {
  if (input.administrationId) {
    const uuid = inputId(input.administrationId, 'Administration', 'administrationId');
    assertActsFor(tx, uuid);
    return uuid;
  }
  if (tx.viewer?.role === UserRole.FOCAL_POINT && tx.viewer.administrationId) return tx.viewer.administrationId;
  return fail(UserErrorCode.NOMINATING_ADMINISTRATION_REQUIRED, 'Name the nominating administration.', 'administrationId');
}

export class SubmissionService {
  async submit(ctx: RequestContext, input: SubmitNominationInput): Promise<{ nomination: Nomination }> {
    const cohortId = inputId(input.cohortId, 'Cohort', 'cohortId');
    const administrationId = nominatingAdministration(ctx, input);
    return withTransaction(ctx, async (tx) => {
      // Locked so that concurrent submissions for the cohort take turns: the duplicate check below then sees the other's row.
      const cohort = await lockCohortRow(tx, cohortId);
      const administration = await tx.db.findOneBy(Administration, { uuid: administrationId });
      if (!administration) fail(UserErrorCode.ADMINISTRATION_NOT_FOUND, 'No administration has this ID.', 'administrationId');
      if (cohort.status !== CohortStatus.NOMINATIONS_OPEN) {
        fail(UserErrorCode.NOMINATIONS_CLOSED, `The cohort ${cohort.label} is ${cohort.status}, not open for nominations.`, 'cohortId');
      }
      const today = isoDate(tx.clock.now());
      if (cohort.nominationDeadline && today > cohort.nominationDeadline) {
        fail(
          UserErrorCode.DEADLINE_PASSED,
          `Nominations for ${cohort.label} closed at the end of ${cohort.nominationDeadline} (UTC).`,
          'cohortId',
        );
      }
      if (!(await tx.db.existsBy(Invitation, { cohortId, administrationId }))) {
        fail(UserErrorCode.NOT_INVITED, `${administration.name} was not invited to nominate for ${cohort.label}.`, 'administrationId');
      }
      if (!administration.isEligible) {
        fail(UserErrorCode.ADMINISTRATION_NOT_ELIGIBLE, `${administration.name} is not eligible for the programme.`, 'administrationId');
      }
      const candidateEmail = input.candidate.email;
      const active = await tx.db
        .getRepository(Nomination)
        .createQueryBuilder('nom')
        .where('nom.cohortId = :cohortId AND LOWER(nom.candidateEmail) = :candidateEmail AND nom.status <> :withdrawn', {
          cohortId,
          candidateEmail,
          withdrawn: NominationStatus.WITHDRAWN,
        })
        .getExists();
      if (active) fail(UserErrorCode.CANDIDATE_ALREADY_NOMINATED, ALREADY_NOMINATED, ['candidate', 'email']);

      const nomination = tx.db.create(Nomination, {
        cohortId,
        administrationId,
        candidateFullName: input.candidate.fullName,
        candidateEmail,
        candidatePosition: input.candidate.position,
        candidateYearsOfService: input.candidate.yearsOfService,
        candidateLanguages: [...new Set(input.candidate.languages.map((tag) => canonicalLanguageTag(tag)!))],
        motivation: input.motivation,
        status: NominationStatus.SUBMITTED,
        submittedAt: tx.clock.now(),
        decidedAt: null,
        meanScore: null,
        reviewCount: 0,
      });
      try {
        await tx.db.save(nomination);
      } catch (err) {
        // The partial unique index is the last word when the lock above is not there (a rival outside this code path).
        if (isUniqueViolation(err)) fail(UserErrorCode.CANDIDATE_ALREADY_NOMINATED, ALREADY_NOMINATED, ['candidate', 'email']);
        throw err;
      }
      await audit(tx, {
        operation: 'submitNomination',
        entityType: 'Nomination',
        entityId: nomination.uuid,
        after: auditedNomination(nomination),
      });
      await recordEvent(tx, 'NominationSubmitted', nominationFacts(nomination));
      return { nomination };
    });
  }

  async withdraw(ctx: RequestContext, input: WithdrawNominationInput): Promise<{ nomination: Nomination }> {
    return withTransaction(ctx, async (tx) => {
      const nomination = await lockNomination(tx, input.nominationId);
      assertActsFor(tx, nomination.administrationId);
      if (nomination.status === NominationStatus.WITHDRAWN) {
        fail(UserErrorCode.ALREADY_WITHDRAWN, 'The nomination is withdrawn already.', 'nominationId');
      }
      if (nomination.status !== NominationStatus.SUBMITTED && nomination.status !== NominationStatus.SHORTLISTED) {
        fail(
          UserErrorCode.ALREADY_DECIDED,
          `The nomination is ${nomination.status}: decided nominations cannot be withdrawn.`,
          'nominationId',
        );
      }
      await changeNomination(tx, 'withdrawNomination', nomination, { status: NominationStatus.WITHDRAWN });
      await recordEvent(tx, 'NominationWithdrawn', nominationFacts(nomination));
      return { nomination };
    });
  }
}
