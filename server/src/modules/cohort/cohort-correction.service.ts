import { isoDate } from '../../common/clock';
import { isUniqueViolation } from '../../db/unique-violation';
import type { RequestContext } from '../../graphql/context';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { withTransaction } from '../../graphql/transaction';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { countedStatus } from '../associate/counted-associates';
import { audit, changedFields } from '../audit/audit.service';
import { COHORT_DATE_FIELDS, type CohortDateField } from './cohort-dates';
import { lockCohort } from './cohort-lock';
import { CohortStatus } from './cohort-status';
import { assertLabel, auditedCohort } from './cohort-workflow.service';
import { Cohort } from './cohort.entity';
import type { UpdateCohortInput } from './cohort.inputs';

/**
 * Statuses from which the cohort has started (or, CANCELLED, is closed
 * history): the selection is over and the associates placed, so the steps
 * that led to the start are fixed.
 */
const STARTED: readonly CohortStatus[] = [CohortStatus.IN_PROGRESS, CohortStatus.COMPLETED, CohortStatus.CANCELLED];

/**
 * What the start depends on, refused once the cohort has started: the label
 * (the year the associates, events and certificates belong to), the capacity
 * (the selection it bounded is over) and the five dates up to and including
 * startDate (the cycle that led to the start has happened). endDate and note
 * stay correctable.
 */
const FIXED_AFTER_START = ['label', 'capacity', ...COHORT_DATE_FIELDS.slice(0, COHORT_DATE_FIELDS.indexOf('startDate') + 1)] as const;

/** The first known date (in cycle order) that is not after the known one before it; historical records may miss some. */
function firstKnownDateOutOfOrder(dates: Record<CohortDateField, string | null>): { field: CohortDateField; previous: CohortDateField } | null {
  let previous: CohortDateField | null = null;
  for (const field of COHORT_DATE_FIELDS) {
    if (dates[field] == null) continue;
    if (previous && dates[field]! <= dates[previous]!) return { field, previous };
    previous = field;
  }
  return null;
}

/** Corrections an ADMIN makes to a cohort, under the cycle's rules. */
export class CohortCorrectionService {
  async update(ctx: RequestContext, input: UpdateCohortInput): Promise<{ cohort: Cohort }> {
    if (input.label != null) assertLabel(input.label);
    const newDates = Object.fromEntries(
      COHORT_DATE_FIELDS.filter((field) => input.dates?.[field] != null).map((field) => [field, isoDate(input.dates![field]!)]),
    ) as Partial<Record<CohortDateField, string>>;
    const asked = {
      ...(input.label != null ? { label: input.label } : {}),
      ...(input.capacity != null ? { capacity: input.capacity } : {}),
      ...newDates,
      ...(input.note != null ? { note: input.note || null } : {}),
    };
    if (!Object.keys(asked).length) fail(UserErrorCode.NOTHING_TO_UPDATE, 'Give a label, capacity, dates or note to correct.', 'cohortId');
    return withTransaction(ctx, async (tx) => {
      // Locked: decisions (COHORT_FULL), transitions and invitations of this cohort wait, so the rules below read what holds at commit.
      const cohort = await lockCohort(tx, input.cohortId);
      const before = auditedCohort(cohort);
      const changing = (Object.keys(asked) as Array<keyof typeof asked>).filter((field) => asked[field] !== cohort[field]);
      if (STARTED.includes(cohort.status)) {
        const fixed = changing.find((field) => (FIXED_AFTER_START as readonly string[]).includes(field));
        if (fixed) {
          fail(
            UserErrorCode.COHORT_STARTED,
            `The cohort is ${cohort.status}: its ${fixed} is fixed since the start; only endDate and note can be corrected.`,
            fieldPath(fixed),
          );
        }
      }
      if (input.capacity != null && input.capacity !== cohort.capacity) {
        const taken = await tx.db.countBy(ProfessionalAssociate, { cohortId: cohort.uuid, status: countedStatus() });
        if (input.capacity < taken) {
          fail(UserErrorCode.CAPACITY_BELOW_SEATS_TAKEN, `${taken} seats of ${cohort.label} are taken; the capacity cannot go below that.`, 'capacity');
        }
      }
      Object.assign(cohort, asked);
      // Checked when dates change: a correction of the note alone is not held up by an old record's dates.
      const disorder = Object.keys(newDates).length ? firstKnownDateOutOfOrder(cohort) : null;
      if (disorder) {
        // Named at the date the input changed: the later one when it moved, else the earlier one that moved past it.
        const field = disorder.field in newDates ? disorder.field : disorder.previous;
        fail(UserErrorCode.DATES_OUT_OF_ORDER, `${disorder.field} must be later than ${disorder.previous}.`, ['dates', field]);
      }
      const labelTaken = () => fail(UserErrorCode.COHORT_LABEL_TAKEN, `The programme already has a cohort ${cohort.label}.`, 'label');
      if (changing.includes('label') && (await tx.db.existsBy(Cohort, { programmeId: cohort.programmeId, label: cohort.label }))) labelTaken();
      const change = changedFields(before, auditedCohort(cohort));
      if (Object.keys(change.after).length) {
        // Two concurrent renames to one label: the unique index decides, and the loser gets the same user error.
        await tx.db.save(cohort).catch((err: unknown) => (isUniqueViolation(err) ? labelTaken() : Promise.reject(err)));
        await audit(tx, { operation: 'updateCohort', entityType: 'Cohort', entityId: cohort.uuid, ...change });
      }
      return { cohort };
    });
  }
}

/** Where an input field sits: dates are nested under `dates`. */
function fieldPath(field: string): string | string[] {
  return (COHORT_DATE_FIELDS as readonly string[]).includes(field) ? ['dates', field] : field;
}
