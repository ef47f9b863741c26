import type { RequestContext } from '../../graphql/context';
import { lockForUpdate } from '../../db/database';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import type { EventKind } from './event-kind';
import { Event } from './event.entity';

/** How a rule that records something at an event of a cohort refuses the wrong event. */
export interface CohortEventRule {
  kind: EventKind;
  /** The input field naming the event. */
  field: string;
  /** What the event is called in messages, e.g. "ceremony". */
  noun: string;
  /** What the rule does at such an event, for the refusal of a cancelled one: "no certificates are issued at it". */
  cancelledMeans: string;
  /** What the rule does from the event's start, for the refusal of one not yet held: "certificates are issued from its start". */
  fromStartMeans: string;
  notFound: UserErrorCode;
  wrongKind: UserErrorCode;
  otherCohort: UserErrorCode;
  /** The event has not started by the server clock: nothing is recorded at an event that has not taken place. */
  notYetHeld: UserErrorCode;
}

/**
 * The event `eventId` when it is an event of the rule's kind of this cohort,
 * is not cancelled and has started by the server clock; the rule's user
 * error otherwise, checked in that order (the certificate ceremony of
 * issueCertificate, the reporting session of recordPresentation). Both IDs
 * are UUIDs. The row stays locked until the transaction ends, so a
 * concurrent cancelEvent waits, and then refuses with EVENT_HAS_RECORDS once
 * something is recorded at the event.
 */
export async function lockCohortEvent(tx: RequestContext, eventId: string, cohortId: string, rule: CohortEventRule): Promise<Event> {
  const event =
    (await tx.db.findOne(Event, { where: { uuid: eventId }, lock: lockForUpdate(tx.db) })) ?? fail(rule.notFound, 'No event has this ID.', rule.field);
  if (event.kind !== rule.kind) fail(rule.wrongKind, `The event is a ${event.kind}, not a ${rule.kind}.`, rule.field);
  if (event.cohortId !== cohortId) fail(rule.otherCohort, `The ${rule.noun} belongs to another cohort than the associate's.`, rule.field);
  if (event.isCancelled) fail(UserErrorCode.EVENT_CANCELLED, `The ${rule.noun} is cancelled: ${rule.cancelledMeans}.`, rule.field);
  if (tx.clock.now() < event.startsAt) {
    fail(rule.notYetHeld, `The ${rule.noun} has not taken place: it starts at ${event.startsAt.toISOString()}, and ${rule.fromStartMeans}.`, rule.field);
  }
  return event;
}
