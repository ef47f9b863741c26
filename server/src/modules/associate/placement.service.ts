import { isoDate } from '../../common/clock';
import type { RequestContext } from '../../graphql/context';
import { lockForUpdate } from '../../db/database';
import { inputId } from '../../graphql/mutations/input-ids';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { withTransaction } from '../../graphql/transaction';
import { ensureAlumniProfile } from '../alumni/ensure-alumni-profile';
import type { AlumniProfile } from '../alumni/alumni-profile.entity';
import { audit, changedFields } from '../audit/audit.service';
import { Cohort } from '../cohort/cohort.entity';
import { CohortStatus } from '../cohort/cohort-status';
import { AssociateStatus } from './associate-enums';
import type { ProfessionalAssociate } from './associate.entity';
import { assertPlacementOpen, lockAssociate } from './find-associate';
import { PlacementOutcome, type AssignPlacementInput, type CompletePlacementInput } from './placement.inputs';

/** The placement fields the audit log follows (supervisorName is redacted there). */
const audited = (a: ProfessionalAssociate) => ({
  status: a.status,
  directorate: a.directorate,
  supervisorName: a.supervisorName,
  startDate: a.startDate,
  endDate: a.endDate,
});

/** Cohorts whose associates may be placed: selected but not started, or running. */
const PLACING_STATUSES: readonly CohortStatus[] = [CohortStatus.SELECTION, CohortStatus.IN_PROGRESS];

export class PlacementService {
  /**
   * Places an associate in a directorate. The placement is ACTIVE when the
   * cohort is IN_PROGRESS; while it is still in SELECTION the associate
   * stays ASSIGNED (and becomes ACTIVE when assigned again once the year
   * runs). An ACTIVE placement is never moved back to ASSIGNED.
   */
  async assign(ctx: RequestContext, input: AssignPlacementInput): Promise<{ associate: ProfessionalAssociate }> {
    const startDate = isoDate(input.startDate);
    const endDate = isoDate(input.endDate);
    const associateUuid = inputId(input.associateId, 'ProfessionalAssociate', 'associateId');
    if (endDate < startDate) fail(UserErrorCode.DATES_OUT_OF_ORDER, 'The placement ends before it starts.', 'endDate');
    return withTransaction(ctx, async (tx) => {
      const associate = await lockAssociate(tx, associateUuid, 'associateId');
      assertPlacementOpen(associate, 'associateId');
      // Locked so the cohort cannot change status while the placement is being decided.
      const cohort = await tx.db.findOneOrFail(Cohort, { where: { uuid: associate.cohortId }, lock: lockForUpdate(tx.db) });
      if (!PLACING_STATUSES.includes(cohort.status)) {
        fail(UserErrorCode.COHORT_NOT_RUNNING, `The cohort ${cohort.label} is ${cohort.status}; placements are assigned in SELECTION or IN_PROGRESS.`, 'associateId');
      }
      if (cohort.startDate && startDate < cohort.startDate) {
        fail(UserErrorCode.DATES_OUTSIDE_COHORT, `The placement starts before the cohort does (${cohort.startDate}).`, 'startDate');
      }
      if (cohort.endDate && endDate > cohort.endDate) {
        fail(UserErrorCode.DATES_OUTSIDE_COHORT, `The placement ends after the cohort does (${cohort.endDate}).`, 'endDate');
      }
      const before = audited(associate);
      Object.assign(associate, {
        directorate: input.directorate,
        supervisorName: input.supervisorName,
        startDate,
        endDate,
        status: cohort.status === CohortStatus.IN_PROGRESS ? AssociateStatus.ACTIVE : associate.status,
      });
      await tx.db.save(associate);
      const change = changedFields(before, audited(associate));
      if (Object.keys(change.after).length) {
        await audit(tx, { operation: 'assignPlacement', entityType: 'ProfessionalAssociate', entityId: associate.uuid, ...change });
      }
      return { associate };
    });
  }

  /**
   * Ends a placement; a COMPLETED one gets its alumni profile in the same
   * transaction. Withdrawing an ASSIGNED associate, whose placement never
   * started, makes it DECLINED: it has no end date, and it no longer counts
   * (counted-associates.ts), so its seat is free.
   */
  async complete(
    ctx: RequestContext,
    input: CompletePlacementInput,
  ): Promise<{ associate: ProfessionalAssociate; alumniProfile: AlumniProfile | null }> {
    const endDate = input.endDate != null ? isoDate(input.endDate) : null;
    const associateUuid = inputId(input.associateId, 'ProfessionalAssociate', 'associateId');
    return withTransaction(ctx, async (tx) => {
      const associate = await lockAssociate(tx, associateUuid, 'associateId');
      assertPlacementOpen(associate, 'associateId');
      if (input.outcome === PlacementOutcome.COMPLETED && associate.status !== AssociateStatus.ACTIVE) {
        fail(UserErrorCode.PLACEMENT_NOT_ACTIVE, `The placement is ${associate.status}; only an ACTIVE placement can be completed.`, 'outcome');
      }
      const started = associate.status === AssociateStatus.ACTIVE;
      if (!started && endDate != null) {
        fail(UserErrorCode.INVALID_VALUE, 'A placement that never started has no end date; leave endDate out.', 'endDate');
      }
      if (started && endDate == null) fail(UserErrorCode.INVALID_VALUE, 'Give the last day of the placement (endDate).', 'endDate');
      if (endDate != null && associate.startDate && endDate < associate.startDate) {
        fail(UserErrorCode.DATES_OUT_OF_ORDER, `The placement started on ${associate.startDate}; it cannot end before.`, 'endDate');
      }
      const before = audited(associate);
      associate.status = !started
        ? AssociateStatus.DECLINED
        : input.outcome === PlacementOutcome.COMPLETED
          ? AssociateStatus.COMPLETED
          : AssociateStatus.WITHDRAWN;
      if (started) associate.endDate = endDate;
      await tx.db.save(associate);
      await audit(tx, {
        operation: 'completePlacement',
        entityType: 'ProfessionalAssociate',
        entityId: associate.uuid,
        ...changedFields(before, audited(associate)),
      });
      const alumniProfile =
        associate.status === AssociateStatus.COMPLETED ? await ensureAlumniProfile(tx, associate.uuid, 'completePlacement') : null;
      return { associate, alumniProfile };
    });
  }
}
