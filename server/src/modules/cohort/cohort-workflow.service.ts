import { In, Not } from 'typeorm';
import { isoDate } from '../../common/clock';
import { DatePrecision } from '../../common/dates';
import { isUniqueViolation } from '../../db/unique-violation';
import type { RequestContext } from '../../graphql/context';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { withTransaction } from '../../graphql/transaction';
import { AssociateStatus } from '../associate/associate-enums';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { toGlobalId } from '../../graphql/relay/global-id';
import { recordEvent } from '../../outbox/record-event';
import { audit } from '../audit/audit.service';
import { programmeOfInput } from '../programme/programme-lookup';
import { calendarDates, COHORT_DATE_FIELDS, firstDateOutOfOrder, missingForCycle } from './cohort-dates';
import { lockCohort } from './cohort-lock';
import { CohortStatus } from './cohort-status';
import { allowedTargets, isAllowedTransition } from './cohort-transitions';
import { Cohort } from './cohort.entity';
import type { CreateCohortInput, TransitionCohortInput } from './cohort.inputs';

/** The fields of a cohort the audit log follows; none is personal. */
export const auditedCohort = (c: Cohort) => ({
  programmeId: c.programmeId,
  label: c.label,
  status: c.status,
  capacity: c.capacity,
  ...Object.fromEntries(COHORT_DATE_FIELDS.map((field) => [field, c[field]])),
  note: c.note,
});

/** "2027-2028": two consecutive years. */
export function assertLabel(label: string): void {
  const years = /^(\d{4})-(\d{4})$/.exec(label);
  if (!years || Number(years[2]) !== Number(years[1]) + 1) {
    fail(UserErrorCode.COHORT_LABEL_INVALID, `"${label}" is not two consecutive years such as "2027-2028".`, 'label');
  }
}

/** Placements that are over, or (DECLINED) never started. */
const PLACEMENT_ENDED = [AssociateStatus.COMPLETED, AssociateStatus.WITHDRAWN, AssociateStatus.DECLINED];

/** The yearly cycle of a cohort: creating it, and moving it from status to status. */
export class CohortWorkflowService {
  async create(ctx: RequestContext, input: CreateCohortInput): Promise<{ cohort: Cohort }> {
    assertLabel(input.label);
    const dates = calendarDates(input.dates);
    const disorder = firstDateOutOfOrder(dates);
    if (disorder) {
      fail(UserErrorCode.DATES_OUT_OF_ORDER, `${disorder.field} must be later than ${disorder.previous}.`, ['dates', disorder.field]);
    }
    return withTransaction(ctx, async (tx) => {
      const programme = await programmeOfInput(tx, input);
      const labelTaken = () => fail(UserErrorCode.COHORT_LABEL_TAKEN, `${programme.code} already has a cohort ${input.label}.`, 'label');
      if (await tx.db.existsBy(Cohort, { programmeId: programme.uuid, label: input.label })) labelTaken();
      const cohort = tx.db.create(Cohort, {
        programmeId: programme.uuid,
        label: input.label,
        status: CohortStatus.PLANNED,
        capacity: input.capacity,
        ...dates,
        // The six dates are exact days, as for the seeded cohorts whose start day is known.
        startDatePrecision: DatePrecision.DAY,
        note: input.note || null,
      });
      // Two concurrent creations of one label: the unique index decides, and the loser gets the same user error.
      await tx.db.save(cohort).catch((err: unknown) => (isUniqueViolation(err) ? labelTaken() : Promise.reject(err)));
      await audit(tx, { operation: 'createCohort', entityType: 'Cohort', entityId: cohort.uuid, after: auditedCohort(cohort) });
      return { cohort };
    });
  }

  async transition(ctx: RequestContext, input: TransitionCohortInput): Promise<{ cohort: Cohort }> {
    return withTransaction(ctx, async (tx) => {
      // Locked: of two concurrent moves, the second sees the first's status.
      const cohort = await lockCohort(tx, input.cohortId);
      const from = cohort.status;
      const to = input.to;
      if (!isAllowedTransition(from, to)) {
        const next = allowedTargets(from);
        fail(
          UserErrorCode.INVALID_TRANSITION,
          `A ${from} cohort cannot move to ${to}; ${next.length ? `it can move to ${next.join(' or ')}` : 'its status is final'}.`,
          'to',
        );
      }
      if (to !== CohortStatus.CANCELLED) {
        const missing = missingForCycle(cohort);
        if (missing.length) fail(UserErrorCode.COHORT_INCOMPLETE, `The cohort needs ${missing.join(', ')} before it moves to ${to}.`, 'cohortId');
      }
      const closedEarly = to === CohortStatus.SELECTION && !this.deadlinePassed(tx, cohort);
      if (closedEarly && !input.closeEarly) {
        fail(
          UserErrorCode.DEADLINE_NOT_PASSED,
          `Nominations are accepted until ${cohort.nominationDeadline}; pass closeEarly: true to close them now.`,
          'to',
        );
      }
      if (to === CohortStatus.COMPLETED) await this.assertPlacementsEnded(tx, cohort);
      cohort.status = to;
      await tx.db.save(cohort);
      await audit(tx, {
        operation: 'transitionCohort',
        entityType: 'Cohort',
        entityId: cohort.uuid,
        before: { status: from },
        after: { status: to, ...(closedEarly ? { closedEarly } : {}) },
      });
      const cohortId = toGlobalId('Cohort', cohort.uuid);
      await recordEvent(tx, 'CohortTransitioned', { cohortId, from, to });
      if (to === CohortStatus.NOMINATIONS_OPEN) await recordEvent(tx, 'CohortOpened', { cohortId });
      if (to === CohortStatus.SELECTION) await recordEvent(tx, 'NominationsClosed', { cohortId, closedEarly });
      return { cohort };
    });
  }

  /** The deadline is the last day nominations are accepted: it has passed once that day is over (UTC). */
  private deadlinePassed(tx: RequestContext, cohort: Cohort): boolean {
    return isoDate(tx.clock.now()) > cohort.nominationDeadline!;
  }

  private async assertPlacementsEnded(tx: RequestContext, cohort: Cohort): Promise<void> {
    const open = await tx.db.countBy(ProfessionalAssociate, { cohortId: cohort.uuid, status: Not(In(PLACEMENT_ENDED)) });
    if (open) {
      fail(
        UserErrorCode.PLACEMENTS_OPEN,
        `${open} associate${open === 1 ? '' : 's'} of the cohort still ${open === 1 ? 'has a placement' : 'have placements'} neither COMPLETED, WITHDRAWN nor DECLINED.`,
        'to',
      );
    }
  }
}
