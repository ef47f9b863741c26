import type { RequestContext } from '../../graphql/context';
import { inputId } from '../../graphql/mutations/input-ids';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { withTransaction } from '../../graphql/transaction';
import { lockForUpdate } from '../../db/database';
import { DatePrecision } from '../../common/dates';
import { audit, changedFields } from '../audit/audit.service';
import { Certificate } from '../certificate/certificate.entity';
import { lockCohort, lockCohortRow } from '../cohort/cohort-lock';
import { CohortStatus } from '../cohort/cohort-status';
import { Cohort } from '../cohort/cohort.entity';
import { programmeOfInput } from '../programme/programme-lookup';
import { ResearchProject } from '../research/research-project.entity';
import { outsideCohortYear } from './event-window';
import { Event } from './event.entity';
import type { CancelEventInput, RescheduleEventInput, ScheduleEventInput } from './event.inputs';
import type { EventKind } from './event-kind';

/** The most events one cohort holds (Cohort.events is a plain list, priced by this bound). */
export const MAX_COHORT_EVENTS = 50;

/** The fields of an event the audit log follows (the officiant's name is redacted there). */
const audited = (e: Event) => ({
  programmeId: e.programmeId,
  cohortId: e.cohortId,
  kind: e.kind,
  title: e.title,
  startsAt: e.startsAt.toISOString(),
  location: e.location,
  isVirtual: e.isVirtual,
  officiantName: e.officiantName,
  officiantTitle: e.officiantTitle,
  audience: e.audience,
  cancelledAt: e.cancelledAt?.toISOString() ?? null,
  cancellationReason: e.cancellationReason,
});

/** Optional text as stored (inputs arrive normalised): null when blank. */
const text = (value: string | null | undefined): string | null => value || null;

/** Scheduling, rescheduling and cancelling programme events. */
export class EventScheduleService {
  async schedule(ctx: RequestContext, input: ScheduleEventInput): Promise<{ event: Event }> {
    return withTransaction(ctx, async (tx) => {
      // Locked: the count of the cohort's events is checked before one is added.
      const cohort = input.cohortId == null ? null : await lockCohort(tx, input.cohortId);
      const programme = input.programmeCode != null || !cohort ? await programmeOfInput(tx, { programmeCode: input.programmeCode }) : null;
      if (cohort) {
        if (programme && cohort.programmeId !== programme.uuid) {
          fail(UserErrorCode.PROGRAMME_MISMATCH, `The cohort ${cohort.label} belongs to another programme than ${programme.code}.`, 'programmeCode');
        }
        await this.assertCohortTakesEvents(tx, cohort);
        this.assertWithinCohort(input.kind, input.startsAt, cohort, 'startsAt');
      }
      const event = tx.db.create(Event, {
        programmeId: cohort?.programmeId ?? programme!.uuid,
        cohortId: cohort?.uuid ?? null,
        kind: input.kind,
        title: input.title,
        startsAt: input.startsAt,
        datePrecision: DatePrecision.DAY,
        location: text(input.location),
        isVirtual: input.isVirtual,
        officiantName: text(input.officiantName),
        officiantTitle: text(input.officiantTitle),
        audience: text(input.audience),
        cancelledAt: null,
        cancellationReason: null,
      });
      await tx.db.save(event);
      await audit(tx, { operation: 'scheduleEvent', entityType: 'Event', entityId: event.uuid, after: audited(event) });
      return { event };
    });
  }

  async reschedule(ctx: RequestContext, input: RescheduleEventInput): Promise<{ event: Event }> {
    return withTransaction(ctx, async (tx) => {
      const event = await this.lockActiveEvent(tx, input.eventId);
      // Locked, as when scheduling: a cohort cancelled meanwhile takes no changes to its events.
      const cohort = event.cohortId ? await lockCohortRow(tx, event.cohortId, 'eventId') : null;
      if (cohort?.status === CohortStatus.CANCELLED) fail(UserErrorCode.COHORT_CANCELLED, `The cohort ${cohort.label} is cancelled.`, 'eventId');
      const before = audited(event);
      if (input.startsAt != null) {
        if (cohort) this.assertWithinCohort(event.kind, input.startsAt, cohort, 'startsAt');
        event.startsAt = input.startsAt;
        // A new start is a known day, whatever the precision of the old one.
        event.datePrecision = DatePrecision.DAY;
      }
      if (input.location !== undefined) event.location = text(input.location);
      if (input.isVirtual != null) event.isVirtual = input.isVirtual;
      if (input.officiantName !== undefined) event.officiantName = text(input.officiantName);
      if (input.officiantTitle !== undefined) event.officiantTitle = text(input.officiantTitle);
      const change = changedFields(before, audited(event));
      if (Object.keys(change.after).length) {
        await tx.db.save(event);
        await audit(tx, { operation: 'rescheduleEvent', entityType: 'Event', entityId: event.uuid, ...change });
      }
      return { event };
    });
  }

  async cancel(ctx: RequestContext, input: CancelEventInput): Promise<{ event: Event }> {
    return withTransaction(ctx, async (tx) => {
      const event = await this.lockActiveEvent(tx, input.eventId);
      const certificates = await tx.db.countBy(Certificate, { ceremonyId: event.uuid });
      const presentations = await tx.db.countBy(ResearchProject, { presentedAtId: event.uuid });
      if (certificates || presentations) {
        fail(
          UserErrorCode.EVENT_HAS_RECORDS,
          `The event is on record with ${certificates} certificate(s) issued and ${presentations} research project(s) presented at it; it took place.`,
          'eventId',
        );
      }
      const before = audited(event);
      event.cancelledAt = tx.clock.now();
      event.cancellationReason = input.reason;
      await tx.db.save(event);
      await audit(tx, { operation: 'cancelEvent', entityType: 'Event', entityId: event.uuid, ...changedFields(before, audited(event)) });
      return { event };
    });
  }

  /** The event an input names, locked; EVENT_NOT_FOUND, or EVENT_CANCELLED once it is cancelled. */
  private async lockActiveEvent(tx: RequestContext, globalId: string): Promise<Event> {
    const uuid = inputId(globalId, 'Event', 'eventId');
    const event =
      (await tx.db.findOne(Event, { where: { uuid }, lock: lockForUpdate(tx.db) })) ??
      fail(UserErrorCode.EVENT_NOT_FOUND, 'No event has this ID.', 'eventId');
    if (event.isCancelled) fail(UserErrorCode.EVENT_CANCELLED, `The event was cancelled on ${event.cancelledAt!.toISOString()}.`, 'eventId');
    return event;
  }

  private async assertCohortTakesEvents(tx: RequestContext, cohort: Cohort): Promise<void> {
    if (cohort.status === CohortStatus.CANCELLED) fail(UserErrorCode.COHORT_CANCELLED, `The cohort ${cohort.label} is cancelled.`, 'cohortId');
    if ((await tx.db.countBy(Event, { cohortId: cohort.uuid })) >= MAX_COHORT_EVENTS) {
      fail(UserErrorCode.COHORT_EVENTS_FULL, `The cohort ${cohort.label} has ${MAX_COHORT_EVENTS} events already.`, 'cohortId');
    }
  }

  private assertWithinCohort(kind: EventKind, startsAt: Date, cohort: Cohort, field: string): void {
    const why = outsideCohortYear(kind, startsAt, cohort);
    if (why) fail(UserErrorCode.EVENT_OUTSIDE_COHORT, why, field);
  }
}
