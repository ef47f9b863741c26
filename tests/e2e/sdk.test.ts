import { parse } from 'graphql';
import {
  CdpError,
  CdpGraphQLError,
  CdpNetworkError,
  CohortDocument,
  CohortsDocument,
  createCdpClient,
  SearchResearchDocument,
  type CdpClient,
  type CdpErrorCode,
  type CdpOperations,
  type CohortStatus,
  type FetchLike,
  type UserErrorCode,
  type UserErrorFieldsFragment,
  type UserFieldsFragment,
  type SubmitNominationInput,
  type UserRole,
} from '@cdp-hub/sdk';
import { linkToken } from '../../server/src/auth/account-links';
import { tokenDigest } from '../../server/src/auth/tokens';
import history from '../../server/src/db/seed/cdp-history.json';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/db/seed/demo-users';
import { fromGlobalId, toGlobalId } from '../../server/src/graphql/relay/global-id';
import { Nomination } from '../../server/src/modules/nomination/nomination.entity';
import { Session } from '../../server/src/modules/user/session.entity';
import { User } from '../../server/src/modules/user/user.entity';
import { OutboxChannel, OutboxMessageStatus } from '../../server/src/outbox/outbox-enums';
import { OutboxEvent } from '../../server/src/outbox/outbox-event.entity';
import { OutboxMessage } from '../../server/src/outbox/outbox-message.entity';
import { insert } from '../support/arrange';
import { insertDeadDelivery, PUBLIC_HOOK_URL } from '../support/webhooks';
import { UserRole as ServerUserRole } from '../../server/src/modules/user/user-role';
import { yearDates } from '../support/cohort-workflow';
import { CohortStatus as ServerCohortStatus } from '../../server/src/modules/cohort/cohort-status';
import { NominationStatus as ServerNominationStatus } from '../../server/src/modules/nomination/nomination-status';
import { arrangeCohort, arrangeNomination, demoCohort, focalAdministration, MOTIVATION } from '../support/arrange-nominations';
import { describeEachDatabase } from '../support/databases';
import { startGateway, type Gateway } from '../support/gateway';
import { startTestServer, TEST_NOW, type TestServer } from '../support/server';

const COHORT_2023 = history.cohorts.find((c) => c.label === '2023-2024')!;

/** A DEAD message of the outbox, written directly (this server runs no outbox worker): to the demo reviewer. */
async function deadMessage(server: TestServer): Promise<{ id: string }> {
  const ds = server.database.dataSource;
  const reviewer = await ds.getRepository(User).findOneByOrFail({ email: DEMO_USERS.REVIEWER.email });
  const at = new Date(TEST_NOW);
  const event = await insert(ds, OutboxEvent, {
    type: 'PasswordChanged',
    payload: { userId: toGlobalId('User', reviewer.uuid) },
    occurredAt: at,
    requestId: null,
    actorId: reviewer.uuid,
    actorLabel: 'user:REVIEWER',
    dedupeKey: null,
  });
  const message = await insert(ds, OutboxMessage, {
    eventId: event.uuid,
    eventType: 'PasswordChanged',
    channel: OutboxChannel.EMAIL,
    recipientId: reviewer.uuid,
    idempotencyKey: `email:${event.uuid}:${reviewer.uuid}`,
    status: OutboxMessageStatus.DEAD,
    attempts: 8,
    nextAttemptAt: null,
    leaseOwner: null,
    lastError: 'SMTP 451 Try again later',
    sentAt: null,
    createdAt: at,
    updatedAt: at,
  });
  return { id: toGlobalId('OutboxMessage', message.uuid) };
}

const HOOK_URL = PUBLIC_HOOK_URL;

/** A webhook endpoint registered through the SDK by ADMIN; its id and secret. */
async function newEndpoint(f: Fixture): Promise<{ id: string; secret: string }> {
  const { createWebhookEndpoint } = await (await f.as('ADMIN')).createWebhookEndpoint({
    input: { url: HOOK_URL, eventTypes: ['NOMINATION_SUBMITTED'], description: 'SDK test' },
  });
  expect(createWebhookEndpoint.userErrors).toEqual([]);
  return { id: createWebhookEndpoint.endpoint!.id, secret: createWebhookEndpoint.secret! };
}

/** A DEAD webhook delivery to a new endpoint (written directly, as the worker would leave it after failures). */
async function deadDelivery(f: Fixture): Promise<{ id: string; endpointId: string }> {
  const endpoint = await newEndpoint(f);
  const message = await insertDeadDelivery(f.server.database.dataSource, fromGlobalId(endpoint.id, new Set(['WebhookEndpoint'])).id, new Date(TEST_NOW));
  return { id: toGlobalId('OutboxMessage', message.uuid), endpointId: endpoint.id };
}

/** Ids of seeded objects, found through the SDK itself, for the by-id operations. */
interface SeedIds {
  cohort: string;
  associate: string;
  research: string;
  event: string;
  certificate: string;
  alumniProfile: string;
  nomination: string;
}

/** A password that passes the policy (12+ characters, not a common one). */
const NEW_PASSWORD = 'correct horse battery staple 7';

/** An e-mail no other test uses, so tests that create users stay independent. */
let emails = 0;
const uniqueEmail = (tag: string): string => `${tag}.${++emails}@sdk-test.example`;

/** The codes of a payload's userErrors, with their input paths: what a UI switches on. */
const codesOf = (errors: ReadonlyArray<UserErrorFieldsFragment>): Array<[UserErrorCode, ReadonlyArray<string> | null]> =>
  errors.map((e) => [e.code, e.field]);

/** What the table's checks and the suites below share: the server and SDK clients signed in per role. */
interface Fixture {
  server: TestServer;
  ids: SeedIds;
  /** An SDK client with the token of the seed's demo user of this role (server.as). */
  as(role: UserRole): Promise<CdpClient>;
  /** Creates an active user with NEW_PASSWORD through the SDK, as ADMIN; returns it. */
  newUser(role?: 'REVIEWER' | 'ADMIN'): Promise<UserFieldsFragment>;
}

async function seedIds(client: CdpClient, server: TestServer): Promise<SeedIds> {
  const page = await client.cohort({ label: '2023-2024' });
  const cohort = page.cohort!;
  const associate = cohort.associates.nodes[0]!;
  const research = await client.researchProjects({ first: 1, filter: { cohortId: cohort.id } });
  const alumni = await client.alumni({ first: 1 });
  const certificate = await client.verifyCertificate({ serial: 'CDP-2024-001' });
  return {
    cohort: cohort.id,
    associate: associate.id,
    research: research.researchProjects.nodes[0]!.id,
    event: cohort.events[0]!.id,
    certificate: certificate.verifyCertificate.certificate!.id,
    alumniProfile: alumni.alumni.nodes[0]!.id,
    // Nominations are not public, so the id comes from the database.
    nomination: toGlobalId('Nomination', (await server.database.dataSource.getRepository(Nomination).findOneByOrFail({})).uuid),
  };
}

/**
 * One live call per generated method. Typed by CdpOperations, so an
 * operation added to the SDK without a check here fails `npm run typecheck`.
 * `c` is anonymous; `f.as(role)` gives a signed-in client.
 */
