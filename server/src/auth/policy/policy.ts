import { UserRole } from '../../modules/user/user-role';
import { canSeeUser } from '../../modules/user/user-visibility';
import { PUBLIC, SIGNED_IN, owner, roles, rows, type Rule } from './rules';

const { ADMIN, REVIEWER, FOCAL_POINT, ASSOCIATE } = UserRole;

/**
 * CDP Hub's read and write rules, in one place (DESIGN section 2). Every
 * field of every object type, every root field and every mutation has a
 * rule here: the schema build fails on a field without one, and so does a
 * test that walks the schema. Nothing is public by default.
 *
 * Row visibility (which objects a viewer may see at all) is applied where
 * objects are listed or fetched: `rows` rules name it, and the functions in
 * each module's `*-visibility.ts` implement it for lists, search,
 * statistics, nested fields and node(id).
 */

/** "the associate's own user, the focal point of its administration, or ADMIN" */
const associatePersonalData = owner(
  'ADMIN, the FOCAL_POINT of the associate’s administration, and the associate themself',
  (ctx, associate: { uuid: string; administrationId: string }) =>
    ctx.viewer!.role === ADMIN ||
    (ctx.viewer!.role === FOCAL_POINT && ctx.viewer!.administrationId === associate.administrationId) ||
    (ctx.viewer!.role === ASSOCIATE && ctx.viewer!.associateId === associate.uuid),
);

/** Blind review: scores of a nomination are ADMIN's, and a REVIEWER's too once the nomination is decided. */
const nominationScores = owner(
  'ADMIN, and a REVIEWER once the nomination is decided',
  (ctx, nomination: { decidedAt: Date | null }) =>
    ctx.viewer!.role === ADMIN || (ctx.viewer!.role === REVIEWER && nomination.decidedAt !== null),
);

/** Who wrote a review: the User row rule (ADMIN, the reviewer themself), applied to the review's reviewer. */
const reviewAuthor = owner('ADMIN, and the reviewer themself', (ctx, review: { reviewerId: string }) => canSeeUser(ctx.viewer, review.reviewerId));

/** A reviewer's queue: ADMIN sees whose reviews are outstanding (it sees every review); a REVIEWER sees its own. */
const reviewQueue = owner(
  'ADMIN, and a REVIEWER on their own user',
  (ctx, user: { uuid: string }) => ctx.viewer!.role === ADMIN || (ctx.viewer!.role === REVIEWER && ctx.viewer!.userId === user.uuid),
);

/** An administration's contact data: ADMIN, and the FOCAL_POINT acting for that administration. */
const administrationContact = owner(
  'ADMIN, and the FOCAL_POINT of this administration',
  (ctx, administration: { uuid: string }) =>
    ctx.viewer!.role === ADMIN || (ctx.viewer!.role === FOCAL_POINT && ctx.viewer!.administrationId === administration.uuid),
);

/** Types whose every field anyone may read (given the object is listed or fetched). */
const PUBLIC_TYPES = [
  'Region',
  'RegionCount',
  'Administration',
  'AdministrationCount',
  'Programme',
  'ProgrammeStatistics',
  'Cohort',
  'CohortCount',
  'Invitation',
  'Event',
  'ProfessionalAssociate',
  'Certificate',
  'CertificateVerification',
  'AlumniProfile',
  'AlumniActivity',
  'AlumniNetwork',
  'AlumniNetworkNode',
  'AlumniNetworkEdge',
  'ThemeCount',
  'PageInfo',
  'UserError',
  // What subscriptions send: each was admitted for its subscriber (LiveFeed.admit); the objects inside keep their own rules.
  'NominationChange',
  'CohortChange',
  'ReviewQueueChange',
  'ResearchChange',
  'CertificateIssuance',
  'Notification',
  'NotificationFact',
  'NotificationAction',
];

/** Types whose fields follow the visibility of the object itself. */
const ROW_TYPES: Record<string, Rule> = {
  ResearchProject: rows('everyone once PUBLISHED; before that ADMIN and the associate who carries it out'),
  Milestone: rows('whoever may see the research project'),
  Nomination: rows('ADMIN and REVIEWER; a FOCAL_POINT for its own administration'),
  Review: rows('ADMIN; a REVIEWER its own reviews, and the others once the nomination is decided'),
  User: rows('ADMIN, and the user themself'),
  AuditEntry: rows('ADMIN'),
  OutboxMessage: rows('ADMIN'),
  // Reached only through User.actionCounts, which is ADMIN's.
  AdminActionCounts: rows('ADMIN'),
  WebhookEndpoint: rows('ADMIN'),
};

/** Fields whose rule differs from their type's. */
const FIELD_RULES: Record<string, Record<string, Rule>> = {
  ProfessionalAssociate: {
    email: associatePersonalData,
    phone: associatePersonalData,
    // Scoped by the Nomination row rule in the resolver: null to whoever may not see the nomination.
    nomination: rows('ADMIN and REVIEWER; a FOCAL_POINT for its own administration (the Nomination row rule)'),
  },
  Administration: {
    // Scoped by the Nomination row rule in the service: an empty page to whoever may not see them.
    nominations: rows('ADMIN and REVIEWER; a FOCAL_POINT for its own administration (the Nomination row rule)'),
    // User rows are ADMIN's (and each user's own): other users' accounts are not shown to a focal point.
    focalPoints: roles(ADMIN),
    focalPointName: administrationContact,
    focalPointEmail: administrationContact,
    focalPointPhone: administrationContact,
  },
  User: {
    reviewQueue,
    actionCounts: roles(ADMIN),
  },
  Nomination: { reviews: roles(ADMIN, REVIEWER), meanScore: nominationScores, reviewCount: nominationScores },
  Review: { reviewer: reviewAuthor },
};

