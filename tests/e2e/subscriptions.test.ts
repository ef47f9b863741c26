/**
 * Subscriptions over WebSocket (issue 17, section 2), on both databases:
 * events reach subscribers after commit and never for a rollback, each only
 * to subscribers who may see what it concerns; ended sessions close their
 * sockets; Redis carries one instance's commits to another's subscribers;
 * and the limits (caps, document rules, dead and slow sockets) hold.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createCdpSubscriptions, CdpGraphQLError, CdpSocketClosedError, type NominationChangedSubscription } from '@cdp-hub/sdk';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { DataSource } from 'typeorm';
import { createRequestContext } from '../../server/src/graphql/context';
import { toGlobalId } from '../../server/src/graphql/relay/global-id';
import { withTransaction } from '../../server/src/graphql/transaction';
import type { Administration } from '../../server/src/modules/administration/administration.entity';
import { CohortStatus } from '../../server/src/modules/cohort/cohort-status';
import type { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { Nomination } from '../../server/src/modules/nomination/nomination.entity';
import { SubmissionService } from '../../server/src/modules/nomination/submission.service';
import { User } from '../../server/src/modules/user/user.entity';
import { ResearchProject } from '../../server/src/modules/research/research-project.entity';
import { ResearchStatus } from '../../server/src/modules/research/research-status';
import { fromGlobalIdOfType } from '../../server/src/graphql/relay/global-id';
import { UserRole } from '../../server/src/modules/user/user-role';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/db/seed/demo-users';
import { arrangeCohort, arrangeNomination, focalAdministration, MOTIVATION, uninvitedEligible } from '../support/arrange-nominations';
import { describeEachDatabase } from '../support/databases';
import { openLiveSocket, signedInSocket, waitUntil, type LiveSocket, type OperationMessage } from '../support/live-socket';
import { startTestServer, type Caller, type TestServer } from '../support/server';

const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const NOMINATION_CHANGED = `subscription ($cohortId: ID!) {
  nominationChanged(cohortId: $cohortId) { eventType nomination { id candidateFullName administration { id } } }
}`;
const SUBMIT = `mutation ($input: SubmitNominationInput!) { submitNomination(input: $input) { nomination { id } userErrors { code message } } }`;
const LOGOUT = 'mutation { logout(input: {}) { endedAt userErrors { code } } }';

/**
 * The errors a subscribe was answered with: an `error` message (refused before it ran: validation, limits)
 * or a `next` whose payload holds errors (refused as it started: the policy, the caps), then `complete`.
 */
const errorsOf = (message: OperationMessage): Array<{ message: string; extensions?: Record<string, unknown> }> =>
  message.type === 'error' ? message.payload : (message.payload?.errors ?? []);

let candidates = 0;
const candidate = (fullName: string) => ({
  fullName,
  email: `live.candidate.${++candidates}.${randomBytes(3).toString('hex')}@customs.example`,
  position: 'Senior Customs Officer',
  yearsOfService: 9,
  languages: ['EN'],
});

