/**
 * Who may read and do what (DESIGN section 2, issue #7), over real HTTP.
 *
 * The expected outcomes are written out below, independently of the
 * server's policy (server/src/auth/policy/policy.ts): a change to the policy
 * that changes who sees what fails a cell here, and a new field, root field
 * or mutation without a row here fails the schema walk at the end.
 *
 * Outcomes, per caller:
 *   allow            the value is returned (the same as ADMIN reads, where ADMIN reads a value)
 *   null             the object is returned but this field is null
 *   hidden           the object itself is absent (node(id) is null, lists leave it out)
 *   UNAUTHENTICATED  a GraphQL error: sign in first
 *   FORBIDDEN        a GraphQL error: the role may not
 */
import 'reflect-metadata';
import { getNamedType, isLeafType, isNonNullType, isObjectType, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/db/seed/demo-users';
import { buildCdpSchema } from '../../server/src/graphql/schema';
import { toGlobalId } from '../../server/src/graphql/relay/global-id';
import { AlumniActivity } from '../../server/src/modules/alumni/alumni-activity.entity';
import { AlumniProfile } from '../../server/src/modules/alumni/alumni-profile.entity';
import { Administration } from '../../server/src/modules/administration/administration.entity';
import { ProfessionalAssociate } from '../../server/src/modules/associate/associate.entity';
import { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { EventKind } from '../../server/src/modules/event/event-kind';
import { Event } from '../../server/src/modules/event/event.entity';
import { NominationStatus } from '../../server/src/modules/nomination/nomination-status';
import { Nomination } from '../../server/src/modules/nomination/nomination.entity';
import { Review } from '../../server/src/modules/nomination/review.entity';
import { refreshScore } from '../../server/src/modules/nomination/review.service';
import { Milestone } from '../../server/src/modules/research/milestone.entity';
import { ResearchProject } from '../../server/src/modules/research/research-project.entity';
import { researchSearchIndex } from '../../server/src/modules/research/research-search';
import { ResearchStatus } from '../../server/src/modules/research/research-status';
import { ResearchTheme } from '../../server/src/modules/research/research-theme.entity';
import { User } from '../../server/src/modules/user/user.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { OutboxChannel, OutboxMessageStatus } from '../../server/src/outbox/outbox-enums';
import { OutboxEvent } from '../../server/src/outbox/outbox-event.entity';
import { OutboxMessage } from '../../server/src/outbox/outbox-message.entity';
import { insert, insertAssociateWithResearch } from '../support/arrange';
import { insertEndpoint } from '../support/webhooks';
import { yearDates } from '../support/cohort-workflow';
import { describeEachDatabase } from '../support/databases';
import { openLiveSocket, waitUntil } from '../support/live-socket';
import { startTestServer, TEST_NOW, type Caller, type GraphQLResponse, type TestServer } from '../support/server';

// ---------------------------------------------------------------------------
// The table

const WHO = ['anonymous', 'ADMIN', 'REVIEWER', 'FOCAL_POINT', 'ASSOCIATE'] as const;
type Who = (typeof WHO)[number];
type Outcome = 'allow' | 'null' | 'hidden' | 'UNAUTHENTICATED' | 'FORBIDDEN';
/** One outcome per caller, in WHO order: anonymous, ADMIN, REVIEWER, FOCAL_POINT, ASSOCIATE. */
type Row = readonly [Outcome, Outcome, Outcome, Outcome, Outcome];

const A = 'allow';
const N = 'null';
const H = 'hidden';
const U = 'UNAUTHENTICATED';
const F = 'FORBIDDEN';
const EVERYONE: Row = [A, A, A, A, A];
const SIGNED_IN: Row = [U, A, A, A, A];
const ADMIN_ONLY: Row = [U, A, F, F, F];
/** ADMIN, and an associate for its own record (the service refuses another's: see the workflow tests). */
const ADMIN_OR_ASSOCIATE: Row = [U, A, F, F, A];

/**
 * The objects the test arranges (see `arrange`), and who may fetch each one.
 * "Focal" is the demo focal point's administration; "own" is the demo
 * associate's; the demo associate's seeded research is turned back into a draft.
 */
const OBJECTS = {
  // rows: [anonymous, ADMIN, REVIEWER, FOCAL_POINT, ASSOCIATE]
  publishedResearch: { type: 'ResearchProject', rows: EVERYONE },
  ownDraftResearch: { type: 'ResearchProject', rows: [H, A, H, H, A] }, // IN_PROGRESS: its associate sees it
  focalDraftResearch: { type: 'ResearchProject', rows: [H, A, H, H, H] }, // SUBMITTED: not even the focal point of its administration
  publishedMilestone: { type: 'Milestone', rows: EVERYONE },
  ownDraftMilestone: { type: 'Milestone', rows: [H, A, H, H, A] },
  focalDraftMilestone: { type: 'Milestone', rows: [H, A, H, H, H] },
  focalNomination: { type: 'Nomination', rows: [H, A, A, A, H] },
  otherNomination: { type: 'Nomination', rows: [H, A, A, H, H] }, // another administration's, undecided
  decidedNomination: { type: 'Nomination', rows: [H, A, A, H, H] }, // another administration's, NOT_SELECTED
  reviewOfFocalNomination: { type: 'Review', rows: [H, A, A, H, H] }, // the demo reviewer's; focal points never see reviews
  reviewersOwnReview: { type: 'Review', rows: [H, A, A, H, H] }, // the demo reviewer's, on otherNomination
  secondReviewersReview: { type: 'Review', rows: [H, A, H, H, H] }, // blind review: otherNomination is undecided
  secondReviewersDecidedReview: { type: 'Review', rows: [H, A, A, H, H] }, // decidedNomination: no longer blind
  adminUser: { type: 'User', rows: [H, A, H, H, H] },
  reviewerUser: { type: 'User', rows: [H, A, A, H, H] },
  focalPointUser: { type: 'User', rows: [H, A, H, A, H] },
  associateUser: { type: 'User', rows: [H, A, H, H, A] },
  secondReviewerUser: { type: 'User', rows: [H, A, H, H, H] },
  focalAssociate: { type: 'ProfessionalAssociate', rows: EVERYONE },
  ownAssociate: { type: 'ProfessionalAssociate', rows: EVERYONE },
  otherAssociate: { type: 'ProfessionalAssociate', rows: EVERYONE },
  focalAdministration: { type: 'Administration', rows: EVERYONE }, // the demo focal point's
  otherAdministration: { type: 'Administration', rows: EVERYONE }, // otherNomination's
  // Not Nodes: audit entries, outbox messages and webhook endpoints are only ever reached through Query.auditLog,
  // Query.outboxMessages and Query.webhookEndpoints.
  auditEntry: { type: 'AuditEntry', rows: ADMIN_ONLY },
  outboxMessage: { type: 'OutboxMessage', rows: ADMIN_ONLY },
  webhookEndpoint: { type: 'WebhookEndpoint', rows: ADMIN_ONLY },
} satisfies Record<string, { type: string; rows: Row }>;
type Subject = keyof typeof OBJECTS;
const SUBJECTS = Object.keys(OBJECTS) as Subject[];
/** The subjects that are not Nodes, and the root list (first item) each is read from. */
const LISTED: Partial<Record<Subject, string>> = { auditEntry: 'auditLog', outboxMessage: 'outboxMessages', webhookEndpoint: 'webhookEndpoints' };
/** An endpoint that does not exist: ADMIN's update, rotation and deletion of it reach the rule that refuses them. */
const MISSING_ENDPOINT = toGlobalId('WebhookEndpoint', '00000000-0000-4000-8000-000000000000');
const nodeSubjectsOf = (subjects: Subject[]) => subjects.filter((s) => !(s in LISTED));

/** A field that follows its object's visibility (OBJECTS), with no rule of its own. */
const ROW = {} as const;
type FieldRule = Partial<Record<Subject, Row>>;
const followRows = (names: string): Record<string, FieldRule> => Object.fromEntries(names.split(' ').map((name) => [name, ROW]));

const PERSONAL_DATA: FieldRule = {
  focalAssociate: [N, A, N, A, N],
  ownAssociate: [N, A, N, N, A],
  otherAssociate: [N, A, N, N, N],
};

/** An administration's focal-point contact: ADMIN, and the focal point of that administration. */
const ADMINISTRATION_CONTACT: FieldRule = {
  focalAdministration: [N, A, N, A, N],
  otherAdministration: [N, A, N, N, N],
};

const NOMINATION_SCORES: FieldRule = {
  focalNomination: [H, A, N, N, H],
  otherNomination: [H, A, N, H, H],
  decidedNomination: [H, A, A, H, H],
};

/**
 * Every field of the types that not everyone may read. A field maps to the
 * arranged objects whose outcome differs from the object's own row.
 */
const GUARDED_FIELDS: Record<string, Record<string, FieldRule>> = {
  ResearchProject: followRows('abstract associate id milestones presentedAt publishedAt reportUrl status themes title'),
  Milestone: followRows('completedAt dueDate id isOverdue research title'),
  Nomination: {
    ...followRows(
      'administration associate candidateEmail candidateFullName candidateLanguages candidatePosition candidateYearsOfService cohort decidedAt id motivation status submittedAt',
    ),
    // A focal point sees its administration's nomination, but not how reviewers scored it.
    reviews: { focalNomination: [H, A, A, N, H] },
    // Blind review: a reviewer learns the mean and count only once the nomination is decided; a focal point never.
    meanScore: NOMINATION_SCORES,
    reviewCount: NOMINATION_SCORES,
  },
  Review: {
    ...followRows('comment id nomination score'),
    // Once the nomination is decided a reviewer reads the others' scores, but not who gave them.
    reviewer: { secondReviewersDecidedReview: [H, A, N, H, H] },
  },
  User: {
    ...followRows('administration associate displayName email id invitationPending isActive lastLoginAt preferredLanguage reviews role'),
    // A queue is a reviewer's (and ADMIN's): a focal point or an associate on its own user gets null.
    reviewQueue: { focalPointUser: [H, A, H, N, H], associateUser: [H, A, H, H, N] },
    // The secretariat's inbox is ADMIN's, under whichever user it is asked.
    actionCounts: { reviewerUser: [H, A, N, H, H], focalPointUser: [H, A, H, N, H], associateUser: [H, A, H, H, N] },
  },
  AuditEntry: followRows('actor actorLabel after before entityId entityType id occurredAt operation requestId'),
  OutboxMessage: followRows('attempts channel createdAt endpoint eventType id idempotencyKey lastError nextAttemptAt occurredAt recipient sentAt status updatedAt'),
  WebhookEndpoint: followRows(
    'consecutiveFailures createdAt deliveries description disabledAt disabledReason eventTypes id isEnabled lastSuccessAt previousSecretExpiresAt secretCreatedAt updatedAt url',
  ),
  ProfessionalAssociate: {
    email: PERSONAL_DATA,
    phone: PERSONAL_DATA,
    // Public field, but it returns the research only to whoever may see it.
    research: { focalAssociate: [N, A, N, N, N], ownAssociate: [N, A, N, N, A], otherAssociate: EVERYONE },
    // The nomination that created the placement, to whoever may see that nomination (ownAssociate has none).
    nomination: { focalAssociate: [N, A, A, A, N], otherAssociate: [N, A, A, N, N] },
  },
  Administration: {
    // A page for everyone; which nominations it holds is the Nomination row rule (the list tests check it).
    nominations: ROW,
    // Other users' accounts are ADMIN's.
    focalPoints: { focalAdministration: [N, A, N, N, N], otherAdministration: [N, A, N, N, N] },
    focalPointName: ADMINISTRATION_CONTACT,
    focalPointEmail: ADMINISTRATION_CONTACT,
    focalPointPhone: ADMINISTRATION_CONTACT,
  },
};

/** Lists the server filters per viewer: "allow" means a list; which items it holds is checked by the list tests. */
const FILTERED_LISTS = new Set(['Nomination.reviews']);


/** Fields anyone may read of any object they are given: public types entirely, and the public fields of ProfessionalAssociate. */
const PUBLIC_FIELDS: Record<string, string> = {
  Region: 'administrations code id name',
  Administration: 'associates id invitations isEligible iso2 name region',
  Programme: 'code cohorts description eligibility formerName id launchedYear name organiser partner placementMonths',
  Cohort:
    'associates capacity endDate events id invitationDate invitations label nominationDeadline note notificationDate outcomesPublishedAt programme seatsLeft seatsTaken selectionDate startDate startDatePrecision status',
  Invitation: 'administration cohort id isOpen nominationDeadline sentAt',
  // Reached only through User.actionCounts, whose rule is ADMIN's (GUARDED_FIELDS.User).
  AdminActionCounts: 'deadOutboxMessages nominationsToDecide placementsToAssign researchToApprove',
  Event:
    'audience cancellationReason cancelledAt cohort datePrecision id isCancelled isVirtual kind location officiantName officiantTitle programme startsAt title',
  ProfessionalAssociate:
    'administration alumniProfile certificates cohort directorate endDate fullName id isSampleData languages region startDate status supervisorName',
  Certificate: 'associate ceremony credential id isValid issuedAt pdfUrl revocationReason revokedAt serial signatoryName signatoryTitle signature verificationUrl',
  CertificateVerification: 'certificate isValid reason',
  AlumniProfile: 'activities associate currentPosition id isLiaisonPoint',
  AlumniActivity: 'alumniProfile date description id kind title',
  AlumniNetwork: 'edges nodes',
  AlumniNetworkNode: 'administrationIso2 cohortLabel id isLiaisonPoint label region',
  AlumniNetworkEdge: 'kind source target',
  ProgrammeStatistics:
    'administrationsRepresented byAdministration byCohort byRegion completedCohorts neverRepresented programme regionsRepresented topThemes totalAssociates totalCohorts',
  RegionCount: 'administrationCount associateCount region',
  CohortCount: 'associateCount cohort',
  AdministrationCount: 'administration associateCount',
  ThemeCount: 'researchCount theme',
  PageInfo: 'endCursor hasNextPage hasPreviousPage startCursor',
  UserError: 'code field message',
  // Payloads carry what their mutation was allowed to return: the caller's own session or, for ADMIN, the user.
  LoginPayload: 'expiresAt retryAfterSeconds token user userErrors',
  LogoutPayload: 'endedAt userErrors',
  ChangePasswordPayload: 'endedSessionCount user userErrors',
  CreateUserPayload: 'user userErrors',
  UpdateUserPayload: 'user userErrors',
  DeactivateUserPayload: 'user userErrors',
  CreateCohortPayload: 'cohort userErrors',
  UpdateCohortPayload: 'cohort userErrors',
  UpdateAdministrationPayload: 'administration userErrors',
  TransitionCohortPayload: 'cohort userErrors',
  PublishOutcomesPayload: 'cohort userErrors',
  InviteAdministrationsPayload: 'alreadyInvited cohort ineligible invited userErrors',
  ScheduleEventPayload: 'event userErrors',
  RescheduleEventPayload: 'event userErrors',
  CancelEventPayload: 'event userErrors',
  AssignPlacementPayload: 'associate userErrors',
  CompletePlacementPayload: 'alumniProfile associate userErrors',
  ProposeResearchPayload: 'research userErrors',
  UpdateResearchPayload: 'research userErrors',
  ApproveResearchPayload: 'research userErrors',
  ReturnResearchPayload: 'research userErrors',
  AddMilestonePayload: 'milestone research userErrors',
  CompleteMilestonePayload: 'milestone userErrors',
  SubmitResearchPayload: 'research userErrors',
  RecordPresentationPayload: 'research userErrors',
  PublishResearchPayload: 'research userErrors',
  UpdateAlumniProfilePayload: 'alumniProfile userErrors',
  RecordAlumniActivityPayload: 'activity userErrors',
  SubmitNominationPayload: 'nomination userErrors',
  WithdrawNominationPayload: 'nomination userErrors',
  ReviewNominationPayload: 'nomination review userErrors',
  DecideNominationPayload: 'associate nomination userErrors',
  IssueCertificatePayload: 'certificate userErrors',
  RevokeCertificatePayload: 'certificate userErrors',
  ResendOutboxMessagePayload: 'message userErrors',
  // What subscriptions send: each event was admitted for its subscriber (subscriptions.test.ts); the objects keep their rules.
  NominationChange: 'eventType nomination occurredAt',
  CohortChange: 'cohort eventType occurredAt',
  ReviewQueueChange: 'cohort eventType nomination occurredAt',
  ResearchChange: 'change eventType occurredAt research',
  CertificateIssuance: 'certificate occurredAt',
  Notification: 'action eventType facts occurredAt paragraphs subject',
  NotificationFact: 'label value',
  NotificationAction: 'label url',
  InviteUserPayload: 'invitationExpiresAt user userErrors',
  ResendInvitationPayload: 'invitationExpiresAt user userErrors',
  AcceptInvitationPayload: 'expiresAt token user userErrors',
  RequestPasswordResetPayload: 'requestedAt retryAfterSeconds userErrors',
  ResetPasswordPayload: 'endedSessionCount userErrors',
  CreateWebhookEndpointPayload: 'endpoint secret userErrors',
  UpdateWebhookEndpointPayload: 'endpoint userErrors',
  RotateWebhookSecretPayload: 'endpoint secret userErrors',
  DeleteWebhookEndpointPayload: 'deletedEndpointId userErrors',
  ResendWebhookDeliveryPayload: 'delivery userErrors',
};

/** Connections and their edges only carry what their producer was allowed to list (checked by the list tests). */
function structureFields(schema: GraphQLSchema, type: string): string {
  if (type.endsWith('Connection')) return 'edges nodes pageInfo totalCount';
  // "XEdge" is an edge when "XConnection" exists (AlumniNetworkEdge is not one).
  if (type.endsWith('Edge') && schema.getType(type.replace(/Edge$/, 'Connection'))) return 'cursor node';
  return '';
}

/** Root fields: who may ask them (the objects they return are scoped as above). */
const QUERY: Record<string, Row> = {
  node: EVERYONE,
  nodes: EVERYONE,
  viewer: EVERYONE,
  programme: EVERYONE,
  programmes: EVERYONE,
  regions: EVERYONE,
  administrations: EVERYONE,
  administration: EVERYONE,
  cohorts: EVERYONE,
  cohort: EVERYONE,
  associates: EVERYONE,
  researchProjects: EVERYONE,
  searchResearch: EVERYONE,
  events: EVERYONE,
  alumni: EVERYONE,
  alumniNetwork: EVERYONE,
  programmeStatistics: EVERYONE,
  verifyCertificate: EVERYONE,
  invitations: EVERYONE,
  nominations: SIGNED_IN, // an associate gets an empty list
  users: ADMIN_ONLY,
  auditLog: ADMIN_ONLY,
  outboxMessages: ADMIN_ONLY,
  webhookEndpoints: ADMIN_ONLY,
};

const MUTATION: Record<string, Row> = {
  login: EVERYONE,
  logout: SIGNED_IN,
  changePassword: SIGNED_IN,
  createUser: ADMIN_ONLY,
  updateUser: ADMIN_ONLY,
  deactivateUser: ADMIN_ONLY,
  createCohort: ADMIN_ONLY,
  updateCohort: ADMIN_ONLY,
  updateAdministration: ADMIN_ONLY,
  inviteAdministrations: ADMIN_ONLY,
  transitionCohort: ADMIN_ONLY,
  publishOutcomes: ADMIN_ONLY,
  scheduleEvent: ADMIN_ONLY,
  rescheduleEvent: ADMIN_ONLY,
  cancelEvent: ADMIN_ONLY,
  assignPlacement: ADMIN_ONLY,
  completePlacement: ADMIN_ONLY,
  proposeResearch: ADMIN_OR_ASSOCIATE,
  updateResearch: ADMIN_OR_ASSOCIATE,
  approveResearch: ADMIN_ONLY,
  returnResearch: ADMIN_ONLY,
  addMilestone: ADMIN_OR_ASSOCIATE,
  completeMilestone: ADMIN_OR_ASSOCIATE,
  submitResearch: ADMIN_OR_ASSOCIATE,
  recordPresentation: ADMIN_ONLY,
  publishResearch: ADMIN_ONLY,
  updateAlumniProfile: ADMIN_OR_ASSOCIATE,
  recordAlumniActivity: ADMIN_OR_ASSOCIATE,
  // A FOCAL_POINT for its own administration only: the service answers FORBIDDEN otherwise (workflow-nominations.test.ts).
  submitNomination: [U, A, F, A, F],
  withdrawNomination: [U, A, F, A, F],
  reviewNomination: [U, A, A, F, F],
  decideNomination: ADMIN_ONLY,
  issueCertificate: ADMIN_ONLY,
  revokeCertificate: ADMIN_ONLY,
  resendOutboxMessage: ADMIN_ONLY,
  inviteUser: ADMIN_ONLY,
  resendInvitation: ADMIN_ONLY,
  // The link's token is the credential (or, for a reset request, nothing but the e-mail): anyone may call these.
  acceptInvitation: EVERYONE,
  requestPasswordReset: EVERYONE,
  resetPassword: EVERYONE,
  createWebhookEndpoint: ADMIN_ONLY,
  updateWebhookEndpoint: ADMIN_ONLY,
  rotateWebhookSecret: ADMIN_ONLY,
  deleteWebhookEndpoint: ADMIN_ONLY,
  resendWebhookDelivery: ADMIN_ONLY,
};

/**
 * Subscriptions: who may subscribe (over WebSocket; an anonymous socket is refused at connection_init).
 * Which events each subscriber is then sent is checked by subscriptions.test.ts.
 */
const SUBSCRIPTION: Record<string, Row> = {
  nominationChanged: [U, A, A, A, F],
  cohortChanged: SIGNED_IN,
  reviewQueueChanged: [U, A, A, F, F],
  researchChanged: SIGNED_IN,
  certificateIssued: [U, A, F, A, A],
  viewerNotifications: SIGNED_IN,
};

const fieldNames = (list: string) => list.split(' ');
const subjectsOf = (type: string) => SUBJECTS.filter((s) => OBJECTS[s].type === type);

/** The outcome the table expects for one field of one arranged object, for one caller. */
function expected(type: string, field: string, subject: Subject, who: Who): Outcome {
  const rows = GUARDED_FIELDS[type][field][subject] ?? OBJECTS[subject].rows;
  return rows[WHO.indexOf(who)];
}

/** Every cell of the matrix: object fields × arranged objects × callers, root fields × callers, mutations × callers. */
function countCells(): { fields: number; roots: number; mutations: number; total: number } {
  const fields =
    Object.entries(GUARDED_FIELDS).reduce((sum, [type, fields]) => sum + Object.keys(fields).length * subjectsOf(type).length, 0) *
    WHO.length;
  const roots = Object.keys(QUERY).length * WHO.length;
  const mutations = Object.keys(MUTATION).length * WHO.length;
  return { fields, roots, mutations, total: fields + roots + mutations };
}

// ---------------------------------------------------------------------------
// Helpers

const ROLE: Record<Exclude<Who, 'anonymous'>, UserRole> = {
  ADMIN: UserRole.ADMIN,
  REVIEWER: UserRole.REVIEWER,
  FOCAL_POINT: UserRole.FOCAL_POINT,
  ASSOCIATE: UserRole.ASSOCIATE,
};

/** Words and a theme that occur nowhere in the seed, so search and statistics can be asked about the drafts alone. */
const OWN_WORD = 'Quillwortian';
const FOCAL_WORD = 'Zanthoxylic';
const DRAFT_THEME = 'unpublished-draft-theme';
/** Enough drafts carry the theme for it to rank in the top ten (the tenth seeded theme occurs 5 times) for whoever may count them. */
const WEIGHT_DRAFTS = 4;
const SECOND_REVIEWER = { email: 'second.reviewer@cdp-hub.example', password: 'second-reviewer-passphrase-2026' };

/** Equality of JSON values (responses come from another realm than the test's, so no prototype checks). */
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const errorCodeAt = (result: GraphQLResponse, path: Array<string | number>): string | undefined =>
  result.errors?.find((e) => sameJson(e.path, path))?.extensions?.code;

/** The outcome of a root field or mutation: its refusal code, or allow when it answered. */
function rootOutcome(result: GraphQLResponse, field: string): string {
  const code = errorCodeAt(result, [field]);
  if (code) return code;
  if (result.errors?.length) return `unexpected errors: ${JSON.stringify(result.errors)}`;
  return result.data && field in result.data ? A : 'no data';
}

/** "field { id }" for objects, "field" for leaves: enough to tell a value from null. */
function selection(schema: GraphQLSchema, type: string, field: string): string {
  const named = getNamedType((schema.getType(type) as GraphQLObjectType).getFields()[field].type);
  if (isLeafType(named)) return field;
  return isObjectType(named) && 'id' in named.getFields() ? `${field} { id }` : `${field} { __typename }`;
}

/** Each field under a per-type alias, as inline fragments of one type may not merge fields of another's shape. */
const alias = (type: string, field: string) => `${type}__${field}`;
const fieldsOf = (schema: GraphQLSchema, type: string) =>
  Object.keys(GUARDED_FIELDS[type])
    .map((field) => `${alias(type, field)}: ${selection(schema, type, field)}`)
    .join(' ');

interface Fixtures {
  /** Global ID of each arranged object (the audit entry and the outbox message are found through their lists). */
  ids: Record<Subject, string>;
  /** The arranged outbox message (PENDING after a failed attempt), for resendOutboxMessage. */
  outboxMessageId: string;
  /** Global IDs of the drafts that only carry the theme (ADMIN sees them). */
  weightDraftIds: string[];
  ownCohortId: string;
  ownCohortLabel: string;
  /** The demonstration cohort (NOMINATIONS_OPEN), the focal point's administration, and its nominated candidate's e-mail. */
  demoCohortId: string;
  focalAdministrationId: string;
  focalCandidateEmail: string;
  /** review subject -> nomination subject */
  reviewOf: Record<string, Subject>;
  userCount: () => Promise<number>;
  publishedResearchCount: () => Promise<number>;
  /** A reporting session of the demo associate's cohort, for recordPresentation. */
  reportingSessionId: string;
  ownDraftMilestoneCount: () => Promise<number>;
  ownActivityCount: () => Promise<number>;
}

/**
 * Turns the seed into a database with something hidden from every caller:
 * drafts, a milestone on each research, another administration's and a
 * decided nomination, a second reviewer's reviews, and personal data.
 */
async function arrange(server: TestServer): Promise<Fixtures> {
  const ds = server.database.dataSource;
  const gid = (type: string, uuid: string) => toGlobalId(type, uuid);
  const demo = async (email: string) => ds.getRepository(User).findOneByOrFail({ email });
  const [adminUser, reviewerUser, focalPointUser, associateUser] = await Promise.all(
    [DEMO_USERS.ADMIN, DEMO_USERS.REVIEWER, DEMO_USERS.FOCAL_POINT, DEMO_USERS.ASSOCIATE].map((u) => demo(u.email)),
  );
  const focalAdministrationId = focalPointUser.administrationId!;

  // The second reviewer is created as the secretariat would, through the API.
  const admin = await server.as(UserRole.ADMIN);
  const created = await admin.data(
    `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { code message } } }`,
    { input: { email: SECOND_REVIEWER.email, password: SECOND_REVIEWER.password, displayName: 'Second Reviewer', role: 'REVIEWER' } },
  );
  expect(created.createUser.userErrors).toEqual([]);
  const secondReviewer = await demo(SECOND_REVIEWER.email);

  // The demo associate's research goes back to IN_PROGRESS, with a word and a theme of its own.
  const associates = ds.getRepository(ProfessionalAssociate);
  const ownAssociate = await associates.findOneByOrFail({ uuid: associateUser.associateId! });
  await associates.update(ownAssociate.uuid, { email: 'own.associate@example.org', phone: '+32 2 209 9201' });
  const ownCohort = await ds.getRepository(Cohort).findOneByOrFail({ uuid: ownAssociate.cohortId });
  const projects = ds.getRepository(ResearchProject);
  const ownDraft = await projects.findOneByOrFail({ associateId: ownAssociate.uuid });
  await projects.update(ownDraft.uuid, {
    status: ResearchStatus.IN_PROGRESS,
    title: `${OWN_WORD} border procedures: a draft`,
    publishedAt: null,
    presentedAtId: null,
    reportUrl: null,
  });
  await insert(ds, ResearchTheme, { researchProjectId: ownDraft.uuid, theme: DRAFT_THEME, position: 99 });

  // A SUBMITTED draft of an associate of the focal point's administration, in the same cohort.
  const focal = await insertAssociateWithResearch(ds, {
    cohortId: ownCohort.uuid,
    administrationId: focalAdministrationId,
    fullName: 'Focal Draftholder',
    title: `${FOCAL_WORD} transit guarantees: a draft`,
    abstract: 'A submitted report that is not yet published.',
    status: ResearchStatus.SUBMITTED,
  });
  await associates.update(focal.associate.uuid, { email: 'focal.associate@example.org', phone: '+32 2 209 9202' });
  await insert(ds, ResearchTheme, { researchProjectId: focal.research.uuid, theme: DRAFT_THEME, position: 0 });

  const weightDraftIds: string[] = [];
  const reindexed = [ownDraft.uuid, focal.research.uuid];
  for (let i = 0; i < WEIGHT_DRAFTS; i++) {
    const weight = await insertAssociateWithResearch(ds, {
      cohortId: ownCohort.uuid,
      administrationId: focalAdministrationId,
      fullName: `Draft Weight ${i}`,
      title: `Proposed study ${i}`,
      abstract: 'A proposal awaiting approval.',
      status: ResearchStatus.PROPOSED,
    });
    await insert(ds, ResearchTheme, { researchProjectId: weight.research.uuid, theme: DRAFT_THEME, position: 0 });
    weightDraftIds.push(gid('ResearchProject', weight.research.uuid));
    reindexed.push(weight.research.uuid);
  }
  // As the service does after a change, so search sees the new titles and themes.
  await researchSearchIndex.reindex(ds.manager, reindexed);

  // Another associate of the same cohort keeps its published research, and gets personal data.
  const otherAssociate = await associates
    .createQueryBuilder('pa')
    .where('pa.cohortId = :cohortId AND pa.uuid <> :own AND pa.administrationId <> :focal', {
      cohortId: ownCohort.uuid,
      own: ownAssociate.uuid,
      focal: focalAdministrationId,
    })
    .orderBy('pa.fullName')
    .getOneOrFail();
  await associates.update(otherAssociate.uuid, { email: 'other.associate@example.org', phone: '+32 2 209 9203' });
  const published = await projects.findOneByOrFail({ associateId: otherAssociate.uuid });
  expect(published.status).toBe(ResearchStatus.PUBLISHED);

  const milestone = (research: ResearchProject | { uuid: string }, title: string) =>
    insert(ds, Milestone, { researchProjectId: research.uuid, title, dueDate: '2026-06-30', completedAt: new Date(TEST_NOW) });
  const publishedMilestone = await milestone(published, 'Report published');
  const ownDraftMilestone = await milestone(ownDraft, 'Draft chapter one');
  const focalDraftMilestone = await milestone(focal.research, 'Report submitted');

  // The demonstration cohort's nominations: the focal point's own, an undecided and a decided one of others.
  const nominations = await ds.getRepository(Nomination).find({ order: { candidateEmail: 'ASC' } });
  const focalNomination = nominations.find((n) => n.administrationId === focalAdministrationId)!;
  const [otherNomination, decidedNomination] = nominations.filter((n) => n.administrationId !== focalAdministrationId);
  await ds
    .getRepository(Nomination)
    .update(decidedNomination.uuid, { status: NominationStatus.NOT_SELECTED, decidedAt: new Date(TEST_NOW) });

  const review = (nomination: Nomination, reviewer: User, score: number) =>
    insert(ds, Review, { nominationId: nomination.uuid, reviewerId: reviewer.uuid, score, comment: `Scored ${score}.` });
  const reviewOfFocalNomination = await review(focalNomination, reviewerUser, 5);
  const reviewersOwnReview = await review(otherNomination, reviewerUser, 4);
  const secondReviewersReview = await review(otherNomination, secondReviewer, 2);
  const secondReviewersDecidedReview = await review(decidedNomination, secondReviewer, 3);
  // The reviews were written directly, so the stored mean and count are brought up to date as reviewNomination does.
  for (const nomination of [focalNomination, otherNomination, decidedNomination]) await refreshScore(ds.manager, nomination);

  // The focal point's contact on both administrations, and the placements the focal and other nominations made.
  const otherAdministrationId = otherNomination.administrationId;
  for (const [uuid, name] of [[focalAdministrationId, 'Focal Contact'], [otherAdministrationId, 'Other Contact']]) {
    await ds.getRepository(Administration).update(uuid, { focalPointName: name, focalPointEmail: `${name.toLowerCase().replace(' ', '.')}@example.org`, focalPointPhone: '+32 2 209 9200' });
  }
  await associates.update(focal.associate.uuid, { nominationId: focalNomination.uuid });
  await associates.update(otherAssociate.uuid, { nominationId: otherNomination.uuid });

  // A message of the outbox, waiting for its second attempt (this server runs no outbox worker).
  const event = await insert(ds, OutboxEvent, {
    type: 'PasswordChanged',
    payload: { userId: gid('User', reviewerUser.uuid) },
    occurredAt: new Date(TEST_NOW),
    requestId: 'matrix',
    actorId: reviewerUser.uuid,
    actorLabel: 'user:REVIEWER',
    dedupeKey: null,
  });
  const outboxMessage = await insert(ds, OutboxMessage, {
    eventId: event.uuid,
    eventType: 'PasswordChanged',
    channel: OutboxChannel.EMAIL,
    recipientId: reviewerUser.uuid,
    idempotencyKey: `email:${event.uuid}:${reviewerUser.uuid}`,
    status: OutboxMessageStatus.PENDING,
    attempts: 1,
    nextAttemptAt: new Date(TEST_NOW),
    leaseOwner: null,
    lastError: 'SMTP 451 Try again later',
    sentAt: null,
    createdAt: new Date(TEST_NOW),
    updatedAt: new Date(TEST_NOW),
  });
  // A webhook endpoint (its sealed secret is never read: this server runs no outbox worker).
  await insertEndpoint(ds, new Date(TEST_NOW));

  return {
    ids: {
      publishedResearch: gid('ResearchProject', published.uuid),
      ownDraftResearch: gid('ResearchProject', ownDraft.uuid),
      focalDraftResearch: gid('ResearchProject', focal.research.uuid),
      publishedMilestone: gid('Milestone', publishedMilestone.uuid),
      ownDraftMilestone: gid('Milestone', ownDraftMilestone.uuid),
      focalDraftMilestone: gid('Milestone', focalDraftMilestone.uuid),
      focalNomination: gid('Nomination', focalNomination.uuid),
      otherNomination: gid('Nomination', otherNomination.uuid),
      decidedNomination: gid('Nomination', decidedNomination.uuid),
      reviewOfFocalNomination: gid('Review', reviewOfFocalNomination.uuid),
      reviewersOwnReview: gid('Review', reviewersOwnReview.uuid),
      secondReviewersReview: gid('Review', secondReviewersReview.uuid),
      secondReviewersDecidedReview: gid('Review', secondReviewersDecidedReview.uuid),
      adminUser: gid('User', adminUser.uuid),
      reviewerUser: gid('User', reviewerUser.uuid),
      focalPointUser: gid('User', focalPointUser.uuid),
      associateUser: gid('User', associateUser.uuid),
      secondReviewerUser: gid('User', secondReviewer.uuid),
      focalAssociate: gid('ProfessionalAssociate', focal.associate.uuid),
      ownAssociate: gid('ProfessionalAssociate', ownAssociate.uuid),
      otherAssociate: gid('ProfessionalAssociate', otherAssociate.uuid),
      focalAdministration: gid('Administration', focalAdministrationId),
      otherAdministration: gid('Administration', otherAdministrationId),
      auditEntry: '',
      outboxMessage: '',
      webhookEndpoint: '',
    },
    outboxMessageId: toGlobalId('OutboxMessage', outboxMessage.uuid),
    weightDraftIds,
    ownCohortId: gid('Cohort', ownCohort.uuid),
    ownCohortLabel: ownCohort.label,
    demoCohortId: gid('Cohort', focalNomination.cohortId),
    focalAdministrationId: gid('Administration', focalAdministrationId),
    focalCandidateEmail: focalNomination.candidateEmail,
    reviewOf: {
      reviewOfFocalNomination: 'focalNomination',
      reviewersOwnReview: 'otherNomination',
      secondReviewersReview: 'otherNomination',
      secondReviewersDecidedReview: 'decidedNomination',
    },
    userCount: () => ds.getRepository(User).count(),
    publishedResearchCount: () => projects.countBy({ status: ResearchStatus.PUBLISHED }),
    reportingSessionId: gid(
      'Event',
      (await ds.getRepository(Event).findOneByOrFail({ cohortId: ownCohort.uuid, kind: EventKind.REPORTING_SESSION })).uuid,
    ),
    ownDraftMilestoneCount: () => ds.getRepository(Milestone).countBy({ researchProjectId: ownDraft.uuid }),
    ownActivityCount: async () => {
      const profile = await ds.getRepository(AlumniProfile).findOneByOrFail({ associateId: ownAssociate.uuid });
      return ds.getRepository(AlumniActivity).countBy({ alumniProfileId: profile.uuid });
    },
  };
}

const sortIds = (nodes: Array<{ id: string }>) => nodes.map((n) => n.id).sort();

// ---------------------------------------------------------------------------

describeEachDatabase('authorization matrix', (kind) => {
  let server: TestServer;
  let schema: GraphQLSchema;
  let fx: Fixtures;
  const callers = {} as Record<Who, Caller>;
  const visible = (subject: Subject, who: Who) => OBJECTS[subject].rows[WHO.indexOf(who)] === A;
  /** Global IDs of the drafts the caller may see; the weight drafts are other associates' drafts like focalDraftResearch. */
  const visibleDrafts = (who: Who): string[] => [
    ...(visible('ownDraftResearch', who) ? [fx.ids.ownDraftResearch] : []),
    ...(visible('focalDraftResearch', who) ? [fx.ids.focalDraftResearch, ...fx.weightDraftIds] : []),
  ];

  beforeAll(async () => {
    schema = await buildCdpSchema();
    // The probes select every field of every type under per-type aliases: far more than any client's query, so the
    // alias and token limits (tested in hostile-requests.test.ts) are raised for this server only.
    server = await startTestServer(kind, { limits: { maxAliases: 1_000, maxTokens: 20_000 } });
    fx = await arrange(server);
    callers.anonymous = server;
    for (const who of WHO) if (who !== 'anonymous') callers[who] = await server.as(ROLE[who]);
  });
  afterAll(async () => server?.close());

  it('gives each caller exactly the fields the table allows, of every arranged object', async () => {
    const nodeSubjects: Subject[] = nodeSubjectsOf(SUBJECTS);
    const nodeTypes = [...new Set(nodeSubjects.map((s) => OBJECTS[s].type))];
    const NODES = `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename ${nodeTypes
      .map((type) => `... on ${type} { ${fieldsOf(schema, type)} }`)
      .join(' ')} } }`;
    const listQuery = (subject: Subject) => `{ ${LISTED[subject]}(first: 1) { nodes { ${fieldsOf(schema, OBJECTS[subject].type)} } } }`;

    /** What each caller got: the object per subject (null when absent), and the errors (of nodes, and of each list). */
    const read: Record<string, { objects: Record<string, any>; nodes: GraphQLResponse; lists: Partial<Record<Subject, GraphQLResponse>> }> = {};
    for (const who of WHO) {
      const nodes = await callers[who].graphql(NODES, { ids: nodeSubjects.map((s) => fx.ids[s]) });
      expect(nodes.data?.nodes).toHaveLength(nodeSubjects.length);
      const objects: Record<string, any> = {};
      nodeSubjects.forEach((s, i) => (objects[s] = nodes.data!.nodes[i]));
      const lists: Partial<Record<Subject, GraphQLResponse>> = {};
      for (const subject of Object.keys(LISTED) as Subject[]) {
        lists[subject] = await callers[who].graphql(listQuery(subject));
        objects[subject] = lists[subject]!.data?.[LISTED[subject]!].nodes[0] ?? null;
      }
      read[who] = { objects, nodes, lists };
    }
    for (const subject of Object.keys(LISTED) as Subject[]) {
      expect(read.ADMIN.lists[subject]!.errors).toBeUndefined();
      // Each list subject is arranged: ADMIN reads one, so the cells below compare against a real object.
      expect(read.ADMIN.objects[subject]).not.toBeNull();
    }

    const mismatches: string[] = [];
    for (const [type, fields] of Object.entries(GUARDED_FIELDS)) {
      for (const subject of subjectsOf(type)) {
        const index = nodeSubjects.indexOf(subject);
        for (const field of Object.keys(fields)) {
          const key = alias(type, field);
          const reference = read.ADMIN.objects[subject]?.[key];
          const rows = WHO.map((who) => expected(type, field, subject, who));
          // A "null" cell can only fail if ADMIN reads a value there.
          if (rows.includes(N) && (reference === null || reference === undefined)) {
            mismatches.push(`${type}.${field} of ${subject}: ADMIN reads null, so the fixture cannot tell null from allow`);
          }
          for (const who of WHO) {
            const got = read[who];
            let actual: string;
            const list = LISTED[subject];
            if (list && errorCodeAt(got.lists[subject]!, [list])) actual = errorCodeAt(got.lists[subject]!, [list])!;
            else if (got.objects[subject] === null || got.objects[subject] === undefined) actual = H;
            else {
              const path = list ? [list, 'nodes', 0, key] : ['nodes', index, key];
              const value = got.objects[subject][key];
              const error = errorCodeAt(list ? got.lists[subject]! : got.nodes, path);
              if (error) actual = `error ${error}`;
              else if (value === null && reference !== null) actual = N;
              else if (FILTERED_LISTS.has(`${type}.${field}`)) actual = Array.isArray(value) || value === reference ? A : 'not a list';
              else actual = sameJson(value, reference) ? A : `a value other than ADMIN's: ${JSON.stringify(value)}`;
            }
            const want = expected(type, field, subject, who);
            if (actual !== want) mismatches.push(`${type}.${field} of ${subject} for ${who}: expected ${want}, got ${actual}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('answers or refuses every root field as the table says', async () => {
    const calls: Record<string, [string, Record<string, unknown>?]> = {
      node: ['query ($id: ID!) { node(id: $id) { id } }', { id: fx.ids.publishedResearch }],
      nodes: ['query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids: [fx.ids.publishedResearch] }],
      viewer: ['{ viewer { id } }'],
      programme: ['{ programme(code: "WCO-JAPAN-CDP") { id } }'],
      programmes: ['{ programmes(first: 1) { totalCount } }'],
      regions: ['{ regions(first: 1) { totalCount } }'],
      administrations: ['{ administrations(first: 1) { totalCount } }'],
      administration: ['{ administration(iso2: "JP") { id } }'],
      cohorts: ['{ cohorts(first: 1) { totalCount } }'],
      cohort: ['query ($label: String!) { cohort(label: $label) { id } }', { label: fx.ownCohortLabel }],
      associates: ['{ associates(first: 1) { totalCount } }'],
      researchProjects: ['{ researchProjects(first: 1) { totalCount } }'],
      searchResearch: ['{ searchResearch(query: "customs", first: 1) { totalCount } }'],
      events: ['{ events(first: 1) { totalCount } }'],
      alumni: ['{ alumni(first: 1) { totalCount } }'],
      alumniNetwork: ['query ($c: ID!) { alumniNetwork(filter: { cohortId: $c }) { nodes { id } } }', { c: fx.ownCohortId }],
      programmeStatistics: ['{ programmeStatistics { totalAssociates } }'],
      verifyCertificate: ['{ verifyCertificate(serial: "CDP-1999-999") { reason } }'],
      invitations: ['{ invitations(first: 1, filter: { open: true }) { totalCount } }'],
      nominations: ['{ nominations(first: 1) { totalCount } }'],
      users: ['{ users(first: 1) { totalCount } }'],
      auditLog: ['{ auditLog(first: 1) { totalCount } }'],
      outboxMessages: ['{ outboxMessages(first: 1) { totalCount } }'],
      webhookEndpoints: ['{ webhookEndpoints(first: 1) { totalCount } }'],
    };
    expect(Object.keys(calls).sort()).toEqual(Object.keys(QUERY).sort());
    const mismatches: string[] = [];
    for (const [field, rows] of Object.entries(QUERY)) {
      for (const who of WHO) {
        const [query, variables] = calls[field];
        const actual = rootOutcome(await callers[who].graphql(query, variables), field);
        const want = rows[WHO.indexOf(who)];
        if (actual !== want) mismatches.push(`Query.${field} for ${who}: expected ${want}, got ${actual}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('accepts or refuses every subscription as the table says, over WebSocket', async () => {
    const calls: Record<string, [string, Record<string, unknown>?]> = {
      nominationChanged: ['subscription ($c: ID!) { nominationChanged(cohortId: $c) { eventType } }', { c: fx.ownCohortId }],
      cohortChanged: ['subscription ($c: ID!) { cohortChanged(id: $c) { eventType } }', { c: fx.ownCohortId }],
      reviewQueueChanged: ['subscription { reviewQueueChanged { eventType } }'],
      researchChanged: ['subscription ($r: ID!) { researchChanged(id: $r) { eventType } }', { r: fx.ids.publishedResearch }],
      certificateIssued: ['subscription { certificateIssued { occurredAt } }'],
      viewerNotifications: ['subscription { viewerNotifications { subject } }'],
    };
    expect(Object.keys(calls).sort()).toEqual(Object.keys(SUBSCRIPTION).sort());
    const mismatches: string[] = [];
    for (const who of WHO) {
      const socket = openLiveSocket(server.url, who === 'anonymous' ? null : { authorization: `Bearer ${callers[who].token}` });
      const accepted = await socket.acked.then(
        () => true,
        () => false,
      );
      for (const [field, rows] of Object.entries(SUBSCRIPTION)) {
        const want = rows[WHO.indexOf(who)];
        let actual: string;
        if (!accepted) {
          actual = (await socket.closed).code === 4403 ? U : `socket closed with ${(await socket.closed).code}`;
        } else {
          const before = server.live.hub.subscriptionCount;
          const [query, variables] = calls[field];
          const operation = socket.subscribe(query, variables);
          // Held by the server (it runs), or answered with the refusal.
          const outcome = await Promise.race([
            waitUntil(() => server.live.hub.subscriptionCount > before, `${field} for ${who}`).then(
              () => A,
              () => 'neither held nor refused',
            ),
            operation.next().then((message) => {
              const errors = message.type === 'error' ? message.payload : (message.payload?.errors ?? []);
              return String(errors[0]?.extensions?.code ?? `a ${message.type} message without error`);
            }),
          ]);
          actual = outcome;
          operation.complete();
          await waitUntil(() => server.live.hub.subscriptionCount === before, `${field} for ${who} completed`);
        }
        if (actual !== want) mismatches.push(`Subscription.${field} for ${who}: expected ${want}, got ${actual}`);
      }
      socket.close();
      await socket.closed;
    }
    expect(mismatches).toEqual([]);
  });

  it('runs or refuses every mutation as the table says, and a refused one changes nothing', async () => {
    const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { token userErrors { code } } }';
    const usersBefore = await fx.userCount();
    const tokens = {} as Record<Who, string>;
    let throwawayId = '';
    /** The cohort and event ADMIN's createCohort and scheduleEvent make, which the later cohort and event mutations act on. */
    let cohortId = '';
    let eventId = '';
    const rwanda = (await callers.ADMIN.data('{ administration(iso2: "RW") { id } }')).administration.id;

    /** A workflow mutation called with `input`; `ran` tells that the call reached the service. */
    const workflowCall =
      (mutation: string, selection: string, input: (who: Who) => Record<string, unknown>, ran: (payload: any, who: Who) => boolean) =>
      async (who: Who) => {
        const type = `${mutation[0].toUpperCase()}${mutation.slice(1)}Input`;
        const result = await callers[who].graphql(`mutation ($input: ${type}!) { ${mutation}(input: $input) { ${selection} userErrors { code } } }`, {
          input: input(who),
        });
        return { result, ran: (d: any) => ran(d[mutation], who) };
      };
    const refusedWith = (code: string) => (payload: any) => payload.userErrors[0]?.code === code;
    const workflowCalls = () => {
      const research = () => ({ researchId: fx.ids.ownDraftResearch });
      const associate = () => ({ associateId: fx.ids.ownAssociate });
      return {
        assignPlacement: workflowCall(
          'assignPlacement',
          'associate { id }',
          () => ({ ...associate(), directorate: 'CAPACITY_BUILDING', supervisorName: 'Supervisor', startDate: '2026-09-01', endDate: '2027-06-30' }),
          refusedWith('PLACEMENT_CLOSED'),
        ),
        completePlacement: workflowCall(
          'completePlacement',
          'associate { id }',
          () => ({ ...associate(), outcome: 'COMPLETED', endDate: '2026-06-30' }),
          refusedWith('PLACEMENT_CLOSED'),
        ),
        proposeResearch: workflowCall(
          'proposeResearch',
          'research { id }',
          () => ({ ...associate(), title: 'A second research', abstract: 'Not allowed.', themes: ['x'] }),
          refusedWith('PLACEMENT_CLOSED'),
        ),
        updateResearch: workflowCall(
          'updateResearch',
          'research { abstract }',
          (who) => ({ ...research(), abstract: `Abstract revised by ${who}.` }),
          (p, who) => p.research?.abstract === `Abstract revised by ${who}.`,
        ),
        approveResearch: workflowCall('approveResearch', 'research { id }', research, refusedWith('INVALID_RESEARCH_STATUS')),
        returnResearch: workflowCall(
          'returnResearch',
          'research { id }',
          () => ({ ...research(), comment: 'Narrow the scope.' }),
          refusedWith('INVALID_RESEARCH_STATUS'),
        ),
        addMilestone: workflowCall(
          'addMilestone',
          'milestone { title }',
          (who) => ({ ...research(), title: `Step added by ${who}`, dueDate: '2027-01-31' }),
          (p, who) => p.milestone?.title === `Step added by ${who}`,
        ),
        completeMilestone: workflowCall(
          'completeMilestone',
          'milestone { id }',
          () => ({ milestoneId: fx.ids.ownDraftMilestone }),
          refusedWith('MILESTONE_ALREADY_COMPLETED'),
        ),
        submitResearch: workflowCall('submitResearch', 'research { id }', research, refusedWith('MILESTONES_OPEN')),
        recordPresentation: workflowCall(
          'recordPresentation',
          'research { id }',
          () => ({ ...research(), eventId: fx.reportingSessionId }),
          refusedWith('INVALID_RESEARCH_STATUS'),
        ),
        publishResearch: workflowCall(
          'publishResearch',
          'research { id }',
          () => ({ ...research(), reportUrl: 'https://example.org/report.pdf' }),
          refusedWith('INVALID_RESEARCH_STATUS'),
        ),
        updateAlumniProfile: workflowCall(
          'updateAlumniProfile',
          'alumniProfile { currentPosition }',
          (who) => ({ ...associate(), currentPosition: `Position set by ${who}` }),
          (p, who) => p.alumniProfile?.currentPosition === `Position set by ${who}`,
        ),
        recordAlumniActivity: workflowCall(
          'recordAlumniActivity',
          'activity { title }',
          (who) => ({ ...associate(), kind: 'LIAISON', date: '2026-11-01', title: `Recorded by ${who}` }),
          (p, who) => p.activity?.title === `Recorded by ${who}`,
        ),
      };
    };

    /** Each mutation with a well-formed input; the outcome must hold whatever the input's own merits. */
    const calls: Record<string, (who: Who) => Promise<{ result: GraphQLResponse; ran: (data: any) => boolean }>> = {
      async login(who) {
        const email = DEMO_USERS[who === 'anonymous' ? 'REVIEWER' : who].email;
        const result = await callers[who].graphql(LOGIN, { input: { email, password: DEMO_PASSWORD } });
        // A fresh session per role, so logout below does not end the sessions the other tests use.
        if (result.data?.login?.token) tokens[who] = result.data.login.token;
        return { result, ran: (d) => typeof d.login.token === 'string' };
      },
      async logout(who) {
        const caller = who === 'anonymous' ? server : server.withToken(tokens[who]);
        const result = await caller.graphql('mutation { logout { endedAt userErrors { code } } }');
        return { result, ran: (d) => d.logout.endedAt !== null };
      },
      async changePassword(who) {
        // A wrong current password: allowed callers reach the check, and nobody's password changes.
        const result = await callers[who].graphql(
          'mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { userErrors { code } } }',
          { input: { currentPassword: 'not-the-current-password', newPassword: 'a-brand-new-passphrase-2026' } },
        );
        return { result, ran: (d) => d.changePassword.userErrors[0]?.code === 'CURRENT_PASSWORD_INCORRECT' };
      },
      async createUser(who) {
        const result = await callers[who].graphql(
          'mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { code } } }',
          {
            input: {
              email: `created.by.${who.toLowerCase()}@example.org`,
              password: 'throwaway-passphrase-2026',
              displayName: `Created by ${who}`,
              role: 'REVIEWER',
            },
          },
        );
        if (who === 'ADMIN') throwawayId = result.data?.createUser.user?.id;
        return { result, ran: (d) => d.createUser.user !== null };
      },
      async updateUser(who) {
        const result = await callers[who].graphql(
          'mutation ($input: UpdateUserInput!) { updateUser(input: $input) { user { displayName } userErrors { code } } }',
          { input: { id: throwawayId, displayName: `Renamed by ${who}` } },
        );
        return { result, ran: (d) => d.updateUser.user?.displayName === `Renamed by ${who}` };
      },
      async deactivateUser(who) {
        const result = await callers[who].graphql(
          'mutation ($input: DeactivateUserInput!) { deactivateUser(input: $input) { user { isActive } userErrors { code } } }',
          { input: { id: throwawayId } },
        );
        return { result, ran: (d) => d.deactivateUser.user?.isActive === false };
      },
      async createCohort(who) {
        const year = 2200 + WHO.indexOf(who);
        const result = await callers[who].graphql(
          'mutation ($input: CreateCohortInput!) { createCohort(input: $input) { cohort { id } userErrors { code } } }',
          {
            input: {
              label: `${year}-${year + 1}`,
              capacity: 10,
              dates: yearDates(year),
            },
          },
        );
        if (who === 'ADMIN') cohortId = result.data?.createCohort.cohort?.id;
        return { result, ran: (d) => d.createCohort.cohort !== null };
      },
      async inviteAdministrations(who) {
        const result = await callers[who].graphql(
          'mutation ($input: InviteAdministrationsInput!) { inviteAdministrations(input: $input) { invited { id } userErrors { code } } }',
          { input: { cohortId, administrationIds: [rwanda] } },
        );
        return { result, ran: (d) => d.inviteAdministrations.invited.length === 1 };
      },
      async transitionCohort(who) {
        const result = await callers[who].graphql(
          'mutation ($input: TransitionCohortInput!) { transitionCohort(input: $input) { cohort { status } userErrors { code } } }',
          { input: { cohortId, to: 'NOMINATIONS_OPEN' } },
        );
        return { result, ran: (d) => d.transitionCohort.cohort?.status === 'NOMINATIONS_OPEN' };
      },
      async updateCohort(who) {
        const result = await callers[who].graphql(
          'mutation ($input: UpdateCohortInput!) { updateCohort(input: $input) { cohort { note } userErrors { code } } }',
          { input: { cohortId, note: `Noted by ${who}` } },
        );
        return { result, ran: (d) => d.updateCohort.cohort?.note === `Noted by ${who}` };
      },
      async updateAdministration(who) {
        const result = await callers[who].graphql(
          'mutation ($input: UpdateAdministrationInput!) { updateAdministration(input: $input) { administration { focalPointPhone } userErrors { code } } }',
          { input: { administrationId: rwanda, focalPointPhone: `+250 788 000 00${WHO.indexOf(who)}` } },
        );
        return { result, ran: (d) => d.updateAdministration.administration?.focalPointPhone === `+250 788 000 00${WHO.indexOf(who)}` };
      },
      async publishOutcomes(who) {
        // ADMIN's new cohort is far from its selection: ADMIN reaches the rule that refuses it.
        const result = await callers[who].graphql(
          'mutation ($input: PublishOutcomesInput!) { publishOutcomes(input: $input) { cohort { id } userErrors { code } } }',
          { input: { cohortId } },
        );
        return { result, ran: (d) => d.publishOutcomes.userErrors[0]?.code === 'COHORT_NOT_DECIDING' };
      },
      async scheduleEvent(who) {
        const result = await callers[who].graphql(
          'mutation ($input: ScheduleEventInput!) { scheduleEvent(input: $input) { event { id } userErrors { code } } }',
          { input: { cohortId, kind: 'WORKSHOP', title: `Scheduled by ${who}`, startsAt: `${2200 + WHO.indexOf('ADMIN')}-10-01T09:00:00Z` } },
        );
        if (who === 'ADMIN') eventId = result.data?.scheduleEvent.event?.id;
        return { result, ran: (d) => d.scheduleEvent.event !== null };
      },
      async rescheduleEvent(who) {
        const result = await callers[who].graphql(
          'mutation ($input: RescheduleEventInput!) { rescheduleEvent(input: $input) { event { location } userErrors { code } } }',
          { input: { eventId, location: `Moved by ${who}` } },
        );
        return { result, ran: (d) => d.rescheduleEvent.event?.location === `Moved by ${who}` };
      },
      async cancelEvent(who) {
        const result = await callers[who].graphql(
          'mutation ($input: CancelEventInput!) { cancelEvent(input: $input) { event { isCancelled } userErrors { code } } }',
          { input: { eventId, reason: `Cancelled by ${who}` } },
        );
        return { result, ran: (d) => d.cancelEvent.event?.isCancelled === true };
      },
      // The nomination workflows are called with inputs a rule refuses, so allowed callers reach the rules and nothing changes.
      async submitNomination(who) {
        const result = await callers[who].graphql(
          'mutation ($input: SubmitNominationInput!) { submitNomination(input: $input) { nomination { id } userErrors { code } } }',
          {
            input: {
              cohortId: fx.demoCohortId,
              // A FOCAL_POINT's own administration by default; ADMIN names it.
              administrationId: who === 'ADMIN' ? fx.focalAdministrationId : undefined,
              candidate: { fullName: 'Twin Candidate', email: fx.focalCandidateEmail, position: 'Officer', yearsOfService: 5, languages: ['en'] },
              motivation: 'The same candidate again, whose active nomination makes this one a duplicate.',
            },
          },
        );
        return { result, ran: (d) => d.submitNomination.userErrors[0]?.code === 'CANDIDATE_ALREADY_NOMINATED' };
      },
      async withdrawNomination(who) {
        const result = await callers[who].graphql(
          'mutation ($input: WithdrawNominationInput!) { withdrawNomination(input: $input) { nomination { id } userErrors { code } } }',
          { input: { nominationId: toGlobalId('Nomination', '00000000-0000-4000-8000-000000000000') } },
        );
        return { result, ran: (d) => d.withdrawNomination.userErrors[0]?.code === 'NOMINATION_NOT_FOUND' };
      },
      async reviewNomination(who) {
        const result = await callers[who].graphql(
          'mutation ($input: ReviewNominationInput!) { reviewNomination(input: $input) { review { id } userErrors { code } } }',
          { input: { nominationId: fx.ids.decidedNomination, score: 3 } },
        );
        return { result, ran: (d) => d.reviewNomination.userErrors[0]?.code === 'REVIEW_CLOSED' };
      },
      async decideNomination(who) {
        const result = await callers[who].graphql(
          'mutation ($input: DecideNominationInput!) { decideNomination(input: $input) { nomination { id } userErrors { code } } }',
          { input: { nominationId: fx.ids.focalNomination, decision: 'SHORTLISTED' } },
        );
        return { result, ran: (d) => d.decideNomination.userErrors[0]?.code === 'COHORT_NOT_IN_SELECTION' };
      },
      async issueCertificate(who) {
        // A seeded holder of a valid certificate: ADMIN reaches the rule (CERTIFICATE_EXISTS) and nothing is issued.
        const { verifyCertificate: held } = await server.data('{ verifyCertificate(serial: "CDP-2024-001") { certificate { associate { id } ceremony { id } } } }');
        const result = await callers[who].graphql(
          'mutation ($input: IssueCertificateInput!) { issueCertificate(input: $input) { certificate { id } userErrors { code } } }',
          { input: { associateId: held.certificate.associate.id, ceremonyId: held.certificate.ceremony.id, signatoryName: 'Signatory', signatoryTitle: 'Title' } },
        );
        return { result, ran: (d) => d.issueCertificate.userErrors[0]?.code === 'CERTIFICATE_EXISTS' };
      },
      async revokeCertificate(who) {
        const result = await callers[who].graphql(
          'mutation ($input: RevokeCertificateInput!) { revokeCertificate(input: $input) { certificate { id } userErrors { code } } }',
          { input: { serial: 'CDP-1999-999', reason: 'Probe' } },
        );
        return { result, ran: (d) => d.revokeCertificate.userErrors[0]?.code === 'CERTIFICATE_NOT_FOUND' };
      },
      async resendOutboxMessage(who) {
        // The arranged message is PENDING, not DEAD: ADMIN reaches the rule (OUTBOX_MESSAGE_NOT_DEAD) and nothing changes.
        const result = await callers[who].graphql(
          'mutation ($input: ResendOutboxMessageInput!) { resendOutboxMessage(input: $input) { message { id } userErrors { code } } }',
          { input: { messageId: fx.outboxMessageId } },
        );
        return { result, ran: (d) => d.resendOutboxMessage.userErrors[0]?.code === 'OUTBOX_MESSAGE_NOT_DEAD' };
      },
      async inviteUser(who) {
        const result = await callers[who].graphql(
          'mutation ($input: InviteUserInput!) { inviteUser(input: $input) { user { id } userErrors { code } } }',
          { input: { email: `invited.by.${who.toLowerCase()}@example.org`, displayName: `Invited by ${who}`, role: 'REVIEWER' } },
        );
        return { result, ran: (d) => d.inviteUser.user !== null };
      },
      async resendInvitation(who) {
        // The throwaway user was made with a password (and is deactivated by now): ADMIN reaches a rule that refuses it.
        const result = await callers[who].graphql(
          'mutation ($input: ResendInvitationInput!) { resendInvitation(input: $input) { user { id } userErrors { code } } }',
          { input: { userId: throwawayId } },
        );
        return { result, ran: (d) => ['USER_INACTIVE', 'INVITATION_NOT_PENDING'].includes(d.resendInvitation.userErrors[0]?.code) };
      },
      async acceptInvitation(who) {
        const result = await callers[who].graphql(
          'mutation ($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { token userErrors { code } } }',
          { input: { token: `cdpl_${'A'.repeat(43)}`, password: 'a-brand-new-passphrase-2026' } },
        );
        return { result, ran: (d) => d.acceptInvitation.userErrors[0]?.code === 'ACCOUNT_LINK_INVALID' };
      },
      async requestPasswordReset(who) {
        const result = await callers[who].graphql(
          'mutation ($input: RequestPasswordResetInput!) { requestPasswordReset(input: $input) { requestedAt userErrors { code } } }',
          { input: { email: `nobody.${who.toLowerCase()}@example.org` } },
        );
        return { result, ran: (d) => d.requestPasswordReset.requestedAt !== null };
      },
      async resetPassword(who) {
        const result = await callers[who].graphql(
          'mutation ($input: ResetPasswordInput!) { resetPassword(input: $input) { endedSessionCount userErrors { code } } }',
          { input: { token: `cdpl_${'B'.repeat(43)}`, newPassword: 'a-brand-new-passphrase-2026' } },
        );
        return { result, ran: (d) => d.resetPassword.userErrors[0]?.code === 'ACCOUNT_LINK_INVALID' };
      },
      // ADMIN reaches each webhook rule with an input it refuses, so nothing is registered or changed.
      async createWebhookEndpoint(who) {
        const result = await callers[who].graphql(
          'mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret userErrors { code } } }',
          { input: { url: 'https://169.254.169.254/latest', eventTypes: ['COHORT_OPENED'] } },
        );
        return { result, ran: (d) => d.createWebhookEndpoint.userErrors[0]?.code === 'WEBHOOK_URL_REFUSED' };
      },
      async updateWebhookEndpoint(who) {
        const result = await callers[who].graphql(
          'mutation ($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { endpoint { id } userErrors { code } } }',
          { input: { endpointId: MISSING_ENDPOINT, isEnabled: false } },
        );
        return { result, ran: (d) => d.updateWebhookEndpoint.userErrors[0]?.code === 'WEBHOOK_ENDPOINT_NOT_FOUND' };
      },
      async rotateWebhookSecret(who) {
        const result = await callers[who].graphql(
          'mutation ($input: RotateWebhookSecretInput!) { rotateWebhookSecret(input: $input) { secret userErrors { code } } }',
          { input: { endpointId: MISSING_ENDPOINT } },
        );
        return { result, ran: (d) => d.rotateWebhookSecret.userErrors[0]?.code === 'WEBHOOK_ENDPOINT_NOT_FOUND' };
      },
      async deleteWebhookEndpoint(who) {
        const result = await callers[who].graphql(
          'mutation ($input: DeleteWebhookEndpointInput!) { deleteWebhookEndpoint(input: $input) { deletedEndpointId userErrors { code } } }',
          { input: { endpointId: MISSING_ENDPOINT } },
        );
        return { result, ran: (d) => d.deleteWebhookEndpoint.userErrors[0]?.code === 'WEBHOOK_ENDPOINT_NOT_FOUND' };
      },
      async resendWebhookDelivery(who) {
        // The arranged message is an e-mail: ADMIN reaches the rule (WEBHOOK_DELIVERY_NOT_FOUND) and nothing changes.
        const result = await callers[who].graphql(
          'mutation ($input: ResendWebhookDeliveryInput!) { resendWebhookDelivery(input: $input) { delivery { id } userErrors { code } } }',
          { input: { deliveryId: fx.outboxMessageId } },
        );
        return { result, ran: (d) => d.resendWebhookDelivery.userErrors[0]?.code === 'WEBHOOK_DELIVERY_NOT_FOUND' };
      },
      // The placement, research and alumni steps act on the demo associate (of a completed cohort) and its draft research:
      // where a step cannot run there, reaching the rule that refuses it shows the caller got past authorization.
      ...workflowCalls(),
    };
    // In this order: logout uses login's sessions, and ADMIN's createUser makes the user the later two change;
    // ADMIN's createCohort and scheduleEvent make the cohort and the event the mutations after each act on;
    // addMilestone leaves open milestones, which submitResearch then meets.
    expect(Object.keys(calls)).toEqual([
      'login',
      'logout',
      'changePassword',
      'createUser',
      'updateUser',
      'deactivateUser',
      'createCohort',
      'inviteAdministrations',
      'transitionCohort',
      'updateCohort',
      'updateAdministration',
      'publishOutcomes',
      'scheduleEvent',
      'rescheduleEvent',
      'cancelEvent',
      'submitNomination',
      'withdrawNomination',
      'reviewNomination',
      'decideNomination',
      'issueCertificate',
      'revokeCertificate',
      'resendOutboxMessage',
      'inviteUser',
      'resendInvitation',
      'acceptInvitation',
      'requestPasswordReset',
      'resetPassword',
      'createWebhookEndpoint',
      'updateWebhookEndpoint',
      'rotateWebhookSecret',
      'deleteWebhookEndpoint',
      'resendWebhookDelivery',
      'assignPlacement',
      'completePlacement',
      'proposeResearch',
      'updateResearch',
      'approveResearch',
      'returnResearch',
      'addMilestone',
      'completeMilestone',
      'submitResearch',
      'recordPresentation',
      'publishResearch',
      'updateAlumniProfile',
      'recordAlumniActivity',
    ]);
    const milestonesBefore = await fx.ownDraftMilestoneCount();
    const activitiesBefore = await fx.ownActivityCount();
    expect(Object.keys(calls).sort()).toEqual(Object.keys(MUTATION).sort());

    const mismatches: string[] = [];
    for (const [name, call] of Object.entries(calls)) {
      // ADMIN goes last, so the others' updateUser and deactivateUser meet an active, unchanged user.
      for (const who of [...WHO.filter((w) => w !== 'ADMIN'), 'ADMIN' as const]) {
        if (name === 'updateUser' && who === 'anonymous') expect(throwawayId).toBeTruthy();
        const { result, ran } = await call(who);
        let actual = rootOutcome(result, name);
        if (actual === A && !ran(result.data)) actual = `answered without running: ${JSON.stringify(result.data)}`;
        const want = MUTATION[name][WHO.indexOf(who)];
        if (actual !== want) mismatches.push(`Mutation.${name} for ${who}: expected ${want}, got ${actual}`);
      }
    }
    expect(mismatches).toEqual([]);

    // The workflow steps ran for the associate and ADMIN only: one milestone and one activity each.
    expect(await fx.ownDraftMilestoneCount()).toBe(milestonesBefore + 2);
    expect(await fx.ownActivityCount()).toBe(activitiesBefore + 2);
    // The refused calls left no trace: two users more (ADMIN's createUser and inviteUser), renamed and deactivated only by ADMIN.
    expect(await fx.userCount()).toBe(usersBefore + 2);
    const throwaway = await callers.ADMIN.data('query ($id: ID!) { node(id: $id) { ... on User { displayName isActive } } }', {
      id: throwawayId,
    });
    expect(throwaway.node).toEqual({ displayName: 'Renamed by ADMIN', isActive: false });
    // Only ADMIN's cohort and event calls left a trace.
    const made = await callers.ADMIN.data(
      'query ($c: ID!, $e: ID!) { cohort: node(id: $c) { ... on Cohort { status invitations { totalCount } events { title } } } event: node(id: $e) { ... on Event { location cancellationReason } } }',
      { c: cohortId, e: eventId },
    );
    expect(made).toEqual({
      cohort: { status: 'NOMINATIONS_OPEN', invitations: { totalCount: 1 }, events: [{ title: 'Scheduled by ADMIN' }] },
      event: { location: 'Moved by ADMIN', cancellationReason: 'Cancelled by ADMIN' },
    });
    const cohorts = (await callers.ADMIN.data('{ cohorts(first: 100, filter: { labelFrom: "2200-2201" }) { nodes { label } } }')).cohorts;
    expect(cohorts.nodes).toEqual([{ label: `${2200 + WHO.indexOf('ADMIN')}-${2201 + WHO.indexOf('ADMIN')}` }]);
    // The callers' own sessions still work: logout ended only the fresh ones.
    for (const who of WHO.filter((w) => w !== 'anonymous')) {
      expect((await callers[who].data('{ viewer { role } }')).viewer.role).toBe(who);
      const ended = await server.withToken(tokens[who]).graphql('{ viewer { id } }');
      expect({ who, data: ended.data ?? null, code: ended.errors?.[0]?.extensions?.code }).toEqual({ who, data: null, code: U });
    }
  });

  describe('hidden objects asked for by ID, and lists around them', () => {
    const nodeSubjects = () => nodeSubjectsOf(SUBJECTS);

    it('node(id) is null for every object the caller may not see, for every caller', async () => {
      const query = `{ ${nodeSubjects()
        .map((s) => `${s}: node(id: "${fx.ids[s]}") { id }`)
        .join(' ')} }`;
      for (const who of WHO) {
        const data = await callers[who].data(query);
        const got = Object.fromEntries(nodeSubjects().map((s) => [s, data[s]?.id ?? null]));
        const want = Object.fromEntries(nodeSubjects().map((s) => [s, visible(s, who) ? fx.ids[s] : null]));
        expect({ who, got }).toEqual({ who, got: want });
      }
    });

    it('nodes(ids) keeps the order and puts null exactly where the object is hidden', async () => {
      // Hidden and visible interleaved, and one ID twice.
      const ids = [...nodeSubjects(), 'ownDraftResearch' as const].map((s) => fx.ids[s]);
      for (const who of WHO) {
        const data = await callers[who].data('query ($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
        const want = [...nodeSubjects(), 'ownDraftResearch' as const].map((s) => (visible(s, who) ? { id: fx.ids[s] } : null));
        expect({ who, nodes: data.nodes }).toEqual({ who, nodes: want });
      }
    });

    it('researchProjects lists and counts only the research the caller may see', async () => {
      const published = await fx.publishedResearchCount();
      // Spelled out once, so the derivation from the table is checked too.
      expect(visibleDrafts('ADMIN')).toHaveLength(2 + WEIGHT_DRAFTS);
      expect(visibleDrafts('ASSOCIATE')).toEqual([fx.ids.ownDraftResearch]);
      const drafts = Object.fromEntries(WHO.map((who) => [who, visibleDrafts(who)])) as Record<Who, string[]>;
      const ALL = '{ researchProjects(first: 100) { totalCount nodes { id status } } }';
      const DRAFTS = `{ researchProjects(first: 100, filter: { statusIn: [PROPOSED, APPROVED, IN_PROGRESS, SUBMITTED, PRESENTED] }) { totalCount nodes { id } } }`;
      const THEMED = `{ researchProjects(first: 100, filter: { theme: "${DRAFT_THEME}" }) { totalCount nodes { id } } }`;
      for (const who of WHO) {
        const all = (await callers[who].data(ALL)).researchProjects;
        expect({ who, totalCount: all.totalCount }).toEqual({ who, totalCount: published + drafts[who].length });
        expect(all.nodes).toHaveLength(all.totalCount);
        expect(
          all.nodes
            .filter((n: any) => n.status !== 'PUBLISHED')
            .map((n: any) => n.id)
            .sort(),
        ).toEqual([...drafts[who]].sort());
        for (const query of [DRAFTS, THEMED]) {
          const page = (await callers[who].data(query)).researchProjects;
          expect({ who, query, ids: sortIds(page.nodes), totalCount: page.totalCount }).toEqual({
            who,
            query,
            ids: [...drafts[who]].sort(),
            totalCount: drafts[who].length,
          });
        }
      }
    });

    it('nominations lists and counts only the caller’s nominations, and each nomination only the reviews the caller may see', async () => {
      const nominations: Subject[] = ['focalNomination', 'otherNomination', 'decidedNomination'];
      const QUERY_ = '{ nominations(first: 50) { totalCount nodes { id reviews { id } } } }';
      for (const who of WHO) {
        const result = await callers[who].graphql(QUERY_);
        if (who === 'anonymous') {
          expect(errorCodeAt(result, ['nominations'])).toBe(U);
          expect(result.data).toBeNull();
          continue;
        }
        const page = result.data!.nominations;
        // The seed's other demo nominations are visible exactly when another administration's are.
        const all = (await callers.ADMIN.data(QUERY_)).nominations.nodes.map((n: any) => n.id);
        const wantIds = who === 'FOCAL_POINT' ? [fx.ids.focalNomination] : visible('otherNomination', who) ? all : [];
        expect({ who, ids: sortIds(page.nodes), totalCount: page.totalCount }).toEqual({
          who,
          ids: [...wantIds].sort(),
          totalCount: wantIds.length,
        });
        for (const nomination of nominations.filter((n) => visible(n, who))) {
          const reviews = page.nodes.find((n: any) => n.id === fx.ids[nomination]).reviews;
          const rows = GUARDED_FIELDS.Nomination.reviews[nomination];
          const want =
            rows?.[WHO.indexOf(who)] === N
              ? null
              : Object.entries(fx.reviewOf)
                  .filter(([review, of]) => of === nomination && visible(review as Subject, who))
                  .map(([review]) => fx.ids[review as Subject])
                  .sort();
          expect({ who, nomination, reviews: reviews && sortIds(reviews) }).toEqual({ who, nomination, reviews: want });
        }
      }
    });

    it("an administration's nominations are the nominations list's: its own to a focal point, none to anonymous callers and associates", async () => {
      const QUERY_ = `query ($focal: ID!, $other: ID!) {
        focal: node(id: $focal) { ... on Administration { nominations(first: 50) { totalCount nodes { id } } } }
        other: node(id: $other) { ... on Administration { nominations(first: 50) { totalCount nodes { id } } } }
      }`;
      const ids = { focal: fx.ids.focalAdministration, other: fx.ids.otherAdministration };
      const everyone = await callers.ADMIN.data(QUERY_, ids);
      expect(sortIds(everyone.focal.nominations.nodes)).toContain(fx.ids.focalNomination);
      expect(sortIds(everyone.other.nominations.nodes)).toContain(fx.ids.otherNomination);
      for (const who of WHO) {
        const page = await callers[who].data(QUERY_, ids);
        const sees = (administration: 'focal' | 'other') =>
          who === 'ADMIN' || who === 'REVIEWER' || (who === 'FOCAL_POINT' && administration === 'focal');
        for (const administration of ['focal', 'other'] as const) {
          const want = sees(administration) ? everyone[administration].nominations : { totalCount: 0, nodes: [] };
          expect({ who, administration, got: page[administration].nominations }).toEqual({ who, administration, got: want });
        }
      }
    });

    it('users lists every user for ADMIN and leaks none to anybody else', async () => {
      const QUERY_ = '{ users(first: 100) { totalCount nodes { id } } }';
      const admin = (await callers.ADMIN.data(QUERY_)).users;
      expect(admin.totalCount).toBe(await fx.userCount());
      expect(admin.nodes).toHaveLength(admin.totalCount);
      const userSubjects = SUBJECTS.filter((s) => OBJECTS[s].type === 'User');
      expect(sortIds(admin.nodes)).toEqual(expect.arrayContaining(userSubjects.map((s) => fx.ids[s])));
      for (const who of WHO.filter((w) => w !== 'ADMIN')) {
        const result = await callers[who].graphql(QUERY_);
        expect(result.data).toBeNull();
        expect(errorCodeAt(result, ['users'])).toBe(who === 'anonymous' ? U : F);
      }
    });
  });

  describe('unpublished research on every read path', () => {
    it('searchResearch finds a draft only for those who may see it, and counts only those', async () => {
      const SEARCH = 'query ($q: String!) { searchResearch(query: $q, first: 20) { totalCount nodes { id } } }';
      // The words occur in no published research, so each search finds exactly the matching drafts the caller may see.
      const searches: Array<[string, string[]]> = [
        [OWN_WORD, [fx.ids.ownDraftResearch]],
        [FOCAL_WORD.slice(0, 6), [fx.ids.focalDraftResearch]], // the last word also matches as a prefix
        [DRAFT_THEME, [fx.ids.ownDraftResearch, fx.ids.focalDraftResearch, ...fx.weightDraftIds]], // themes are searched too
      ];
      for (const who of WHO) {
        for (const [word, matches] of searches) {
          const { searchResearch } = await callers[who].data(SEARCH, { q: word });
          const want = matches.filter((id) => visibleDrafts(who).includes(id)).sort();
          expect({ who, word, ids: sortIds(searchResearch.nodes), totalCount: searchResearch.totalCount }).toEqual({
            who,
            word,
            ids: want,
            totalCount: want.length,
          });
        }
      }
    });

    it('nested research of a cohort’s, an associate’s and an alumnus’s is null unless the caller may see it', async () => {
      const NESTED = `query ($label: String!, $cohortId: ID!) {
        cohort(label: $label) { associates(first: 100) { nodes { id research { id } } } }
        associates(first: 100, filter: { cohortId: $cohortId }) { nodes { id research { id } } }
        alumni(first: 100, filter: { cohortId: $cohortId }) { nodes { associate { id research { id } } } }
      }`;
      const variables = { label: fx.ownCohortLabel, cohortId: fx.ownCohortId };
      const byAssociate = (nodes: any[]): Record<string, string | null> =>
        Object.fromEntries(nodes.map((n) => [n.id, n.research?.id ?? null]));
      const admin = await callers.ADMIN.data(NESTED, variables);
      const everything = byAssociate(admin.cohort.associates.nodes);
      expect(everything[fx.ids.ownAssociate]).toBe(fx.ids.ownDraftResearch);
      expect(everything[fx.ids.focalAssociate]).toBe(fx.ids.focalDraftResearch);
      const ownAlumnus = admin.alumni.nodes.find((n: any) => n.associate.id === fx.ids.ownAssociate);
      expect(ownAlumnus.associate.research).toEqual({ id: fx.ids.ownDraftResearch });

      for (const who of WHO) {
        const data = await callers[who].data(NESTED, variables);
        const hidden = new Set(visibleDrafts('ADMIN').filter((id) => !visibleDrafts(who).includes(id)));
        // Published research stays; each draft is there only for who may see it.
        const want = Object.fromEntries(
          Object.entries(everything).map(([associate, research]) => [associate, research && hidden.has(research) ? null : research]),
        );
        expect({ who, path: 'cohort.associates', got: byAssociate(data.cohort.associates.nodes) }).toEqual({
          who,
          path: 'cohort.associates',
          got: want,
        });
        expect({ who, path: 'associates', got: byAssociate(data.associates.nodes) }).toEqual({ who, path: 'associates', got: want });
        const alumni = Object.fromEntries(data.alumni.nodes.map((n: any) => [n.associate.id, n.associate.research?.id ?? null]));
        expect(alumni).toHaveProperty([fx.ids.ownAssociate]);
        for (const [associate, research] of Object.entries(alumni))
          expect({ who, associate, research }).toEqual({ who, associate, research: want[associate] });
      }
    });

    it('alumniNetwork is the same graph for everyone and names no draft', async () => {
      const NETWORK =
        '{ alumniNetwork { nodes { id label cohortLabel administrationIso2 region isLiaisonPoint } edges { source target kind } } }';
      const anonymous = await callers.anonymous.data(NETWORK);
      expect(anonymous.alumniNetwork.nodes.map((n: any) => n.id)).toContain(fx.ids.ownAssociate);
      for (const who of WHO) {
        const text = JSON.stringify(await callers[who].data(NETWORK));
        expect(JSON.parse(text)).toEqual(anonymous);
        for (const word of [OWN_WORD, FOCAL_WORD, DRAFT_THEME]) expect(text).not.toContain(word);
      }
    });

    it('programmeStatistics is the same for everyone, except topThemes, which counts the research each caller can list', async () => {
      const STATISTICS = `{
        programmeStatistics {
          programme { id } totalAssociates totalCohorts completedCohorts administrationsRepresented regionsRepresented
          byRegion { region { id } administrationCount associateCount }
          byCohort { cohort { id } associateCount }
          byAdministration { administration { id } associateCount }
          neverRepresented { id }
          topThemes { theme researchCount }
        }
        programmes(first: 2) { totalCount nodes { code } }
      }`;
      const LIST = '{ researchProjects(first: 100) { totalCount nodes { themes } } }';
      const statistics = {} as Record<Who, any>;
      for (const who of WHO) {
        const data = await callers[who].data(STATISTICS);
        // The programme and the demonstration one, which has no associates: every research project counts towards the statistics.
        expect(data.programmes.nodes.map((p: { code: string }) => p.code).sort()).toEqual(['CDP-DEMO', 'WCO-JAPAN-CDP']);
        statistics[who] = data.programmeStatistics;
        const { researchProjects } = await callers[who].data(LIST);
        expect(researchProjects.nodes).toHaveLength(researchProjects.totalCount);
        // "The ten most frequent research themes (visible research only)": counted here from what the caller can list.
        const counts = new Map<string, number>();
        for (const p of researchProjects.nodes) for (const theme of p.themes) counts.set(theme, (counts.get(theme) ?? 0) + 1);
        const top = [...counts]
          .map(([theme, researchCount]) => ({ theme, researchCount }))
          .sort((a, b) => b.researchCount - a.researchCount || (a.theme < b.theme ? -1 : a.theme > b.theme ? 1 : 0))
          .slice(0, 10);
        expect({ who, topThemes: statistics[who].topThemes }).toEqual({ who, topThemes: top });
      }
      // The drafts' theme ranks for ADMIN, who may count every draft, and for nobody who may not.
      const draftTheme = (who: Who) => statistics[who].topThemes.find((t: any) => t.theme === DRAFT_THEME) ?? null;
      expect(draftTheme('ADMIN')).toEqual({ theme: DRAFT_THEME, researchCount: 2 + WEIGHT_DRAFTS });
      for (const who of ['anonymous', 'REVIEWER', 'FOCAL_POINT', 'ASSOCIATE'] as const)
        expect({ who, theme: draftTheme(who) }).toEqual({ who, theme: null });
      // Everything else counts associates, cohorts and administrations, which are public: the same for all.
      const { topThemes: _ignored, ...rest } = statistics.anonymous;
      for (const who of WHO) {
        const { topThemes: _theirs, ...theirs } = statistics[who];
        expect({ who, statistics: theirs }).toEqual({ who, statistics: rest });
      }
    });
  });
});

// ---------------------------------------------------------------------------

describe('the authorization table covers the schema', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildCdpSchema();
    // Printed once (this suite runs once; the matrix runs once per database).
    const cells = countCells();
    console.log(
      `authorization matrix: ${cells.total} cells per database (${cells.fields} object-field, ${cells.roots} root-field, ${cells.mutations} mutation) over ${WHO.length} callers`,
    );
  });

  it('has a row for every field of every object type, and no row for a field that is gone', () => {
    const missing: string[] = [];
    const stale: string[] = [];
    const objectTypes = Object.values(schema.getTypeMap()).filter(
      (t): t is GraphQLObjectType =>
        isObjectType(t) &&
        !t.name.startsWith('__') &&
        t !== schema.getQueryType() &&
        t !== schema.getMutationType() &&
        t !== schema.getSubscriptionType(),
    );
    for (const type of objectTypes) {
      const covered = [
        ...fieldNames(PUBLIC_FIELDS[type.name] ?? ''),
        ...Object.keys(GUARDED_FIELDS[type.name] ?? {}),
        ...fieldNames(structureFields(schema, type.name)),
      ].filter(Boolean);
      const actual = Object.keys(type.getFields());
      missing.push(...actual.filter((f) => !covered.includes(f)).map((f) => `${type.name}.${f}`));
      stale.push(...covered.filter((f) => !actual.includes(f)).map((f) => `${type.name}.${f}`));
      // A field is either public or guarded, never both.
      const guardedAndPublic = fieldNames(PUBLIC_FIELDS[type.name] ?? '').filter((f) => f in (GUARDED_FIELDS[type.name] ?? {}));
      expect({ type: type.name, guardedAndPublic }).toEqual({ type: type.name, guardedAndPublic: [] });
    }
    const names = new Set(objectTypes.map((t) => t.name));
    stale.push(...[...Object.keys(PUBLIC_FIELDS), ...Object.keys(GUARDED_FIELDS)].filter((t) => !names.has(t)));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  it('has a row for every root field and every mutation', () => {
    expect(Object.keys(schema.getQueryType()!.getFields()).sort()).toEqual(Object.keys(QUERY).sort());
    expect(Object.keys(schema.getMutationType()!.getFields()).sort()).toEqual(Object.keys(MUTATION).sort());
    expect(Object.keys(schema.getSubscriptionType()!.getFields()).sort()).toEqual(Object.keys(SUBSCRIPTION).sort());
  });

  it('arranges at least one object of every guarded type, and only names objects of the field’s type', () => {
    for (const [type, fields] of Object.entries(GUARDED_FIELDS)) {
      expect({ type, objects: subjectsOf(type).length > 0 }).toEqual({ type, objects: true });
      for (const [field, rule] of Object.entries(fields)) {
        for (const subject of Object.keys(rule) as Subject[])
          expect(`${type}.${field}: ${OBJECTS[subject].type}`).toBe(`${type}.${field}: ${type}`);
      }
    }
  });

  it('makes every field that may be null for some caller nullable, so a refusal never nulls its parent', () => {
    const nonNull: string[] = [];
    for (const [type, fields] of Object.entries(GUARDED_FIELDS)) {
      for (const field of Object.keys(fields)) {
        const mayBeNulled = subjectsOf(type).some((subject) => WHO.some((who) => expected(type, field, subject, who) === N));
        const definition = (schema.getType(type) as GraphQLObjectType).getFields()[field];
        if (mayBeNulled && isNonNullType(definition.type)) nonNull.push(`${type}.${field}`);
      }
    }
    expect(nonNull).toEqual([]);
  });
});
