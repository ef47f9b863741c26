import type { RequestContext } from '../../graphql/context';
import { lockForUpdate } from '../../db/database';
import type { EventKind } from './event-kind';
import { Event } from './event.entity';

/**
 * The event `eventId` if it is an event of this kind of the cohort and is
 * not cancelled, else null; for rules such as "presented at a
 * REPORTING_SESSION of the associate's cohort" or "issued at a
 * CERTIFICATE_CEREMONY of it". Both IDs are UUIDs (decode a global ID with
 * inputId first). The row stays locked until the transaction ends, so a
 * concurrent cancelEvent waits, and then refuses with EVENT_HAS_RECORDS when
 * the caller recorded something at the event.
 */
export async function findCohortEvent(tx: RequestContext, cohortId: string, kind: EventKind, eventId: string): Promise<Event | null> {
  const event = await tx.db.findOne(Event, { where: { uuid: eventId }, lock: lockForUpdate(tx.db) });
  return event && event.cohortId === cohortId && event.kind === kind && !event.isCancelled ? event : null;
}
