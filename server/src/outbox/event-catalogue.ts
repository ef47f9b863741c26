/**
 * Every domain event CDP Hub records, with its payload: the one place that
 * lists them (DESIGN section 7). A payload names objects by global ID and
 * carries the event's own facts, never a copy of personal data that one of
 * its recipients may not read; letters read what they tell afresh, as their
 * recipient, when they are sent. Payloads are stored as JSON and read back
 * by later versions of the server: add fields, never rename or remove one.
 */
export interface EventPayloads {
  /** transitionCohort, every step (CohortOpened and NominationsClosed are recorded too, for their letters). */
  CohortTransitioned: { cohortId: string; from: string; to: string };
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
  /**
   * reviewNomination: a reviewer scored a nomination (or changed their score). No score: a reviewer
   * sees another's only once the nomination is decided, through the API.
   */
  NominationReviewed: { nominationId: string; cohortId: string; administrationId: string };
  /** approveResearch. */
  ResearchApproved: { researchId: string; associateId: string };
  /** Any other change of a research project or its milestones; `change` names the mutation (updateResearch, addMilestone, …). */
  ResearchUpdated: { researchId: string; associateId: string; change: string };
  /** issueCertificate. */
  CertificateIssued: { certificateId: string; serial: string; associateId: string };
  /** revokeCertificate. */
  CertificateRevoked: { certificateId: string; serial: string; associateId: string };
  /** changePassword: the user's own password changed. */
  PasswordChanged: { userId: string };
  /**
   * updateUser changed the user's sign-in e-mail. The previous address is the
   * user's own, kept for the security notice sent to it.
   */
  UserEmailChanged: { userId: string; previousEmail: string };
  /**
   * inviteUser, resendInvitation (or createUser without a password): the
   * account waits for its first password. `linkId` names the one-time link;
   * the link's token is derived from it under the pepper when the letter is
   * composed (auth/account-links.ts), so the event holds no usable token.
   */
  UserInvited: { userId: string; linkId: string };
  /**
   * requestPasswordReset. `userId` is null when no active account has the
   * e-mail: the request does the same work either way, and such an event is
   * routed to nobody. `linkId` as for UserInvited.
   */
  PasswordResetRequested: { userId: string | null; linkId: string };
  /** publishOutcomes: the cohort's decided nominations are told to their administrations. */
  OutcomesPublished: { cohortId: string };
  /** returnResearch: a PROPOSED research project goes back to its associate with the Secretariat's comment. */
  ResearchReturned: { researchId: string; associateId: string; comment: string };
  /**
   * The reminder tick: the cohort's nomination deadline (its last day, YYYY-MM-DD)
   * is `daysBefore` (7 or 1) days away. Recorded once per cohort, deadline and
   * reminder (a unique key).
   */
  NominationDeadlineApproaching: { cohortId: string; deadline: string; daysBefore: number };
  /**
   * The reminder tick: an open milestone is due within 7 days (`overdue`
   * false) or its due date has passed (true). Recorded once per milestone,
   * due date and kind (a unique key).
   */
  MilestoneDue: { milestoneId: string; researchId: string; associateId: string; dueDate: string; overdue: boolean };
  /** The webhook channel disabled an endpoint after failures in a row (WEBHOOK_DISABLE_AFTER_FAILURES); the ADMINs are told. */
  WebhookEndpointDisabled: { endpointId: string; failures: number };
}

export type EventType = keyof EventPayloads;

/** The catalogue's names, for validation and documentation; a type check keeps it complete. */
export const EVENT_TYPES = [
  'CohortTransitioned',
  'CohortOpened',
  'NominationsClosed',
  'AdministrationsInvited',
  'NominationSubmitted',
  'NominationWithdrawn',
  'NominationDecided',
  'NominationReviewed',
  'ResearchApproved',
  'ResearchUpdated',
  'CertificateIssued',
  'CertificateRevoked',
  'PasswordChanged',
  'UserEmailChanged',
  'UserInvited',
  'PasswordResetRequested',
  'OutcomesPublished',
  'ResearchReturned',
  'NominationDeadlineApproaching',
  'MilestoneDue',
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
