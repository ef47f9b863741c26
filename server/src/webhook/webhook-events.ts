import type { EventType, RecordedEvent } from '../outbox/event-catalogue';

/**
 * The events other systems may subscribe to, and what each one's webhook
 * carries: the catalogue's global IDs and the event's own facts, never a
 * personal value (a receiver reads what it may see through the API). The
 * account events (PasswordChanged, UserEmailChanged, UserInvited,
 * PasswordResetRequested) are a person's own business, a review
 * (NominationReviewed) is blind until the decision, the reminders
 * (NominationDeadlineApproaching, MilestoneDue) and ResearchUpdated are for
 * the people concerned, and WebhookEndpointDisabled is for the ADMINs: none
 * is offered.
 */
const DATA: { [T in WebhookEventName]: (payload: RecordedEvent<T>['payload']) => Record<string, unknown> } = {
  CohortOpened: (p) => ({ cohortId: p.cohortId }),
  NominationsClosed: (p) => ({ cohortId: p.cohortId, closedEarly: p.closedEarly }),
  AdministrationsInvited: (p) => ({ cohortId: p.cohortId, administrationIds: p.administrationIds }),
  NominationSubmitted: (p) => ({ nominationId: p.nominationId, cohortId: p.cohortId, administrationId: p.administrationId }),
  NominationWithdrawn: (p) => ({ nominationId: p.nominationId, cohortId: p.cohortId, administrationId: p.administrationId }),
  NominationDecided: (p) => ({
    nominationId: p.nominationId,
    cohortId: p.cohortId,
    administrationId: p.administrationId,
    status: p.status,
    associateId: p.associateId,
  }),
  ResearchApproved: (p) => ({ researchId: p.researchId, associateId: p.associateId }),
  CertificateIssued: (p) => ({ certificateId: p.certificateId, serial: p.serial, associateId: p.associateId }),
  CertificateRevoked: (p) => ({ certificateId: p.certificateId, serial: p.serial, associateId: p.associateId }),
  CohortTransitioned: (p) => ({ cohortId: p.cohortId, from: p.from, to: p.to }),
  OutcomesPublished: (p) => ({ cohortId: p.cohortId }),
  // The Secretariat's comment is for the associate: a receiver reads the project through the API.
  ResearchReturned: (p) => ({ researchId: p.researchId, associateId: p.associateId }),
};

/** A new event of the catalogue must be added to DATA or named here: the compiler asks which. */
export type WebhookEventName = Exclude<
  EventType,
  | 'PasswordChanged'
  | 'UserEmailChanged'
  | 'UserInvited'
  | 'PasswordResetRequested'
  | 'NominationReviewed'
  | 'NominationDeadlineApproaching'
  | 'MilestoneDue'
  | 'ResearchUpdated'
  | 'WebhookEndpointDisabled'
>;

export const WEBHOOK_EVENT_NAMES = Object.keys(DATA) as WebhookEventName[];

export const isWebhookEvent = (type: string): type is WebhookEventName => (WEBHOOK_EVENT_NAMES as readonly string[]).includes(type);

/** The body of a webhook, in the Standard Webhooks payload shape: type, timestamp, data. */
export function webhookBody(event: RecordedEvent): string {
  if (!isWebhookEvent(event.type)) throw new Error(`${event.type} is not sent by webhook`);
  const data = (DATA[event.type] as (p: unknown) => Record<string, unknown>)(event.payload);
  return JSON.stringify({ type: event.type, timestamp: event.occurredAt.toISOString(), data });
}