const EVERY_OPERATION: { [K in keyof CdpOperations]: (c: CdpClient, ids: SeedIds, f: Fixture) => Promise<void> } = {
  administration: async (c) => expect((await c.administration({ iso2: 'RW' })).administration).toMatchObject({ name: 'Rwanda', region: { code: 'ESA' } }),
  administrations: async (c) => expect((await c.administrations({ filter: { regionCode: 'ESA' } })).administrations.totalCount).toBeGreaterThan(5),
  alumni: async (c) => expect((await c.alumni({ first: 3 })).alumni.nodes).toHaveLength(3),
  alumniNetwork: async (c) => expect((await c.alumniNetwork({ filter: { isLiaisonPoint: false } })).alumniNetwork.nodes.length).toBeGreaterThan(0),
  associates: async (c) => expect((await c.associates({ filter: { administrationIso2: 'RW' } })).associates.nodes.every((a) => a.administration.iso2 === 'RW')).toBe(true),
  cohort: async (c) => expect((await c.cohort({ label: '2023-2024' })).cohort?.associates.totalCount).toBe(COHORT_2023.countries.length),
  cohortPage: async (c) => {
    const { cohort } = await c.cohortPage({ label: '2023-2024' });
    expect(cohort?.associates.nodes.length).toBe(Math.min(20, COHORT_2023.countries.length));
    expect(cohort?.events.some((e) => e.kind === 'CERTIFICATE_CEREMONY')).toBe(true);
  },
  cohortAssociates: async (c) => expect((await c.cohortAssociates({ label: '2023-2024', first: 2 })).cohort?.associates.nodes).toHaveLength(2),
  cohorts: async (c) => expect((await c.cohorts()).cohorts.totalCount).toBeGreaterThanOrEqual(history.cohorts.length),
  events: async (c) => expect((await c.events({ filter: { kindIn: ['CERTIFICATE_CEREMONY'] } })).events.nodes.every((e) => e.kind === 'CERTIFICATE_CEREMONY')).toBe(true),
  node: async (c, ids) => expect((await c.node({ id: ids.cohort })).node).toEqual({ __typename: 'Cohort', id: ids.cohort }),
  nodes: async (c, ids) => expect((await c.nodes({ ids: [ids.event, ids.associate] })).nodes.map((n) => n?.__typename)).toEqual(['Event', 'ProfessionalAssociate']),
  cohortById: async (c, ids) => expect((await c.cohortById({ id: ids.cohort })).node).toMatchObject({ label: '2023-2024' }),
  professionalAssociateById: async (c, ids) => expect((await c.professionalAssociateById({ id: ids.associate })).node).toMatchObject({ __typename: 'ProfessionalAssociate', id: ids.associate }),
  researchProjectById: async (c, ids) => expect((await c.researchProjectById({ id: ids.research })).node).toMatchObject({ __typename: 'ResearchProject', status: 'PUBLISHED' }),
  eventById: async (c, ids) => expect((await c.eventById({ id: ids.event })).node).toMatchObject({ __typename: 'Event', id: ids.event }),
  certificateById: async (c, ids) => expect((await c.certificateById({ id: ids.certificate })).node).toMatchObject({ serial: 'CDP-2024-001' }),
  alumniProfileById: async (c, ids) => expect((await c.alumniProfileById({ id: ids.alumniProfile })).node).toMatchObject({ __typename: 'AlumniProfile' }),
  // Nominations are not public: the by-id lookup hides them and the list asks for sign-in; a REVIEWER sees them with the candidate's e-mail.
  nominationById: async (c, ids, f) => {
    expect((await c.nominationById({ id: ids.nomination })).node).toBeNull();
    const { node } = await (await f.as('REVIEWER')).nominationById({ id: ids.nomination });
    expect(node).toMatchObject({ __typename: 'Nomination', id: ids.nomination, candidateEmail: expect.stringMatching(/@example\.org$/) });
  },
  nominations: async (c, _ids, f) => {
    await expect(c.nominations()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    // A FOCAL_POINT sees its own administration's nominations only.
    const focalPoint = await f.as('FOCAL_POINT');
    const own = (await focalPoint.viewer()).viewer!.administration!.iso2;
    const { nominations } = await focalPoint.nominations({ first: 100 });
    expect(nominations.totalCount).toBeGreaterThan(0);
    expect(new Set(nominations.nodes.map((n) => n.administration.iso2))).toEqual(new Set([own]));
    expect((await (await f.as('ADMIN')).nominations({ first: 100 })).nominations.totalCount).toBeGreaterThan(nominations.totalCount);
  },
  programme: async (c) => expect((await c.programme({ code: 'WCO-JAPAN-CDP' })).programme?.launchedYear).toBe(2009),
  programmes: async (c) => expect((await c.programmes()).programmes.nodes.map((p) => p.code)).toContain('WCO-JAPAN-CDP'),
  programmeStatistics: async (c) => expect((await c.programmeStatistics()).programmeStatistics?.regionsRepresented).toBe(history.regions.length),
  regions: async (c) => expect((await c.regions()).regions.totalCount).toBe(history.regions.length),
  researchProjects: async (c) => expect((await c.researchProjects({ filter: { statusIn: ['PUBLISHED'] } })).researchProjects.totalCount).toBeGreaterThan(0),
  searchResearch: async (c) => expect((await c.searchResearch({ query: 'customs' })).searchResearch.totalCount).toBeGreaterThan(0),
  verifyCertificate: async (c) => expect((await c.verifyCertificate({ serial: 'CDP-1999-001' })).verifyCertificate).toEqual({ isValid: false, reason: 'UNKNOWN_SERIAL', certificate: null }),
  invitations: async (c, _ids, f) => {
    const own = (await (await f.as('FOCAL_POINT')).viewer()).viewer!.administration!;
    const { invitations } = await c.invitations({ first: 100, filter: { administrationId: own.id, open: true } });
    expect(invitations.totalCount).toBeGreaterThan(0);
    expect(invitations.nodes.every((i) => i.isOpen && i.administration.id === own.id && i.cohort.status === 'NOMINATIONS_OPEN')).toBe(true);
  },
  // The four role screens: each as its role (tests/e2e/dashboards.test.ts runs them at full pages with statement counts).
  focalPointDashboard: async (c, _ids, f) => {
    expect((await c.focalPointDashboard()).viewer).toBeNull();
    const { viewer } = await (await f.as('FOCAL_POINT')).focalPointDashboard({ invitationsFirst: 5 });
    expect(viewer!.administration!.openInvitations.nodes.every((i) => i.isOpen)).toBe(true);
    expect(viewer!.administration!.nominations.totalCount).toBeGreaterThan(0);
  },
  reviewQueue: async (_c, _ids, f) => {
    const { viewer } = await (await f.as('REVIEWER')).reviewQueue();
    expect(viewer!.reviewQueue!.nodes.every((n) => n.status === 'SUBMITTED' || n.status === 'SHORTLISTED')).toBe(true);
    expect((await (await f.as('FOCAL_POINT')).reviewQueue()).viewer!.reviewQueue).toBeNull();
  },
  associateHome: async (_c, _ids, f) => {
    const { viewer } = await (await f.as('ASSOCIATE')).associateHome();
    expect(viewer!.associate).toMatchObject({ id: expect.any(String), cohort: { events: expect.any(Array) } });
  },
  adminInbox: async (_c, _ids, f) => {
    const { viewer, cohorts } = await (await f.as('ADMIN')).adminInbox();
    expect(viewer!.actionCounts).toEqual({ nominationsToDecide: expect.any(Number), placementsToAssign: expect.any(Number), researchToApprove: expect.any(Number), deadOutboxMessages: expect.any(Number) });
    expect(cohorts.nodes.every((co) => co.status === 'NOMINATIONS_OPEN' || co.status === 'SELECTION')).toBe(true);
  },
  viewer: async (c, _ids, f) => {
    expect((await c.viewer()).viewer).toBeNull();
    const { viewer } = await (await f.as('ASSOCIATE')).viewer();
    expect(viewer).toMatchObject({ email: DEMO_USERS.ASSOCIATE.email, role: 'ASSOCIATE', isActive: true, administration: null });
    expect(viewer!.associate).toEqual({ id: expect.any(String), fullName: expect.any(String) });
  },
  users: async (c, _ids, f) => {
    await expect(c.users()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect((await f.as('REVIEWER')).users()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { users } = await (await f.as('ADMIN')).users({ first: 100, filter: { roleIn: ['ADMIN', 'REVIEWER', 'FOCAL_POINT', 'ASSOCIATE'] } });
    expect(users.nodes.map((u) => u.email)).toEqual(expect.arrayContaining(Object.values(DEMO_USERS).map((u) => u.email)));
  },
  auditLog: async (c, _ids, f) => {
    await expect(c.auditLog()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const admin = await f.as('ADMIN');
    const adminId = (await admin.viewer()).viewer!.id;
    // The ADMIN's own sign-in is on record, attributed to it.
    const { auditLog } = await admin.auditLog({ filter: { operationIn: ['login'], actorId: adminId } });
    expect(auditLog.totalCount).toBeGreaterThan(0);
    expect(auditLog.nodes[0]).toMatchObject({ operation: 'login', entityType: 'User', actorLabel: 'user:ADMIN', actor: { id: adminId } });
  },
  outboxMessages: async (c, _ids, f) => {
    await expect(c.outboxMessages()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect((await f.as('REVIEWER')).outboxMessages()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const dead = await deadMessage(f.server);
    const { outboxMessages } = await (await f.as('ADMIN')).outboxMessages({ first: 10, filter: { statusIn: ['DEAD'], eventTypeIn: ['PasswordChanged'] } });
    const found = outboxMessages.nodes.find((m) => m.id === dead.id);
    expect(found).toMatchObject({
      status: 'DEAD',
      channel: 'EMAIL',
      eventType: 'PasswordChanged',
      attempts: 8,
      lastError: 'SMTP 451 Try again later',
      recipient: { email: DEMO_USERS.REVIEWER.email, preferredLanguage: 'EN' },
    });
    expect(outboxMessages.nodes.every((m) => m.status === 'DEAD')).toBe(true);
  },
  resendOutboxMessage: async (c, _ids, f) => {
    const dead = await deadMessage(f.server);
    await expect(c.resendOutboxMessage({ input: { messageId: dead.id } })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const admin = await f.as('ADMIN');
    const { resendOutboxMessage } = await admin.resendOutboxMessage({ input: { messageId: dead.id } });
    expect(resendOutboxMessage).toMatchObject({ userErrors: [], message: { id: dead.id, status: 'PENDING', attempts: 0 } });
    const again = await admin.resendOutboxMessage({ input: { messageId: dead.id } });
    expect(codesOf(again.resendOutboxMessage.userErrors)).toEqual([['OUTBOX_MESSAGE_NOT_DEAD', ['input', 'messageId']]]);
  },
  webhookEndpoints: async (c, _ids, f) => {
    await expect(c.webhookEndpoints()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect((await f.as('FOCAL_POINT')).webhookEndpoints()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const dead = await deadDelivery(f);
    const { webhookEndpoints } = await (await f.as('ADMIN')).webhookEndpoints({ first: 100, deliveryFilter: { statusIn: ['DEAD'] } });
    const endpoint = webhookEndpoints.nodes.find((e) => e.id === dead.endpointId);
    expect(endpoint).toMatchObject({ url: HOOK_URL, eventTypes: ['NOMINATION_SUBMITTED'], isEnabled: true, consecutiveFailures: 0 });
    expect(endpoint!.deliveries).toMatchObject({ totalCount: 1, nodes: [{ id: dead.id, status: 'DEAD', eventType: 'CohortOpened', lastError: 'HTTP 503' }] });
  },
  createWebhookEndpoint: async (c, _ids, f) => {
    const input = { url: HOOK_URL, eventTypes: ['CERTIFICATE_ISSUED' as const] };
    await expect(c.createWebhookEndpoint({ input })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const admin = await f.as('ADMIN');
    const { createWebhookEndpoint } = await admin.createWebhookEndpoint({ input });
    expect(createWebhookEndpoint).toMatchObject({ userErrors: [], secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{43}=$/), endpoint: { url: HOOK_URL, description: '' } });
    const refused = await admin.createWebhookEndpoint({ input: { ...input, url: 'https://169.254.169.254/latest/meta-data' } });
    expect(codesOf(refused.createWebhookEndpoint.userErrors)).toEqual([['WEBHOOK_URL_REFUSED', ['input', 'url']]]);
  },
  updateWebhookEndpoint: async (_c, _ids, f) => {
    const { id } = await newEndpoint(f);
    const admin = await f.as('ADMIN');
    const off = await admin.updateWebhookEndpoint({ input: { endpointId: id, isEnabled: false, eventTypes: ['COHORT_OPENED', 'NOMINATIONS_CLOSED'] } });
    expect(off.updateWebhookEndpoint).toMatchObject({ userErrors: [], endpoint: { isEnabled: false, disabledReason: 'disabled by an ADMIN', eventTypes: ['COHORT_OPENED', 'NOMINATIONS_CLOSED'] } });
    const on = await admin.updateWebhookEndpoint({ input: { endpointId: id, isEnabled: true } });
    expect(on.updateWebhookEndpoint.endpoint).toMatchObject({ isEnabled: true, disabledReason: null, disabledAt: null });
  },
  rotateWebhookSecret: async (_c, _ids, f) => {
    const { id, secret } = await newEndpoint(f);
    const { rotateWebhookSecret } = await (await f.as('ADMIN')).rotateWebhookSecret({ input: { endpointId: id, overlapHours: 2 } });
    expect(rotateWebhookSecret).toMatchObject({ userErrors: [], secret: expect.stringMatching(/^whsec_/), endpoint: { previousSecretExpiresAt: expect.any(String) } });
    expect(rotateWebhookSecret.secret).not.toBe(secret);
  },
  deleteWebhookEndpoint: async (_c, _ids, f) => {
    const { id } = await newEndpoint(f);
    const admin = await f.as('ADMIN');
    expect((await admin.deleteWebhookEndpoint({ input: { endpointId: id } })).deleteWebhookEndpoint).toEqual({ deletedEndpointId: id, userErrors: [] });
    const again = await admin.deleteWebhookEndpoint({ input: { endpointId: id } });
    expect(codesOf(again.deleteWebhookEndpoint.userErrors)).toEqual([['WEBHOOK_ENDPOINT_NOT_FOUND', ['input', 'endpointId']]]);
  },
  resendWebhookDelivery: async (_c, _ids, f) => {
    const dead = await deadDelivery(f);
    const admin = await f.as('ADMIN');
    const { resendWebhookDelivery } = await admin.resendWebhookDelivery({ input: { deliveryId: dead.id } });
    expect(resendWebhookDelivery).toMatchObject({ userErrors: [], delivery: { id: dead.id, status: 'PENDING', attempts: 0 } });
    const again = await admin.resendWebhookDelivery({ input: { deliveryId: dead.id } });
    expect(codesOf(again.resendWebhookDelivery.userErrors)).toEqual([['WEBHOOK_DELIVERY_IN_FLIGHT', ['input', 'deliveryId']]]);
  },
  login: async (c) => {
    const { login } = await c.login({ input: { email: DEMO_USERS.REVIEWER.email.toUpperCase(), password: DEMO_PASSWORD } });
    expect(login).toMatchObject({ token: expect.stringMatching(/^cdp_/), retryAfterSeconds: null, userErrors: [], user: { role: 'REVIEWER' } });
    const wrong = await c.login({ input: { email: uniqueEmail('nobody'), password: 'not the password' } });
    expect(wrong.login).toMatchObject({ token: null, user: null, expiresAt: null });
    expect(codesOf(wrong.login.userErrors)).toEqual([['INVALID_CREDENTIALS', null]]);
  },
  logout: async (c, _ids, f) => {
    await expect(c.logout()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    // A session of its own: logging out must not end the shared server.as() sessions.
    const session = await f.server.signIn(DEMO_USERS.REVIEWER.email, DEMO_PASSWORD);
    const reviewer = createCdpClient({ url: f.server.url, token: session.token! });
    expect((await reviewer.logout({ input: { reason: 'sdk-test' } })).logout).toEqual({ endedAt: expect.any(String), userErrors: [] });
    await expect(reviewer.viewer()).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  },
  inviteUser: async (c, _ids, f) => {
    const input = { email: uniqueEmail('invited'), displayName: 'Invited Person', role: 'REVIEWER' as const, preferredLanguage: 'FR' as const };
    await expect(c.inviteUser({ input })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const { inviteUser } = await (await f.as('ADMIN')).inviteUser({ input });
    expect(inviteUser).toMatchObject({ userErrors: [], invitationExpiresAt: expect.any(String), user: { email: input.email, invitationPending: true } });
    const taken = await (await f.as('ADMIN')).inviteUser({ input });
    expect(codesOf(taken.inviteUser.userErrors)).toEqual([['EMAIL_TAKEN', ['input', 'email']]]);
  },
  resendInvitation: async (_c, _ids, f) => {
    const admin = await f.as('ADMIN');
    const { inviteUser } = await admin.inviteUser({ input: { email: uniqueEmail('resent'), displayName: 'Resent', role: 'REVIEWER' } });
    const { resendInvitation } = await admin.resendInvitation({ input: { userId: inviteUser.user!.id } });
    expect(resendInvitation).toMatchObject({ userErrors: [], user: { id: inviteUser.user!.id, invitationPending: true } });
    const signedUp = await f.newUser();
    const refused = await admin.resendInvitation({ input: { userId: signedUp.id } });
    expect(codesOf(refused.resendInvitation.userErrors)).toEqual([['INVITATION_NOT_PENDING', ['input', 'userId']]]);
  },
  acceptInvitation: async (c, _ids, f) => {
    const { inviteUser } = await (await f.as('ADMIN')).inviteUser({ input: { email: uniqueEmail('accepting'), displayName: 'Accepting', role: 'REVIEWER' } });
    const token = await linkTokenOf(f.server, 'UserInvited', inviteUser.user!.id);
    const { acceptInvitation } = await c.acceptInvitation({ input: { token, password: NEW_PASSWORD } });
    expect(acceptInvitation).toMatchObject({ userErrors: [], token: expect.stringMatching(/^cdp_/), user: { id: inviteUser.user!.id } });
    const own = createCdpClient({ url: f.server.url, token: acceptInvitation.token! });
    expect((await own.viewer()).viewer).toMatchObject({ id: inviteUser.user!.id });
    const again = await c.acceptInvitation({ input: { token, password: NEW_PASSWORD } });
    expect(codesOf(again.acceptInvitation.userErrors)).toEqual([['ACCOUNT_LINK_INVALID', ['input', 'token']]]);
  },
  requestPasswordReset: async (c, _ids, f) => {
    const user = await f.newUser();
    const known = await c.requestPasswordReset({ input: { email: user.email } });
    const unknown = await c.requestPasswordReset({ input: { email: uniqueEmail('nobody') } });
    expect(known).toEqual(unknown);
    expect(known.requestPasswordReset).toEqual({ requestedAt: TEST_NOW, retryAfterSeconds: null, userErrors: [] });
  },
  resetPassword: async (c, _ids, f) => {
    const user = await f.newUser();
    await c.requestPasswordReset({ input: { email: user.email } });
    const token = await linkTokenOf(f.server, 'PasswordResetRequested', user.id);
    expect((await c.resetPassword({ input: { token, newPassword: `${NEW_PASSWORD}!` } })).resetPassword).toEqual({ endedSessionCount: 0, userErrors: [] });
    expect((await c.login({ input: { email: user.email, password: `${NEW_PASSWORD}!` } })).login.userErrors).toEqual([]);
  },
  publishOutcomes: async (c, ids, f) => {
    await expect((await f.as('REVIEWER')).publishOutcomes({ input: { cohortId: ids.cohort } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // The 2023-2024 cohort is over: its outcomes were told long ago, outside CDP Hub.
    const { publishOutcomes } = await (await f.as('ADMIN')).publishOutcomes({ input: { cohortId: ids.cohort } });
    expect(codesOf(publishOutcomes.userErrors)).toEqual([['COHORT_NOT_DECIDING', ['input', 'cohortId']]]);
    expect(publishOutcomes.cohort).toBeNull();
    void c;
  },
  returnResearch: async (c, ids, f) => {
    await expect(c.returnResearch({ input: { researchId: ids.research, comment: 'Narrow the scope.' } })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const admin = await f.as('ADMIN');
    const blank = await admin.returnResearch({ input: { researchId: ids.research, comment: '   ' } });
    expect(codesOf(blank.returnResearch.userErrors)).toEqual([['INVALID_VALUE', ['input', 'comment']]]);
    // Seeded research of a past cohort is past PROPOSED.
    const { returnResearch } = await admin.returnResearch({ input: { researchId: ids.research, comment: 'Narrow the scope.' } });
    expect(codesOf(returnResearch.userErrors)).toEqual([['INVALID_RESEARCH_STATUS', ['input', 'researchId']]]);
  },
  changePassword: async (c, _ids, f) => {
    const user = await f.newUser();
    const { login } = await c.login({ input: { email: user.email, password: NEW_PASSWORD } });
    const own = createCdpClient({ url: f.server.url, token: login.token! });
    const wrong = await own.changePassword({ input: { currentPassword: 'not the password', newPassword: `${NEW_PASSWORD}!` } });
    expect(codesOf(wrong.changePassword.userErrors)).toEqual([['CURRENT_PASSWORD_INCORRECT', ['input', 'currentPassword']]]);
    const weak = await own.changePassword({ input: { currentPassword: NEW_PASSWORD, newPassword: 'short' } });
    expect(codesOf(weak.changePassword.userErrors)).toEqual([['PASSWORD_TOO_SHORT', ['input', 'newPassword']]]);
    const { changePassword } = await own.changePassword({ input: { currentPassword: NEW_PASSWORD, newPassword: `${NEW_PASSWORD}!` } });
    expect(changePassword).toMatchObject({ userErrors: [], endedSessionCount: 0, user: { id: user.id } });
    expect((await c.login({ input: { email: user.email, password: `${NEW_PASSWORD}!` } })).login.userErrors).toEqual([]);
  },
  createUser: async (c, _ids, f) => {
    const input = { email: uniqueEmail('focal'), displayName: 'Focal Point', password: NEW_PASSWORD, role: 'FOCAL_POINT' as const };
    await expect(c.createUser({ input })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect((await f.as('REVIEWER')).createUser({ input })).rejects.toMatchObject({ code: 'FORBIDDEN', status: 200 });
    const admin = await f.as('ADMIN');
    const missingLink = await admin.createUser({ input });
    expect(codesOf(missingLink.createUser.userErrors)).toEqual([['ADMINISTRATION_REQUIRED', ['input', 'administrationId']]]);
    expect(missingLink.createUser.user).toBeNull();
    const rwanda = (await c.administration({ iso2: 'RW' })).administration!;
    const { createUser } = await admin.createUser({ input: { ...input, administrationId: rwanda.id } });
    expect(createUser).toMatchObject({ userErrors: [], user: { email: input.email, role: 'FOCAL_POINT', isActive: true, lastLoginAt: null, administration: { iso2: 'RW', name: 'Rwanda' } } });
  },
  updateUser: async (_c, _ids, f) => {
    const user = await f.newUser();
    const admin = await f.as('ADMIN');
    const taken = await admin.updateUser({ input: { id: user.id, email: DEMO_USERS.ADMIN.email } });
    expect(codesOf(taken.updateUser.userErrors)).toEqual([['EMAIL_TAKEN', ['input', 'email']]]);
    const { updateUser } = await admin.updateUser({ input: { id: user.id, displayName: 'Renamed Reviewer' } });
    expect(updateUser).toMatchObject({ userErrors: [], user: { id: user.id, displayName: 'Renamed Reviewer', role: 'REVIEWER' } });
  },
  deactivateUser: async (c, _ids, f) => {
    const user = await f.newUser();
    const admin = await f.as('ADMIN');
    expect((await admin.deactivateUser({ input: { id: user.id } })).deactivateUser).toMatchObject({ userErrors: [], user: { isActive: false } });
    const again = await admin.deactivateUser({ input: { id: user.id } });
    expect(codesOf(again.deactivateUser.userErrors)).toEqual([['USER_INACTIVE', ['input', 'id']]]);
    // A deactivated user cannot sign in, and gets the same answer as a wrong password.
    expect(codesOf((await c.login({ input: { email: user.email, password: NEW_PASSWORD } })).login.userErrors)).toEqual([['INVALID_CREDENTIALS', null]]);
  },
  updateCohort: async (c, _ids, f) => {
    const admin = await f.as('ADMIN');
    const cohort = await sdkCohort(admin, '2097-2098');
    await expect(c.updateCohort({ input: { cohortId: cohort.id, capacity: 12 } })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const { updateCohort } = await admin.updateCohort({ input: { cohortId: cohort.id, capacity: 12, dates: { endDate: '2098-07-15' } } });
    expect(updateCohort).toMatchObject({ userErrors: [], cohort: { id: cohort.id, capacity: 12, seatsTaken: 0, seatsLeft: 12, endDate: '2098-07-15' } });
    const disorder = await admin.updateCohort({ input: { cohortId: cohort.id, dates: { startDate: '2098-08-01' } } });
    expect(codesOf(disorder.updateCohort.userErrors)).toEqual([['DATES_OUT_OF_ORDER', ['input', 'dates', 'startDate']]]);
  },
  updateAdministration: async (c, _ids, f) => {
    const admin = await f.as('ADMIN');
    const { administration } = await c.administration({ iso2: 'RW' });
    await expect((await f.as('FOCAL_POINT')).updateAdministration({ input: { administrationId: administration!.id, isEligible: false } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { updateAdministration } = await admin.updateAdministration({ input: { administrationId: administration!.id, focalPointName: 'Grace Uwase' } });
    expect(updateAdministration).toMatchObject({ userErrors: [], administration: { iso2: 'RW', focalPointName: 'Grace Uwase' } });
  },
  createCohort: async (c, _ids, f) => {
    const input = { label: '2090-2091', capacity: 8, dates: yearDates(2090) };
    await expect(c.createCohort({ input })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const admin = await f.as('ADMIN');
    const { createCohort } = await admin.createCohort({ input });
    expect(createCohort).toMatchObject({ userErrors: [], cohort: { label: '2090-2091', status: 'PLANNED', capacity: 8, startDate: '2090-09-01', programme: { code: 'WCO-JAPAN-CDP' } } });
    const again = await admin.createCohort({ input });
    expect(codesOf(again.createCohort.userErrors)).toEqual([['COHORT_LABEL_TAKEN', ['input', 'label']]]);
  },
  transitionCohort: async (_c, _ids, f) => {
    const admin = await f.as('ADMIN');
    const cohort = await sdkCohort(admin, '2091-2092');
    const skipping = await admin.transitionCohort({ input: { cohortId: cohort.id, to: 'SELECTION' } });
    expect(codesOf(skipping.transitionCohort.userErrors)).toEqual([['INVALID_TRANSITION', ['input', 'to']]]);
    const { transitionCohort } = await admin.transitionCohort({ input: { cohortId: cohort.id, to: 'NOMINATIONS_OPEN' } });
    expect(transitionCohort).toMatchObject({ userErrors: [], cohort: { id: cohort.id, status: 'NOMINATIONS_OPEN' } });
  },
  inviteAdministrations: async (c, _ids, f) => {
    const admin = await f.as('ADMIN');
    const cohort = await sdkCohort(admin, '2092-2093');
    const rwanda = (await c.administration({ iso2: 'RW' })).administration!;
    const { inviteAdministrations } = await admin.inviteAdministrations({ input: { cohortId: cohort.id, administrationIds: [rwanda.id] } });
    expect(inviteAdministrations).toMatchObject({ userErrors: [], alreadyInvited: [], ineligible: [], invited: [{ administration: { iso2: 'RW' } }] });
    const again = await admin.inviteAdministrations({ input: { cohortId: cohort.id, administrationIds: [rwanda.id] } });
    expect(again.inviteAdministrations).toMatchObject({ userErrors: [], invited: [], alreadyInvited: [{ iso2: 'RW', region: { code: 'ESA' } }] });
  },
  scheduleEvent: async (_c, _ids, f) => {
    const admin = await f.as('ADMIN');
    const cohort = await sdkCohort(admin, '2093-2094');
    const input = { cohortId: cohort.id, kind: 'CERTIFICATE_CEREMONY' as const, title: 'Certificate ceremony', startsAt: '2094-07-04T10:00:00.000Z', officiantName: 'Ian Saunders' };
    const { scheduleEvent } = await admin.scheduleEvent({ input });
    expect(scheduleEvent).toMatchObject({ userErrors: [], event: { kind: 'CERTIFICATE_CEREMONY', isCancelled: false, cohort: { id: cohort.id, label: '2093-2094' } } });
    const early = await admin.scheduleEvent({ input: { ...input, startsAt: '2093-08-01T10:00:00.000Z' } });
    expect(codesOf(early.scheduleEvent.userErrors)).toEqual([['EVENT_OUTSIDE_COHORT', ['input', 'startsAt']]]);
  },
  rescheduleEvent: async (_c, _ids, f) => {
    const admin = await f.as('ADMIN');
    const event = await sdkWorkshop(admin, '2094-2095');
    const { rescheduleEvent } = await admin.rescheduleEvent({ input: { eventId: event.id, isVirtual: true, location: null } });
    expect(rescheduleEvent).toMatchObject({ userErrors: [], event: { id: event.id, isVirtual: true, location: null } });
  },
  cancelEvent: async (c, _ids, f) => {
    const admin = await f.as('ADMIN');
    const event = await sdkWorkshop(admin, '2095-2096');
    const { cancelEvent } = await admin.cancelEvent({ input: { eventId: event.id, reason: 'Trainer unavailable.' } });
    expect(cancelEvent).toMatchObject({ userErrors: [], event: { isCancelled: true, cancellationReason: 'Trainer unavailable.' } });
    const { events } = await c.events({ filter: { cohortId: event.cohort!.id, includeCancelled: true } });
    expect(events.nodes.map((e) => [e.id, e.isCancelled])).toEqual([[event.id, true]]);
    const again = await admin.cancelEvent({ input: { eventId: event.id, reason: 'Again.' } });
    expect(codesOf(again.cancelEvent.userErrors)).toEqual([['EVENT_CANCELLED', ['input', 'eventId']]]);
  },
  // The seeded associates' placements are completed and their research published: the workflow steps meet their rules
  // there (the workflow-*.test.ts suites run each step through). A refusal still comes back typed, with null objects.
  assignPlacement: async (c, ids, f) => {
    const input = { associateId: ids.associate, directorate: 'CAPACITY_BUILDING' as const, supervisorName: 'Supervisor', startDate: '2026-09-01', endDate: '2027-06-30' };
    await expect(c.assignPlacement({ input })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const { assignPlacement } = await (await f.as('ADMIN')).assignPlacement({ input });
    expect(assignPlacement.associate).toBeNull();
    expect(codesOf(assignPlacement.userErrors)).toEqual([['PLACEMENT_CLOSED', ['input', 'associateId']]]);
  },
  completePlacement: async (_c, ids, f) => {
    const input = { associateId: ids.associate, outcome: 'COMPLETED' as const, endDate: '2024-06-30' };
    await expect((await f.as('ASSOCIATE')).completePlacement({ input })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { completePlacement } = await (await f.as('ADMIN')).completePlacement({ input });
    expect(codesOf(completePlacement.userErrors)).toEqual([['PLACEMENT_CLOSED', ['input', 'associateId']]]);
  },
  proposeResearch: async (_c, _ids, f) => {
    const input = { title: 'A proposal', abstract: 'An abstract.', themes: ['transit'] };
    await expect((await f.as('REVIEWER')).proposeResearch({ input })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { proposeResearch } = await (await f.as('ADMIN')).proposeResearch({ input });
    expect(codesOf(proposeResearch.userErrors)).toEqual([['ASSOCIATE_ID_REQUIRED', ['input', 'associateId']]]);
  },
  updateResearch: async (_c, ids, f) => {
    const { updateResearch } = await (await f.as('ADMIN')).updateResearch({ input: { researchId: ids.research, themes: [] } });
    expect(codesOf(updateResearch.userErrors)).toEqual([['INVALID_VALUE', ['input', 'themes']]]);
  },
  approveResearch: async (_c, ids, f) => {
    const { approveResearch } = await (await f.as('ADMIN')).approveResearch({ input: { researchId: ids.research } });
    expect(approveResearch.userErrors[0]).toMatchObject({ code: 'INVALID_RESEARCH_STATUS', message: expect.stringContaining('PUBLISHED') });
  },
  addMilestone: async (_c, ids, f) => {
    const { addMilestone } = await (await f.as('ADMIN')).addMilestone({ input: { researchId: ids.research, title: 'Late', dueDate: '2026-12-01' } });
    expect(addMilestone).toMatchObject({ milestone: null, research: null });
    expect(codesOf(addMilestone.userErrors)).toEqual([['RESEARCH_LOCKED', ['input', 'researchId']]]);
  },
  completeMilestone: async (_c, _ids, f) => {
    const milestoneId = toGlobalId('Milestone', '00000000-0000-4000-8000-000000000000');
    const { completeMilestone } = await (await f.as('ADMIN')).completeMilestone({ input: { milestoneId } });
    expect(codesOf(completeMilestone.userErrors)).toEqual([['MILESTONE_NOT_FOUND', ['input', 'milestoneId']]]);
  },
  submitResearch: async (_c, ids, f) => {
    const { submitResearch } = await (await f.as('ADMIN')).submitResearch({ input: { researchId: ids.research } });
    expect(codesOf(submitResearch.userErrors)).toEqual([['INVALID_RESEARCH_STATUS', ['input', 'researchId']]]);
  },
  recordPresentation: async (_c, ids, f) => {
    const { recordPresentation } = await (await f.as('ADMIN')).recordPresentation({ input: { researchId: ids.research, eventId: ids.event } });
    expect(codesOf(recordPresentation.userErrors)).toEqual([['INVALID_RESEARCH_STATUS', ['input', 'researchId']]]);
  },
  publishResearch: async (_c, ids, f) => {
    const { publishResearch } = await (await f.as('ADMIN')).publishResearch({ input: { researchId: ids.research, reportUrl: 'javascript:alert(1)' } });
    expect(codesOf(publishResearch.userErrors)).toEqual([['INVALID_VALUE', ['input', 'reportUrl']]]);
  },
  updateAlumniProfile: async (_c, ids, f) => {
    const { updateAlumniProfile } = await (await f.as('ADMIN')).updateAlumniProfile({ input: { associateId: ids.associate, currentPosition: 'Deputy Director' } });
    expect(updateAlumniProfile).toMatchObject({ userErrors: [], alumniProfile: { currentPosition: 'Deputy Director' } });
  },
  recordAlumniActivity: async (_c, ids, f) => {
    const admin = await f.as('ADMIN');
    const input = { associateId: ids.associate, kind: 'WCO_MEETING' as const, date: TEST_NOW.slice(0, 10), title: 'Permanent Technical Committee' };
    const { recordAlumniActivity } = await admin.recordAlumniActivity({ input });
    expect(recordAlumniActivity).toMatchObject({ userErrors: [], activity: { kind: 'WCO_MEETING', date: TEST_NOW.slice(0, 10), description: null } });
    const future = await admin.recordAlumniActivity({ input: { ...input, date: '2099-01-01' } });
    expect(codesOf(future.recordAlumniActivity.userErrors)).toEqual([['DATE_IN_FUTURE', ['input', 'date']]]);
  },
  submitNomination: async (c, _ids, f) => {
    const input = await nominationInput(f);
    await expect(c.submitNomination({ input })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect((await f.as('REVIEWER')).submitNomination({ input })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const focalPoint = await f.as('FOCAL_POINT');
    const { submitNomination } = await focalPoint.submitNomination({ input });
    const own = (await focalPoint.viewer()).viewer!.administration!.iso2;
    expect(submitNomination).toMatchObject({ userErrors: [], nomination: { status: 'SUBMITTED', submittedAt: TEST_NOW, candidateLanguages: ['en'], administration: { iso2: own } } });
    const twice = await focalPoint.submitNomination({ input });
    expect(codesOf(twice.submitNomination.userErrors)).toEqual([['CANDIDATE_ALREADY_NOMINATED', ['input', 'candidate', 'email']]]);
  },
  withdrawNomination: async (_c, _ids, f) => {
    const focalPoint = await f.as('FOCAL_POINT');
    const { nomination } = (await focalPoint.submitNomination({ input: await nominationInput(f) })).submitNomination;
    const { withdrawNomination } = await focalPoint.withdrawNomination({ input: { nominationId: nomination!.id } });
    expect(withdrawNomination).toMatchObject({ userErrors: [], nomination: { id: nomination!.id, status: 'WITHDRAWN' } });
    const again = await focalPoint.withdrawNomination({ input: { nominationId: nomination!.id } });
    expect(codesOf(again.withdrawNomination.userErrors)).toEqual([['ALREADY_WITHDRAWN', ['input', 'nominationId']]]);
  },
  reviewNomination: async (_c, ids, f) => {
    const reviewer = await f.as('REVIEWER');
    const { reviewNomination } = await reviewer.reviewNomination({ input: { nominationId: ids.nomination, score: 4, comment: 'Clear research plan.' } });
    // Blind review: the reviewer's own review comes back, the mean stays hidden until the decision.
    expect(reviewNomination).toMatchObject({ userErrors: [], review: { score: 4, comment: 'Clear research plan.' }, nomination: { id: ids.nomination, meanScore: null, reviewCount: null } });
    const byAdmin = await (await f.as('ADMIN')).reviewNomination({ input: { nominationId: ids.nomination, score: 5 } });
    expect(byAdmin.reviewNomination.nomination).toMatchObject({ meanScore: 4.5, reviewCount: 2 });
    const outOfRange = await reviewer.reviewNomination({ input: { nominationId: ids.nomination, score: 6 } });
    expect(codesOf(outOfRange.reviewNomination.userErrors)).toEqual([['SCORE_OUT_OF_RANGE', ['input', 'score']]]);
  },
  decideNomination: async (_c, ids, f) => {
    const admin = await f.as('ADMIN');
    // The seeded demonstration cohort still takes nominations: no decisions yet.
    const early = await admin.decideNomination({ input: { nominationId: ids.nomination, decision: 'SHORTLISTED' } });
    expect(codesOf(early.decideNomination.userErrors)).toEqual([['COHORT_NOT_IN_SELECTION', ['input', 'nominationId']]]);
    const ds = f.server.database.dataSource;
    const administration = await focalAdministration(ds);
    const cohort = await arrangeCohort(ds, { status: ServerCohortStatus.SELECTION, capacity: 1, invited: [administration] });
    const shortlisted = await arrangeNomination(ds, { cohort, administration, status: ServerNominationStatus.SHORTLISTED });
    const { decideNomination } = await admin.decideNomination({ input: { nominationId: toGlobalId('Nomination', shortlisted.uuid), decision: 'SELECTED' } });
    expect(decideNomination).toMatchObject({
      userErrors: [],
      nomination: { status: 'SELECTED', decidedAt: TEST_NOW },
      associate: { status: 'ASSIGNED', fullName: shortlisted.candidateFullName, email: shortlisted.candidateEmail, cohort: { label: cohort.label } },
    });
  },
  issueCertificate: async (c, _ids, f) => {
    // A seeded holder whose certificate is revoked first may be issued a new one, with the next serial of the ceremony year.
    const held = (await c.verifyCertificate({ serial: 'CDP-2014-005' })).verifyCertificate.certificate!;
    const input = { associateId: held.associate.id, ceremonyId: held.ceremony.id, signatoryName: 'Kunio Mikuriya', signatoryTitle: 'Secretary General' };
    await expect((await f.as('REVIEWER')).issueCertificate({ input })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const admin = await f.as('ADMIN');
    expect(codesOf((await admin.issueCertificate({ input })).issueCertificate.userErrors)).toEqual([['CERTIFICATE_EXISTS', ['input', 'associateId']]]);
    expect((await admin.revokeCertificate({ input: { serial: held.serial, reason: 'Reissued with a corrected name' } })).revokeCertificate.userErrors).toEqual([]);
    const { issueCertificate } = await admin.issueCertificate({ input });
    expect(issueCertificate).toMatchObject({ userErrors: [], certificate: { serial: expect.stringMatching(/^CDP-2014-0(0[89]|10)$/), isValid: true } });
    expect(issueCertificate.certificate!.credential).toMatchObject({ type: ['VerifiableCredential', 'OpenBadgeCredential'], proof: { cryptosuite: 'eddsa-jcs-2022' } });
  },
  revokeCertificate: async (_c, _ids, f) => {
    const admin = await f.as('ADMIN');
    const { revokeCertificate } = await admin.revokeCertificate({ input: { serial: 'cdp-2014-003', reason: 'Issued in error' } });
    expect(revokeCertificate).toMatchObject({ userErrors: [], certificate: { serial: 'CDP-2014-003', isValid: false, revocationReason: 'Issued in error' } });
    const again = await admin.revokeCertificate({ input: { certificateId: revokeCertificate.certificate!.id, reason: 'Twice' } });
    expect(codesOf(again.revokeCertificate.userErrors)).toEqual([['ALREADY_REVOKED', ['input', 'certificateId']]]);
  },
};

/**
 * The token of the newest account link of this kind for the user, as its
 * letter would carry it: this server runs no outbox worker, so the test
 * derives it from the event's link ID under the server's pepper.
 */
async function linkTokenOf(server: TestServer, type: 'UserInvited' | 'PasswordResetRequested', userId: string): Promise<string> {
  const events = await server.database.dataSource.getRepository(OutboxEvent).find({ where: { type }, order: { occurredAt: 'DESC' } });
  const event = events.find((e) => (e.payload as { userId: string | null }).userId === userId);
  if (!event) throw new Error(`no ${type} event for ${userId}`);
  return linkToken(server.auth.pepper, (event.payload as { linkId: string }).linkId);
}

/** A new PLANNED cohort made through the SDK as ADMIN. */
async function sdkCohort(admin: CdpClient, label: string) {
  const { createCohort } = await admin.createCohort({ input: { label, capacity: 10, dates: yearDates(Number(label.slice(0, 4))) } });
  expect(createCohort.userErrors).toEqual([]);
  return createCohort.cohort!;
}

/** A workshop of a new cohort, scheduled through the SDK as ADMIN. */
async function sdkWorkshop(admin: CdpClient, label: string) {
  const cohort = await sdkCohort(admin, label);
  const { scheduleEvent } = await admin.scheduleEvent({
    input: { cohortId: cohort.id, kind: 'WORKSHOP', title: 'Workshop', startsAt: `${label.slice(0, 4)}-10-01T10:00:00.000Z`, location: 'Room A' },
  });
  expect(scheduleEvent.userErrors).toEqual([]);
  return scheduleEvent.event!;
}

/** A nomination by the demo FOCAL_POINT for the demonstration cohort, with a candidate no other test uses. */
async function nominationInput(f: Fixture): Promise<SubmitNominationInput> {
  const cohort = await demoCohort(f.server.database.dataSource);
  return {
    cohortId: toGlobalId('Cohort', cohort.uuid),
    candidate: { fullName: 'Sdk Candidate', email: uniqueEmail('candidate'), position: 'Customs Officer', yearsOfService: 7, languages: ['en'] },
    motivation: MOTIVATION,
  };
}

describeEachDatabase('@cdp-hub/sdk against the live server', (kind) => {
  let server: TestServer;
  let client: CdpClient;
  let fixture: Fixture;
  /** The demo user's bearer token for this role, from the per-role helper. */
  const tokenOf = async (role: UserRole): Promise<string> => {
    // The SDK's role is the schema enum as a string union; the server's is a TypeScript enum of the same values.
    const { token } = await server.as(ServerUserRole[role]);
    if (!token) throw new Error(`no token for ${role}`);
    return token;
  };
  beforeAll(async () => {
    server = await startTestServer(kind);
    client = createCdpClient({ url: server.url });
    const ids = await seedIds(client, server);
    fixture = {
      server,
      ids,
      as: async (role) => createCdpClient({ url: server.url, token: await tokenOf(role) }),
      async newUser(role = 'REVIEWER') {
        const input = { email: uniqueEmail(role.toLowerCase()), displayName: `New ${role}`, password: NEW_PASSWORD, role };
        const { createUser } = await (await this.as('ADMIN')).createUser({ input });
        expect(createUser.userErrors).toEqual([]);
        return createUser.user!;
      },
    };
  });
  afterAll(async () => server?.close());

  describe('every generated operation', () => {
    it.each(Object.keys(EVERY_OPERATION) as Array<keyof CdpOperations>)('%s', async (name) => {
      await EVERY_OPERATION[name](client, fixture.ids, fixture);
    });
  });

  it('returns typed data for the cohort page', async () => {
    const { cohort } = await client.cohort({ label: '2023-2024', associatesFirst: 50 });
    const status: CohortStatus = cohort!.status;
    expect(status).toBe('COMPLETED');
    expect(cohort!.associates.nodes.map((a) => a.administration.iso2).sort()).toEqual([...COHORT_2023.countries].sort());
    const ceremony = cohort!.events.find((e) => e.kind === 'CERTIFICATE_CEREMONY')!;
    expect(ceremony).toMatchObject({ startsAt: expect.stringMatching(/^2024-07-04/), datePrecision: 'DAY', officiantName: 'Ian Saunders' });
    // @ts-expect-error the cohort page does not select the associates' research abstract
    expect(cohort!.associates.nodes[0]!.research?.abstract).toBeUndefined();
  });

  it('runs any document through request(): SDK documents, parsed documents and strings', async () => {
    const typed = await client.request(CohortsDocument, { first: 1 });
    expect(typed.cohorts.nodes).toHaveLength(1);
    const parsed = await client.request<{ administration: { name: string } }>(parse('query { administration(iso2: "RW") { name } }'));
    expect(parsed.administration.name).toBe('Rwanda');
    const text = await client.request<{ regions: { totalCount: number } }>('{ regions { totalCount } }');
    expect(text.regions.totalCount).toBe(history.regions.length);
    const noSource = { kind: 'Document', definitions: [] } as unknown as Parameters<CdpClient['request']>[0];
    await expect(client.request(noSource)).rejects.toThrow(TypeError);
  });

  describe('paginate', () => {
    it('walks a root connection with a client method, every node once', async () => {
      const { cohorts } = await client.cohorts({ first: 100 });
      const seen: string[] = [];
      for await (const cohort of client.paginate(client.cohorts, { first: 2 })) seen.push(cohort.label);
      expect(seen).toEqual(cohorts.nodes.map((c) => c.label));
      expect(new Set(seen).size).toBe(cohorts.totalCount);
    });

    it('walks a connection with a document and honours filter and orderBy', async () => {
      const filter = { statusIn: ['COMPLETED' as const] };
      const orderBy = { field: 'LABEL' as const, direction: 'DESC' as const };
      const { cohorts } = await client.cohorts({ first: 100, filter, orderBy });
      const labels: string[] = [];
      const documentPages = client.paginate(CohortsDocument, { first: 3, filter, orderBy });
      for await (const cohort of documentPages) labels.push(cohort.label);
      expect(labels).toEqual(cohorts.nodes.map((c) => c.label));
      expect(labels).toHaveLength(7);
      expect([...labels].sort().reverse()).toEqual(labels);
    });

    it('walks a nested connection through a selector', async () => {
      const names: string[] = [];
      for await (const associate of client.paginate(client.cohortAssociates, { label: '2023-2024', first: 3 }, (data) => data.cohort?.associates)) {
        names.push(associate.fullName);
      }
      expect(names).toHaveLength(COHORT_2023.countries.length);
      expect(new Set(names).size).toBe(names.length);
    });

    it('walks search results and stops at an empty connection', async () => {
      const { searchResearch } = await client.searchResearch({ query: 'customs', first: 100 });
      const titles: string[] = [];
      for await (const project of client.paginate(SearchResearchDocument, { query: 'customs', first: 4 })) titles.push(project.title);
      expect(titles).toEqual(searchResearch.nodes.map((p) => p.title));
      const none: unknown[] = [];
      for await (const project of client.paginate(client.searchResearch, { query: 'zzzqqqxxy' })) none.push(project);
      expect(none).toEqual([]);
    });

    it('takes call options without a selector', async () => {
      const controller = new AbortController();
      controller.abort();
      const pages = client.paginate(client.cohorts, { first: 2 }, undefined, { signal: controller.signal });
      await expect(pages.next()).rejects.toMatchObject({ reason: 'aborted' });
    });

    it('asks for a selector when the result has no single root connection', async () => {
      const pages = client.paginate(client.cohort, { label: '2023-2024' });
      await expect(pages.next()).rejects.toThrow(/selector/);
    });
  });

  describe('errors', () => {
    it('throws CdpGraphQLError with the code, the request id and partial data', async () => {
      const failure = await client
        .request<{ regions: { totalCount: number }; node: null }>('{ regions { totalCount } node(id: "not-an-id") { id } }')
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(CdpGraphQLError);
      expect(failure).toBeInstanceOf(CdpError);
      const error = failure as CdpGraphQLError<{ regions: { totalCount: number } }>;
      expect(error.code).toBe('INVALID_ID');
      expect(error.hasCode('INVALID_ID')).toBe(true);
      expect(error.errors[0]!.path).toEqual(['node']);
      expect(error.data?.regions.totalCount).toBe(history.regions.length);
      expect(error.requestId).toMatch(/\S+/);
      expect(error.status).toBe(200);
    });

    it('reports a query refused before execution with its HTTP status', async () => {
      const tooBig = `{ cohorts(first: 100) { nodes { associates(first: 100) { nodes { administration { associates(first: 100) { totalCount } } } } } } }`;
      await expect(client.request(tooBig)).rejects.toMatchObject({ name: 'CdpGraphQLError', code: 'QUERY_TOO_COMPLEX', status: 400, data: null });
    });

    it('tells an unreachable server apart from GraphQL errors', async () => {
      const offline = createCdpClient({ url: 'http://127.0.0.1:9/graphql' });
      const error = await offline.regions().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CdpNetworkError);
      expect(error).toMatchObject({ reason: 'unreachable', status: undefined });
      expect((error as Error).cause).toBeDefined();
    });

    it('reports an aborted call as aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(client.regions({}, { signal: controller.signal })).rejects.toMatchObject({ name: 'CdpNetworkError', reason: 'aborted' });
    });

    it('reports a response that is not GraphQL, or is cut off', async () => {
      const gateway = await startGateway(server.url, [
        { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>captive portal</html>' },
        { status: 502, headers: { 'content-type': 'text/html', 'x-request-id': 'gw-1' }, body: 'Bad gateway' },
        { status: 200, headers: { 'content-type': 'application/json' }, body: '{"errors": "boom"}' },
        { status: 200, headers: { 'content-type': 'application/json' }, body: '{"errors": [null], "data": null}' },
        { status: 200, hangUp: true },
      ]);
      try {
        const viaGateway = createCdpClient({ url: gateway.url });
        await expect(viaGateway.regions()).rejects.toMatchObject({ name: 'CdpNetworkError', reason: 'invalid-response', status: 200 });
        await expect(viaGateway.regions()).rejects.toMatchObject({ name: 'CdpNetworkError', reason: 'http-status', status: 502, requestId: 'gw-1' });
        await expect(viaGateway.regions()).rejects.toMatchObject({ name: 'CdpNetworkError', reason: 'invalid-response' });
        await expect(viaGateway.regions()).rejects.toMatchObject({ name: 'CdpGraphQLError', code: undefined, message: 'Malformed GraphQL error: null' });
        const cutOff = await viaGateway.regions().catch((e: unknown) => e);
        expect(cutOff).toBeInstanceOf(CdpNetworkError);
        expect(cutOff).toMatchObject({ reason: 'unreachable', kind: 'network' });
      } finally {
        await gateway.close();
      }
    });

    it('lets an error of getToken through unchanged', async () => {
      const refreshFailed = new Error('token refresh failed');
      const signedOut = createCdpClient({ url: server.url, getToken: () => Promise.reject(refreshFailed) });
      await expect(signedOut.regions()).rejects.toBe(refreshFailed);
    });

    it('requires the variables an operation needs, at compile time', async () => {
      // @ts-expect-error CohortDocument needs $label
      await expect(client.request(CohortDocument)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
      // @ts-expect-error the generated method too
      await expect(client.cohort()).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    });
  });

  describe('headers and tokens', () => {
    interface Sent {
      headers: Record<string, string>;
      body: { operationName?: string };
    }
    // Wraps the platform's fetch exactly as an app would: no casts, so the FetchLike type must accept it.
    const recordingFetch = (seen: Sent[]) => async (url: string, init: RequestInit) => {
      seen.push({ headers: init.headers as Record<string, string>, body: JSON.parse(String(init.body)) });
      return fetch(url, init);
    };

    it('accepts the global fetch and wrappers of it', async () => {
      const seen: Sent[] = [];
      const fetchOption: FetchLike = recordingFetch(seen);
      expect((await createCdpClient({ url: server.url, fetch }).regions()).regions.totalCount).toBe(history.regions.length);
      await createCdpClient({ url: server.url, fetch: fetchOption }).regions();
      expect(seen[0]!.body.operationName).toBe('Regions');
    });

    // The tokens are real sessions (the server refuses made-up ones with 401), and
    // `viewer` shows which one reached the server.
    it('sends a fixed token, client headers and per-call headers', async () => {
      const seen: Sent[] = [];
      const admin = await tokenOf('ADMIN');
      const withToken = createCdpClient({ url: server.url, token: admin, headers: { 'x-app': 'portal' }, fetch: recordingFetch(seen) });
      const { viewer } = await withToken.viewer({}, { headers: { 'x-call': '1' } });
      expect(seen[0]!.headers).toMatchObject({ authorization: `Bearer ${admin}`, 'x-app': 'portal', 'x-call': '1', 'content-type': 'application/json' });
      expect(viewer).toMatchObject({ email: DEMO_USERS.ADMIN.email, role: 'ADMIN' });
    });

    it('merges header names case-insensitively: client headers override the token, call headers override both', async () => {
      const seen: Sent[] = [];
      const [admin, reviewer, associate] = await Promise.all([tokenOf('ADMIN'), tokenOf('REVIEWER'), tokenOf('ASSOCIATE')]);
      const client2 = createCdpClient({ url: server.url, token: associate, headers: { Authorization: `Bearer ${reviewer}`, 'X-App': 'portal' }, fetch: recordingFetch(seen) });
      expect((await client2.viewer()).viewer?.email).toBe(DEMO_USERS.REVIEWER.email);
      const { viewer } = await client2.viewer({}, { headers: { authorization: `Bearer ${admin}`, 'x-app': 'kiosk', 'Content-Type': 'application/json; charset=utf-8' } });
      expect(viewer?.email).toBe(DEMO_USERS.ADMIN.email);
      expect(seen[1]!.headers).toEqual({
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/graphql-response+json, application/json',
        authorization: `Bearer ${admin}`,
        'x-app': 'kiosk',
      });
    });

    it('asks getToken before every request and sends nothing for null', async () => {
      const seen: Sent[] = [];
      const tokens: Array<string | null> = [await tokenOf('ADMIN'), null];
      const rotating = createCdpClient({ url: server.url, getToken: async () => tokens.shift(), fetch: recordingFetch(seen) });
      expect((await rotating.viewer()).viewer?.email).toBe(DEMO_USERS.ADMIN.email);
      expect((await rotating.viewer()).viewer).toBeNull();
      expect(seen[0]!.headers.authorization).toMatch(/^Bearer cdp_/);
      expect(seen[1]!.headers.authorization).toBeUndefined();
    });

    it('refuses token and getToken together', () => {
      expect(() => createCdpClient({ url: server.url, token: 'a', getToken: () => 'b' })).toThrow(TypeError);
    });
  });

  describe('signing in and user administration through the SDK', () => {
    it('logs in, keeps the token for getToken, and is refused with UNAUTHENTICATED after logout', async () => {
      // What an app does: one client, and a token store it reads before every request.
      let stored: string | null = null;
      const app = createCdpClient({ url: server.url, getToken: () => stored });
      const { login } = await app.login({ input: { email: DEMO_USERS.FOCAL_POINT.email, password: DEMO_PASSWORD } });
      expect(login.userErrors).toEqual([]);
      expect(Date.parse(login.expiresAt!) - Date.parse(TEST_NOW)).toBe(12 * 3_600_000);
      stored = login.token;
      expect((await app.viewer()).viewer).toMatchObject({ email: DEMO_USERS.FOCAL_POINT.email, role: 'FOCAL_POINT', lastLoginAt: TEST_NOW });

      expect((await app.logout()).logout.userErrors).toEqual([]);
      const refused = await app.viewer().catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(CdpGraphQLError);
      expect(refused).toMatchObject({ code: 'UNAUTHENTICATED', status: 401, message: expect.stringMatching(/revoked/) });
      stored = null; // signed out: anonymous again
      expect((await app.viewer()).viewer).toBeNull();
    });

    it('surfaces an expired or made-up token as CdpGraphQLError UNAUTHENTICATED, its code typed by the server\'s ERROR_CODES', async () => {
      const session = await server.signIn(DEMO_USERS.REVIEWER.email, DEMO_PASSWORD);
      // Expire the session as the passing of SESSION_TTL_HOURS would (the test clock is fixed).
      await server.database.dataSource
        .getRepository(Session)
        .update({ tokenHash: tokenDigest(server.auth.pepper, session.token!) }, { expiresAt: new Date(Date.parse(TEST_NOW) - 1000) });
      const tokens: Array<[string, RegExp]> = [
        [session.token!, /expired/],
        [`cdp_${'A'.repeat(43)}`, /not one this server issued/],
        ['made-up', /not one this server issued/],
      ];
      for (const [token, why] of tokens) {
        const error = await createCdpClient({ url: server.url, token }).regions().catch((e: unknown) => e);
        expect(error).toBeInstanceOf(CdpGraphQLError);
        const failure = error as CdpGraphQLError;
        const code: CdpErrorCode | undefined = failure.code;
        expect([code, failure.status, failure.hasCode('UNAUTHENTICATED')]).toEqual(['UNAUTHENTICATED', 401, true]);
        expect(failure.message).toMatch(why);
        // @ts-expect-error 'TOKEN_EXPIRED' is not one of the server's codes: the union catches the typo at compile time
        expect(failure.code === 'TOKEN_EXPIRED').toBe(false);
        // @ts-expect-error hasCode takes the union too
        expect(failure.hasCode('UNAUTHORISED')).toBe(false);
      }
    });

    it('reports TOO_MANY_ATTEMPTS with retryAfterSeconds (and Retry-After) in the payload, without an HTTP error or a retry', async () => {
      const email = uniqueEmail('throttled');
      const seen: Array<{ status: number; retryAfter: string | null }> = [];
      const recording: FetchLike = async (url, init) => {
        const response = await fetch(url, init);
        seen.push({ status: response.status, retryAfter: response.headers.get('retry-after') });
        return response;
      };
      // retry on: a throttled sign-in is an answer (HTTP 200), not a 429 to retry.
      const app = createCdpClient({ url: server.url, fetch: recording, retry: true });
      const attempt = () => app.login({ input: { email, password: 'guessing wrongly' } });
      for (let i = 0; i < 5; i++) expect(codesOf((await attempt()).login.userErrors)).toEqual([['INVALID_CREDENTIALS', null]]);
      const { login } = await attempt();
      expect(codesOf(login.userErrors)).toEqual([['TOO_MANY_ATTEMPTS', null]]);
      expect(login.token).toBeNull();
      expect(login.retryAfterSeconds).toBeGreaterThan(0);
      expect(login.retryAfterSeconds).toBeLessThanOrEqual(900);
      expect(seen).toHaveLength(6);
      expect(seen[5]).toEqual({ status: 200, retryAfter: String(login.retryAfterSeconds) });
      // Typed: a UI switches on the code, and a code the schema lacks does not compile.
      const first: UserErrorCode = login.userErrors[0]!.code;
      // @ts-expect-error 'LOCKED_OUT' is not a UserErrorCode
      expect(first === 'LOCKED_OUT').toBe(false);
    });

    it('creates, updates and deactivates users; a role change and a deactivation apply on the next request', async () => {
      const admin = await fixture.as('ADMIN');
      const user = await fixture.newUser('REVIEWER');
      const { login } = await client.login({ input: { email: user.email, password: NEW_PASSWORD } });
      const theirs = createCdpClient({ url: server.url, token: login.token! });
      await expect(theirs.users()).rejects.toMatchObject({ code: 'FORBIDDEN' });

      const promoted = await admin.updateUser({ input: { id: user.id, role: 'ADMIN' } });
      expect(promoted.updateUser).toMatchObject({ userErrors: [], user: { role: 'ADMIN' } });
      expect((await theirs.users({ first: 1 })).users.totalCount).toBeGreaterThan(0);

      // Refusals name the input field at fault, so a form can mark it.
      const linkWrong = await admin.updateUser({ input: { id: user.id, role: 'REVIEWER', associateId: fixture.ids.associate } });
      expect(codesOf(linkWrong.updateUser.userErrors)).toEqual([['LINK_NOT_ALLOWED', ['input', 'associateId']]]);
      const badId = await admin.deactivateUser({ input: { id: fixture.ids.cohort } });
      expect(codesOf(badId.deactivateUser.userErrors)).toEqual([['INVALID_ID', ['input', 'id']]]);

      expect((await admin.deactivateUser({ input: { id: user.id } })).deactivateUser.userErrors).toEqual([]);
      await expect(theirs.viewer()).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });

      // The audit log names the changes; personal values are redacted.
      const { auditLog } = await admin.auditLog({ filter: { entityId: user.id }, first: 10 });
      expect(auditLog.nodes.map((e) => e.operation)).toEqual(expect.arrayContaining(['createUser', 'login', 'updateUser', 'deactivateUser']));
      const created = auditLog.nodes.find((e) => e.operation === 'createUser')!;
      expect(created.after).toMatchObject({ email: '[redacted]', role: 'REVIEWER' });
    });
  });

  describe('retries (opt-in) behind a throttling gateway', () => {
    let gateway: Gateway | undefined;
    afterEach(async () => {
      await gateway?.close();
      gateway = undefined;
    });

    it('does not retry unless asked, and exposes Retry-After', async () => {
      gateway = await startGateway(server.url, [{ status: 429, headers: { 'retry-after': '1' } }]);
      const error = await createCdpClient({ url: gateway.url }).regions().catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'CdpNetworkError', reason: 'http-status', status: 429, retryAfterMs: 1000 });
      expect(gateway.hits).toBe(1);
    });

    it('waits for Retry-After on 429, then succeeds', async () => {
      gateway = await startGateway(server.url, [{ status: 429, headers: { 'retry-after': '1' } }]);
      const started = Date.now();
      const { regions } = await createCdpClient({ url: gateway.url, retry: true }).regions();
      expect(regions.totalCount).toBe(history.regions.length);
      expect(gateway.hits).toBe(2);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    });

    it('retries 503 with backoff when no Retry-After is given, up to the limit', async () => {
      gateway = await startGateway(server.url, [{ status: 503 }, { status: 503 }, { status: 503 }]);
      const error = await createCdpClient({ url: gateway.url, retry: { retries: 2, baseDelayMs: 10 } }).regions().catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'CdpNetworkError', status: 503 });
      expect(gateway.hits).toBe(3);
    });

    it('accepts Retry-After as an HTTP date', async () => {
      gateway = await startGateway(server.url, [{ status: 503, headers: { 'retry-after': new Date(Date.now() + 1000).toUTCString() } }]);
      const { regions } = await createCdpClient({ url: gateway.url, retry: { retries: 1 } }).regions();
      expect(regions.totalCount).toBe(history.regions.length);
      expect(gateway.hits).toBe(2);
    });

    it('stops waiting between retries as soon as the call is aborted', async () => {
      gateway = await startGateway(server.url, [{ status: 429, headers: { 'retry-after': '30' } }]);
      const controller = new AbortController();
      const started = Date.now();
      const call = createCdpClient({ url: gateway.url, retry: { maxDelayMs: 60_000 } }).regions({}, { signal: controller.signal });
      setTimeout(() => controller.abort(), 100);
      await expect(call).rejects.toMatchObject({ name: 'CdpNetworkError', reason: 'aborted' });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(gateway.hits).toBe(1);
    });

    it('gives up at once when Retry-After exceeds maxDelayMs, and never retries other statuses', async () => {
      gateway = await startGateway(server.url, [{ status: 429, headers: { 'retry-after': '120' } }, { status: 500 }]);
      const patient = createCdpClient({ url: gateway.url, retry: { retries: 3, maxDelayMs: 5000 } });
      await expect(patient.regions()).rejects.toMatchObject({ status: 429, retryAfterMs: 120_000 });
      await expect(patient.regions()).rejects.toMatchObject({ status: 500 });
      expect(gateway.hits).toBe(2);
    });
  });
});