describeEachDatabase('subscriptions', (kind) => {
  let server: TestServer;
  let ds: DataSource;
  let admin: Caller;
  let focalPoint: Caller;
  let cohort: Cohort;
  let focal: Administration;
  let other: Administration;
  const sockets: LiveSocket[] = [];
  const track = <T extends LiveSocket>(socket: T): T => {
    sockets.push(socket);
    return socket;
  };

  const submit = async (caller: Caller, administration: Administration, fullName: string) => {
    const result = await caller.data(SUBMIT, {
      input: { cohortId: toGlobalId('Cohort', cohort.uuid), administrationId: toGlobalId('Administration', administration.uuid), candidate: candidate(fullName), motivation: MOTIVATION },
    });
    expect(result.submitNomination.userErrors).toEqual([]);
    return result.submitNomination.nomination.id as string;
  };
  /** Waits until this server holds `count` subscriptions: an event committed after that reaches them. */
  const subscriptionsHeld = (count: number, on = server) => waitUntil(() => on.live.hub.subscriptionCount >= count, `${count} subscriptions`);

  beforeAll(async () => {
    server = await startTestServer(kind, { live: { settings: { maxSubscriptionsPerConnection: 3, maxSubscriptionsPerUser: 4, connectionInitWaitMs: 500 } } });
    ds = server.database.dataSource;
    [admin, focalPoint] = await Promise.all([server.as(UserRole.ADMIN), server.as(UserRole.FOCAL_POINT)]);
    focal = await focalAdministration(ds);
    other = (await uninvitedEligible(ds, (await arrangeCohort(ds, { status: CohortStatus.PLANNED })).uuid)).find((a) => a.uuid !== focal.uuid)!;
    cohort = await arrangeCohort(ds, { status: CohortStatus.NOMINATIONS_OPEN, invited: [focal, other] });
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await waitUntil(() => server.live.hub.connectionCount === 0, 'every socket closed');
  });

  afterAll(async () => {
    await server?.close();
  });

  it('closes with 4403 a socket whose token is not a live session’s, and acknowledges a signed-in one', async () => {
    for (const params of [{ authorization: 'Bearer not-a-token' }, { authorization: 'Basic abc' }, { token: 'cdp_forged' }]) {
      const socket = track(openLiveSocket(server.url, params));
      await expect(socket.acked).rejects.toThrow();
      expect({ params, code: (await socket.closed).code }).toEqual({ params, code: 4403 });
    }
    // A session that has ended is refused too.
    const ended = await server.signIn(DEMO_USERS.FOCAL_POINT.email, DEMO_PASSWORD);
    await ended.data(LOGOUT);
    const late = track(openLiveSocket(server.url, { authorization: `Bearer ${ended.token}` }));
    expect((await late.closed).code).toBe(4403);

    const ok = track(await signedInSocket(server.url, focalPoint.token!));
    expect(ok.ws.readyState).toBe(ok.ws.OPEN);
    // The token may also be given as { token }.
    const alt = track(openLiveSocket(server.url, { token: admin.token }));
    await alt.acked;
  });

  it('takes the token from the first subscribe when connection_init has none (as GraphiQL sends it), and closes with 4401 a socket that never gives one', async () => {
    const anonymous = track(openLiveSocket(server.url, null));
    await anonymous.acked;
    const refused = await anonymous.subscribe('subscription { viewerNotifications { subject } }').next();
    expect(errorsOf(refused)[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await anonymous.closed).code).toBe(4401);
    expect(server.live.hub.connectionCount).toBe(0);

    const graphiql = track(openLiveSocket(server.url, {}));
    await graphiql.acked;
    graphiql.send({
      id: 'with-headers',
      type: 'subscribe',
      payload: { query: 'subscription { viewerNotifications { subject } }', extensions: { headers: { Authorization: `Bearer ${focalPoint.token}` } } },
    });
    await subscriptionsHeld(1);
    expect(server.live.hub.connectionCount).toBe(1);
  });

  it('sends a focal point only its own administration’s nominations of the cohort, and ADMIN all of them', async () => {
    const cohortId = toGlobalId('Cohort', cohort.uuid);
    const fpSocket = track(await signedInSocket(server.url, focalPoint.token!));
    const adminSocket = track(await signedInSocket(server.url, admin.token!));
    const fp = fpSocket.subscribe(NOMINATION_CHANGED, { cohortId });
    const all = adminSocket.subscribe(NOMINATION_CHANGED, { cohortId });
    await subscriptionsHeld(2);

    // Another administration's candidate first: had the focal point been sent it, it would come first.
    const othersId = await submit(admin, other, 'Other Administration Candidate');
    const ownId = await submit(focalPoint, focal, 'Own Administration Candidate');
    const othersAgain = await submit(admin, other, 'Other Administration Candidate Two');
    const ownAgain = await submit(admin, focal, 'Own Administration Candidate Two');

    const fpSeen = [(await fp.next()).payload.data.nominationChanged, (await fp.next()).payload.data.nominationChanged];
    expect(fpSeen.map((c: any) => [c.eventType, c.nomination.id, c.nomination.administration.id])).toEqual([
      ['NominationSubmitted', ownId, toGlobalId('Administration', focal.uuid)],
      ['NominationSubmitted', ownAgain, toGlobalId('Administration', focal.uuid)],
    ]);
    const adminSeen = [];
    for (let i = 0; i < 4; i++) adminSeen.push((await all.next()).payload.data.nominationChanged.nomination.id);
    expect(adminSeen).toEqual([othersId, ownId, othersAgain, ownAgain]);
    expect(fp.pending).toEqual([]);
  });

  it('tells a reviewer of its own review only, with no score before the decision (blind review)', async () => {
    const selection = await arrangeCohort(ds, { status: CohortStatus.SELECTION, invited: [focal] });
    const nomination = await arrangeNomination(ds, { cohort: selection, administration: focal });
    const nominationId = toGlobalId('Nomination', nomination.uuid);
    const email = `second.live.reviewer.${randomBytes(4).toString('hex')}@cdp-hub.example`;
    const password = 'Second-Live-Reviewer-Passphrase-2026';
    const created = await admin.data('mutation ($input: CreateUserInput!) { createUser(input: $input) { userErrors { code } } }', {
      input: { email, password, displayName: 'Second Live Reviewer', role: 'REVIEWER' },
    });
    expect(created.createUser.userErrors).toEqual([]);
    const [reviewer, other] = [await server.as(UserRole.REVIEWER), await server.signIn(email, password)];
    const socket = track(await signedInSocket(server.url, reviewer.token!));
    const SELECTED = 'nomination { id meanScore reviewCount reviews { score reviewer { id } } }';
    const queue = socket.subscribe(`subscription { reviewQueueChanged { eventType ${SELECTED} } }`);
    const changes = socket.subscribe(`subscription ($c: ID!) { nominationChanged(cohortId: $c) { eventType ${SELECTED} } }`, {
      c: toGlobalId('Cohort', selection.uuid),
    });
    await subscriptionsHeld(2);
    const review = (caller: Caller, score: number) =>
      caller.data('mutation ($input: ReviewNominationInput!) { reviewNomination(input: $input) { userErrors { code } } }', {
        input: { nominationId, score, comment: 'Seen live.' },
      });
    // The other reviewer scores first: had that been sent, it would come first.
    expect((await review(other, 2)).reviewNomination.userErrors).toEqual([]);
    expect((await review(reviewer, 5)).reviewNomination.userErrors).toEqual([]);
    for (const operation of [queue, changes]) {
      const change = Object.values((await operation.next()).payload.data)[0] as any;
      expect(change.eventType).toBe('NominationReviewed');
      // Blind review: no mean or count, and only its own review, until the nomination is decided.
      expect(change.nomination).toMatchObject({ id: nominationId, meanScore: null, reviewCount: null });
      expect(change.nomination.reviews.map((r: { score: number }) => r.score)).toEqual([5]);
      expect(operation.pending).toEqual([]);
    }
  });

  it('tells nobody but its associate and ADMIN of a research draft, and everyone once it is published', async () => {
    const associate = await server.as(UserRole.ASSOCIATE);
    const own = await associate.data('{ viewer { associate { research { id status } } } }');
    const research = own.viewer.associate.research;
    expect(research).not.toBeNull();
    const uuid = fromGlobalIdOfType(research.id, 'ResearchProject', 'id');
    // A draft: its associate and ADMIN may see it, nobody else.
    await ds.getRepository(ResearchProject).update({ uuid }, { status: ResearchStatus.IN_PROGRESS });
    const SUB = 'subscription ($id: ID!) { researchChanged(id: $id) { eventType change research { id title } } }';
    const [mine, focals, admins] = await Promise.all(
      [associate, focalPoint, admin].map(async (c) => track(await signedInSocket(server.url, c.token!)).subscribe(SUB, { id: research.id })),
    );
    await subscriptionsHeld(3);
    const retitle = async (caller: Caller, title: string) => {
      const updated = await caller.data('mutation ($input: UpdateResearchInput!) { updateResearch(input: $input) { userErrors { code } } }', {
        input: { researchId: research.id, title },
      });
      expect(updated.updateResearch.userErrors).toEqual([]);
    };
    await retitle(associate, 'Draft Seen Live');
    for (const operation of [mine, admins]) {
      expect((await operation.next()).payload.data.researchChanged).toMatchObject({ change: 'updateResearch', research: { title: 'Draft Seen Live' } });
    }
    // Published, everyone hears of the next change: the focal point's first message is that one, not the draft's.
    await ds.getRepository(ResearchProject).update({ uuid }, { status: ResearchStatus.PUBLISHED });
    await retitle(admin, 'Published Live Title');
    expect((await focals.next()).payload.data.researchChanged).toMatchObject({ eventType: 'ResearchUpdated', research: { title: 'Published Live Title' } });
  });

  it('never sends an event whose transaction rolled back', async () => {
    const cohortId = toGlobalId('Cohort', cohort.uuid);
    const adminSocket = track(await signedInSocket(server.url, admin.token!));
    const all = adminSocket.subscribe(NOMINATION_CHANGED, { cohortId });
    await subscriptionsHeld(1);

    // A real submission (its event recorded in the outbox), inside a transaction that then fails.
    const adminUser = await ds.getRepository(User).findOneByOrFail({ email: DEMO_USERS.ADMIN.email });
    const ctx = createRequestContext({
      requestId: `rollback-${randomUUID()}`,
      database: server.database.database,
      clock: server.clock,
      log: server.logger,
      auth: server.auth,
      viewer: { userId: adminUser.uuid, sessionId: randomUUID(), role: UserRole.ADMIN, administrationId: null, associateId: null },
    });
    const rolledBack = candidate('Rolled Back Candidate');
    await expect(
      withTransaction(ctx, async (tx) => {
        await new SubmissionService().submit(tx, {
          cohortId,
          administrationId: toGlobalId('Administration', other.uuid),
          candidate: rolledBack,
          motivation: MOTIVATION,
        } as never);
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    expect(await ds.getRepository(Nomination).countBy({ candidateEmail: rolledBack.email.toLowerCase() })).toBe(0);

    const committed = await submit(admin, other, 'Committed Candidate');
    const first = (await all.next()).payload.data.nominationChanged;
    expect([first.nomination.id, first.nomination.candidateFullName]).toEqual([committed, 'Committed Candidate']);
    expect(all.pending).toEqual([]);
  });

  it('closes the socket with 4403 when its session is logged out, and leaves the user’s other sessions’ sockets open', async () => {
    const session = await server.signIn(DEMO_USERS.FOCAL_POINT.email, DEMO_PASSWORD);
    const ending = track(await signedInSocket(server.url, session.token!));
    const staying = track(await signedInSocket(server.url, focalPoint.token!));
    ending.subscribe(NOMINATION_CHANGED, { cohortId: toGlobalId('Cohort', cohort.uuid) });
    await subscriptionsHeld(1);
    await session.data(LOGOUT);
    const { code, reason } = await ending.closed;
    expect(code).toBe(4403);
    expect(reason).toMatch(/session has ended/);
    expect(staying.ws.readyState).toBe(staying.ws.OPEN);
  });

  it('closes the user’s other sessions’ sockets on a password change, and every socket of a deactivated user', async () => {
    const email = `live.user.${randomBytes(4).toString('hex')}@cdp-hub.example`;
    const password = 'Correct-Horse-Battery-Staple-42';
    const created = await admin.data(
      'mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { code message } } }',
      { input: { email, password, displayName: 'Live Reviewer', role: 'REVIEWER' } },
    );
    expect(created.createUser.userErrors).toEqual([]);
    const [current, elsewhere] = [await server.signIn(email, password), await server.signIn(email, password)];
    const currentSocket = track(await signedInSocket(server.url, current.token!));
    const elsewhereSocket = track(await signedInSocket(server.url, elsewhere.token!));
    const changed = await current.data(
      'mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { endedSessionCount userErrors { code } } }',
      { input: { currentPassword: password, newPassword: `${password}-new` } },
    );
    expect(changed.changePassword).toEqual({ endedSessionCount: 1, userErrors: [] });
    expect((await elsewhereSocket.closed).code).toBe(4403);
    expect(currentSocket.ws.readyState).toBe(currentSocket.ws.OPEN);

    const deactivated = await admin.data(
      'mutation ($input: DeactivateUserInput!) { deactivateUser(input: $input) { user { isActive } userErrors { code } } }',
      { input: { id: created.createUser.user.id } },
    );
    expect(deactivated.deactivateUser.userErrors).toEqual([]);
    expect((await currentSocket.closed).code).toBe(4403);
  });

  it('runs through the SDK’s typed subscriptions over a graphql-ws client, which ends with the socket’s close code', async () => {
    const session = await server.signIn(DEMO_USERS.FOCAL_POINT.email, DEMO_PASSWORD);
    const client = createClient({
      url: server.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${session.token}` },
      retryAttempts: 0,
    });
    try {
      const live = createCdpSubscriptions(client);
      const changes = live.nominationChanged({ cohortId: toGlobalId('Cohort', cohort.uuid) });
      const first = changes.next();
      await subscriptionsHeld(1);
      const ownId = await submit(session, focal, 'Through The SDK');
      const { value } = await first;
      // Typed: the SDK's NominationFields, with blind review's null score for a focal point.
      const change: NominationChangedSubscription['nominationChanged'] = (value as NominationChangedSubscription).nominationChanged;
      expect([change.eventType, change.nomination.id, change.nomination.candidateFullName, change.nomination.meanScore]).toEqual([
        'NominationSubmitted',
        ownId,
        'Through The SDK',
        null,
      ]);

      // A refusal is a CdpGraphQLError, as for queries.
      const refused = live.reviewQueueChanged();
      const error = await refused.next().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CdpGraphQLError);
      expect((error as CdpGraphQLError).code).toBe('FORBIDDEN');

      // Signing out ends the subscription with the socket's code.
      const pending = changes.next().catch((e: unknown) => e);
      await session.data(LOGOUT);
      const closed = await pending;
      expect(closed).toBeInstanceOf(CdpSocketClosedError);
      expect((closed as CdpSocketClosedError).closeCode).toBe(4403);
    } finally {
      await client.dispose();
    }
  });

  describe('limits', () => {
    it('caps subscriptions per socket and per user', async () => {
      const cohortId = toGlobalId('Cohort', cohort.uuid);
      const first = track(await signedInSocket(server.url, admin.token!));
      const held = [1, 2, 3].map(() => first.subscribe(NOMINATION_CHANGED, { cohortId }));
      await subscriptionsHeld(3);
      const fourth = first.subscribe(NOMINATION_CHANGED, { cohortId });
      const refused = await fourth.next();
      expect(errorsOf(refused)[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'subscriptions', max: 3 });

      const second = track(await signedInSocket(server.url, admin.token!));
      second.subscribe(NOMINATION_CHANGED, { cohortId });
      await subscriptionsHeld(4);
      const overUser = await second.subscribe(NOMINATION_CHANGED, { cohortId }).next();
      expect(errorsOf(overUser)[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'subscriptions', max: 4 });
      // Completing one frees its place.
      held[0].complete();
      await waitUntil(() => server.live.hub.subscriptionCount === 3, 'a subscription completed');
      second.subscribe(NOMINATION_CHANGED, { cohortId });
      await subscriptionsHeld(4);
    });

    it('applies the document rules: depth, cost, the operation type, and the policy', async () => {
      const socket = track(await signedInSocket(server.url, admin.token!));
      const deep = `subscription { cohortChanged(id: "${toGlobalId('Cohort', cohort.uuid)}") { cohort { programme { cohorts { nodes { programme { cohorts { nodes { programme { cohorts { nodes { programme { cohorts { nodes { id } } } } } } } } } } } } } } }`;
      const tooDeep = await socket.subscribe(deep).next();
      expect(errorsOf(tooDeep)[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth' });
      const query = await socket.subscribe('{ viewer { id } }').next();
      expect(errorsOf(query)[0].extensions).toMatchObject({ code: 'OPERATION_NOT_SUPPORTED', operationType: 'query' });
      const invalid = await socket.subscribe('subscription { nominationChanged { eventType } }').next();
      expect(errorsOf(invalid)[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });

      const associate = track(await signedInSocket(server.url, (await server.as(UserRole.ASSOCIATE)).token!));
      const forbidden = await associate.subscribe('subscription { reviewQueueChanged { eventType } }').next();
      expect(errorsOf(forbidden)[0].extensions).toMatchObject({ code: 'FORBIDDEN' });

      // Over HTTP, a subscription is refused before it runs.
      const overHttp = await admin.graphql('subscription { viewerNotifications { subject } }');
      expect(overHttp.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_SUPPORTED');
    });
  });
});

describeEachDatabase('subscriptions: ping, slow consumers', (kind) => {
  let server: TestServer;
  let admin: Caller;
  let cohort: Cohort;

  beforeAll(async () => {
    server = await startTestServer(kind, { live: { settings: { pingIntervalMs: 150, maxQueuedEvents: 3 } } });
    admin = await server.as(UserRole.ADMIN);
    cohort = await arrangeCohort(server.database.dataSource, { status: CohortStatus.NOMINATIONS_OPEN });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('pings idle sockets and closes one that stops answering', async () => {
    const alive = await signedInSocket(server.url, admin.token!);
    const dead = await signedInSocket(server.url, admin.token!);
    await waitUntil(() => server.live.hub.connectionCount === 2, 'two sockets');
    let pings = 0;
    alive.ws.on('ping', () => pings++);
    // A client that no longer reads answers no ping: as if its network went away.
    (dead.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    await waitUntil(() => server.live.hub.connectionCount === 1, 'the dead socket closed by the server');
    expect(pings).toBeGreaterThan(0);
    expect(alive.ws.readyState).toBe(alive.ws.OPEN);
    alive.close();
    dead.ws.terminate();
  });

  it('disconnects a consumer that falls behind instead of buffering without bound', async () => {
    const focal = await focalAdministration(server.database.dataSource);
    const nomination = await arrangeNomination(server.database.dataSource, { cohort, administration: focal });
    const slow = await signedInSocket(server.url, admin.token!);
    const op = slow.subscribe(NOMINATION_CHANGED, { cohortId: toGlobalId('Cohort', cohort.uuid) });
    await waitUntil(() => server.live.hub.subscriptionCount === 1, 'subscribed');
    const event = (n: number) => ({
      id: randomUUID(),
      type: 'NominationSubmitted' as const,
      payload: { nominationId: toGlobalId('Nomination', nomination.uuid), cohortId: toGlobalId('Cohort', cohort.uuid), administrationId: toGlobalId('Administration', focal.uuid) },
      occurredAt: new Date(Date.UTC(2026, 10, 26, 12, 0, n)),
      actorId: null,
      actorLabel: 'system:test',
      requestId: null,
    });
    // Within the bound, every event arrives.
    server.live.hub.receive({ events: [event(1), event(2)], endedSessions: [] });
    expect((await op.next()).type).toBe('next');
    expect((await op.next()).type).toBe('next');
    // A burst beyond it, delivered at once (as one commit's notice, or a client that stopped reading), is a slow consumer.
    server.live.hub.receive({ events: [1, 2, 3, 4, 5, 6].map(event), endedSessions: [] });
    const { code } = await slow.closed;
    expect(code).toBe(1013);
    expect(server.live.hub.counters.slowConsumers).toBe(1);
  });
});

describeEachDatabase('subscriptions across instances (Redis)', (kind) => {
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    const redisChannel = `cdp-hub-test:live:${randomBytes(6).toString('hex')}`;
    a = await startTestServer(kind, { live: { redisUrl: REDIS_URL, redisChannel } });
    b = await startTestServer(kind, { sameDatabaseAs: a, live: { redisUrl: REDIS_URL, redisChannel } });
  });

  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('sends a subscriber on instance B what a mutation on instance A committed, and closes B’s socket at a logout on A', async () => {
    const ds = a.database.dataSource;
    const focal = await focalAdministration(ds);
    const cohort = await arrangeCohort(ds, { status: CohortStatus.NOMINATIONS_OPEN, invited: [focal] });
    const focalOnA = await a.as(UserRole.FOCAL_POINT);
    const socket = await signedInSocket(b.url, focalOnA.token!);
    const op = socket.subscribe(NOMINATION_CHANGED, { cohortId: toGlobalId('Cohort', cohort.uuid) });
    await waitUntil(() => b.live.hub.subscriptionCount === 1, 'subscribed on B');
    const submitted = await focalOnA.data(SUBMIT, {
      input: { cohortId: toGlobalId('Cohort', cohort.uuid), candidate: candidate('Across Instances'), motivation: MOTIVATION },
    });
    expect(submitted.submitNomination.userErrors).toEqual([]);
    const message = await op.next();
    expect(message.payload.data.nominationChanged.nomination).toMatchObject({
      id: submitted.submitNomination.nomination.id,
      candidateFullName: 'Across Instances',
    });
    await focalOnA.data(LOGOUT);
    expect((await socket.closed).code).toBe(4403);
  });
});