/** Root fields: who may ask them (the objects they return are scoped by row rules as well). */
const QUERY_RULES: Record<string, Rule> = {
  node: PUBLIC,
  nodes: PUBLIC,
  viewer: PUBLIC,
  programme: PUBLIC,
  programmes: PUBLIC,
  regions: PUBLIC,
  administrations: PUBLIC,
  administration: PUBLIC,
  cohorts: PUBLIC,
  cohort: PUBLIC,
  associates: PUBLIC,
  researchProjects: PUBLIC,
  searchResearch: PUBLIC,
  events: PUBLIC,
  alumni: PUBLIC,
  alumniNetwork: PUBLIC,
  programmeStatistics: PUBLIC,
  verifyCertificate: PUBLIC,
  invitations: PUBLIC,
  nominations: SIGNED_IN,
  users: roles(ADMIN),
  auditLog: roles(ADMIN),
  outboxMessages: roles(ADMIN),
  webhookEndpoints: roles(ADMIN),
};

const MUTATION_RULES: Record<string, Rule> = {
  login: PUBLIC,
  logout: SIGNED_IN,
  changePassword: SIGNED_IN,
  createUser: roles(ADMIN),
  inviteUser: roles(ADMIN),
  resendInvitation: roles(ADMIN),
  // Anonymous by nature: the link's token (or, for a reset request, nothing but an e-mail) is the credential.
  acceptInvitation: PUBLIC,
  requestPasswordReset: PUBLIC,
  resetPassword: PUBLIC,
  updateUser: roles(ADMIN),
  deactivateUser: roles(ADMIN),
  createCohort: roles(ADMIN),
  updateCohort: roles(ADMIN),
  updateAdministration: roles(ADMIN),
  transitionCohort: roles(ADMIN),
  publishOutcomes: roles(ADMIN),
  inviteAdministrations: roles(ADMIN),
  scheduleEvent: roles(ADMIN),
  rescheduleEvent: roles(ADMIN),
  cancelEvent: roles(ADMIN),
  assignPlacement: roles(ADMIN),
  completePlacement: roles(ADMIN),
  // An associate acts on its own research and alumni record only: the services check which record is theirs.
  proposeResearch: roles(ADMIN, ASSOCIATE),
  updateResearch: roles(ADMIN, ASSOCIATE),
  approveResearch: roles(ADMIN),
  returnResearch: roles(ADMIN),
  addMilestone: roles(ADMIN, ASSOCIATE),
  completeMilestone: roles(ADMIN, ASSOCIATE),
  submitResearch: roles(ADMIN, ASSOCIATE),
  recordPresentation: roles(ADMIN),
  publishResearch: roles(ADMIN),
  updateAlumniProfile: roles(ADMIN, ASSOCIATE),
  recordAlumniActivity: roles(ADMIN, ASSOCIATE),
  // A FOCAL_POINT only for its own administration's nominations: checked in the service (FORBIDDEN).
  submitNomination: roles(ADMIN, FOCAL_POINT),
  withdrawNomination: roles(ADMIN, FOCAL_POINT),
  reviewNomination: roles(ADMIN, REVIEWER),
  decideNomination: roles(ADMIN),
  issueCertificate: roles(ADMIN),
  revokeCertificate: roles(ADMIN),
  resendOutboxMessage: roles(ADMIN),
  createWebhookEndpoint: roles(ADMIN),
  updateWebhookEndpoint: roles(ADMIN),
  rotateWebhookSecret: roles(ADMIN),
  deleteWebhookEndpoint: roles(ADMIN),
  resendWebhookDelivery: roles(ADMIN),
};

/** Subscriptions: who may subscribe; each event is then sent only to subscribers who may see what it concerns. */
const SUBSCRIPTION_RULES: Record<string, Rule> = {
  nominationChanged: roles(ADMIN, REVIEWER, FOCAL_POINT),
  cohortChanged: SIGNED_IN,
  reviewQueueChanged: roles(ADMIN, REVIEWER),
  researchChanged: SIGNED_IN,
  certificateIssued: roles(ADMIN, FOCAL_POINT, ASSOCIATE),
  viewerNotifications: SIGNED_IN,
};

/**
 * The rule of `type.field`, or undefined when the policy has none (which
 * stops the server from starting). Connections, edges and payloads carry
 * what their producer was allowed to return, so they are public structure.
 */
export function ruleFor(typeName: string, fieldName: string): Rule | undefined {
  if (typeName === 'Query') return QUERY_RULES[fieldName];
  if (typeName === 'Mutation') return MUTATION_RULES[fieldName];
  if (typeName === 'Subscription') return SUBSCRIPTION_RULES[fieldName];
  const own = FIELD_RULES[typeName]?.[fieldName];
  if (own) return own;
  if (PUBLIC_TYPES.includes(typeName) || /(Connection|Edge|Payload)$/.test(typeName)) return PUBLIC;
  return ROW_TYPES[typeName];
}
