/**
 * Every domain event CDP Hub records, with its payload: the one place that
 * lists them (DESIGN section 7). A payload names objects by global ID and
 * carries the event's own facts, never a copy of personal data that one of
 * its recipients may not read; letters read what they tell afresh, as their
 * recipient, when they are sent. Payloads are stored as JSON and read back
 * by later versions of the server: add fields, never rename or remove one.
 */
export interface EventPayloads {
  /** transitionCohort to NOMINATIONS_OPEN. */
  CohortOpened: { cohortId: string };
  /** transitionCohort to SELECTION: nominations are closed, reviews and decisions follow. */
  NominationsClosed: { cohortId: string; closedEarly: boolean };
  /** inviteAdministrations: only the administrations this call invited (not those invited before). */
  AdministrationsInvited: { cohortId: string; administrationIds: string[] };
  /** submitNomination. The actor is the user who submitted it (a FOCAL_POINT, or an ADMIN for an administration). */
  NominationSubmitted: { nominationId: string; cohortId: string; administrationId: string };
  /** withdrawNomination. */
  NominationWithdrawn: { nominationId: string; cohortId: string; administrationId: string };
  /** decideNomination: the new status, and the associate a selection created. */
  NominationDecided: { nominationId: string; cohortId: string; administrationId: string; status: string; associateId: string | null };
  /** approveResearch. */
  ResearchApproved: { researchId: string; associateId: string };
  /** issueCertificate. */
  CertificateIssued: { certificateId: string; serial: string; associateId: string };
  /** revokeCertificate. */
  CertificateRevoked: { certificateId: string; serial: string; associateId: string };
  /** changePassword: the user's own password changed. */
  PasswordChanged: { userId: string };
  /**
   * updateUser changed the user's sign-in e-mail. The previous address is the
   * user's own, kept for the security notice sent to it (that notice comes later).
   */
  UserEmailChanged: { userId: string; previousEmail: string };
  /** The webhook channel disabled an endpoint after failures in a row (WEBHOOK_DISABLE_AFTER_FAILURES); the ADMINs are told. */
  WebhookEndpointDisabled: { endpointId: string; failures: number };
}

export type EventType = keyof EventPayloads;

/** The catalogue's names, for validation and documentation; a type check keeps it complete. */
export const EVENT_TYPES = [
  'CohortOpened',
  'NominationsClosed',
  'AdministrationsInvited',
  'NominationSubmitted',
  'NominationWithdrawn',
  'NominationDecided',
  'ResearchApproved',
  'CertificateIssued',
  'CertificateRevoked',
  'PasswordChanged',
  'UserEmailChanged',
  'WebhookEndpointDisabled',
] as const satisfies readonly EventType[];

type Missing = Exclude<EventType, (typeof EVENT_TYPES)[number]>;
/** Fails to compile when an event type of EventPayloads is left out of EVENT_TYPES. */
const complete: Missing extends never ? true : Missing = true;
void complete;

/** A recorded event as the channels read it. */
export interface RecordedEvent<T extends EventType = EventType> {
  /** The outbox_event row's UUID. */
  id: string;
  type: T;
  payload: EventPayloads[T];
  occurredAt: Date;
  /** The user who acted, when one did. */
  actorId: string | null;
  actorLabel: string;
  requestId: string | null;
}
