/**
 * The response cache (issue 10): answers are never stale once a mutation has
 * returned, also across two instances sharing Redis; visibility scopes never
 * mix; RESPONSE_CACHE=off bypasses it; a refused (rolled-back) mutation
 * retires nothing; ETag and If-None-Match on GET.
 *
 * A change written straight into the database bumps no data version: the
 * cache keeps the old answer until a mutation commits. That is how these
 * tests tell a cached answer from a fresh one.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { DataVersion } from '../../server/src/db/data-version.entity';
import { CohortStatus } from '../../server/src/modules/cohort/cohort-status';
import { Administration } from '../../server/src/modules/administration/administration.entity';
import { ResearchStatus } from '../../server/src/modules/research/research-status';
import { Region } from '../../server/src/modules/region/region.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { insertAssociateWithResearch } from '../support/arrange';
import { arrangeNomination, demoCohort, focalAdministration } from '../support/arrange-nominations';
import { arrangeCohort } from '../support/cohort-workflow';
import { describeEachDatabase, type DatabaseKind } from '../support/databases';
import { startTestServer, type Caller, type TestServer } from '../support/server';
import { gid, signInAsAssociate } from '../support/workflow-fixtures';

const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const REGION_NAME = 'query RegionName { regions { nodes { code name } } }';
const RESEARCH_OF_COHORT = `query ResearchOfCohort($cohortId: ID!) {
  researchProjects(first: 20, filter: { cohortId: $cohortId }) { totalCount nodes { id title status } }
}`;
const COHORT = 'query Cohort($label: String!) { cohort(label: $label) { id label status } }';
const NOMINATIONS = `query Nominations($cohortId: ID!) {
  nominations(first: 50, filter: { cohortId: $cohortId }) { totalCount nodes { id candidateFullName } }
}`;
const UPDATE_RESEARCH = `mutation ($input: UpdateResearchInput!) {
  updateResearch(input: $input) { research { id title } userErrors { code field message } }
}`;
const APPROVE_RESEARCH = `mutation ($input: ApproveResearchInput!) {
  approveResearch(input: $input) { research { id status } userErrors { code field message } }
}`;
const TRANSITION = `mutation ($input: TransitionCohortInput!) {
  transitionCohort(input: $input) { cohort { id status } userErrors { code field message } }
}`;

/** The region's name as the API answers it (the seed calls EUR "Europe"). */
const europeName = async (caller: Caller) =>
  (await caller.data(REGION_NAME)).regions.nodes.find((r: { code: string }) => r.code === 'EUR').name as string;

/** Renames a region straight in the database: no transaction, so no data version is bumped. */
const renameEuropeBehindTheCache = (ds: DataSource, name: string) => ds.getRepository(Region).update({ code: 'EUR' as Region['code'] }, { name });

const versionOf = async (ds: DataSource) => (await ds.getRepository(DataVersion).findOneByOrFail({ id: 1 })).version;

/** A mutation that commits and changes nothing the tests read: a new cohort. */
const someCommittedWrite = (server: TestServer) => arrangeCohort(server);

/**
 * A research project of a new associate in a new cohort (made through the
 * API, so it commits), so that only this test reads that cohort's research.
 * The rows below it are written straight into the database before anyone
 * reads them.
 */
async function arrangeResearch(server: TestServer, title: string, status = ResearchStatus.PUBLISHED) {
  const ds = server.database.dataSource;
  const cohort = await arrangeCohort(server);
  const administration = await ds.getRepository(Administration).findOneByOrFail({ iso2: 'GT' });
  const { associate, research } = await insertAssociateWithResearch(ds, {
    cohortId: cohort.uuid,
    administrationId: administration.uuid,
    fullName: `Associate of ${title}`,
    title,
    abstract: 'Arranged for the response cache tests.',
    status,
    publishedAt: status === ResearchStatus.PUBLISHED ? new Date('2026-07-01T00:00:00Z') : null,
  });
  return { cohort, associate, cohortId: cohort.id, researchId: gid('ResearchProject', research.uuid) };
}

const titlesOf = async (caller: Caller, cohortId: string) =>
  (await caller.data(RESEARCH_OF_COHORT, { cohortId })).researchProjects.nodes.map((n: { title: string }) => n.title);

/** A GET of a query, with Apollo's CSRF preflight header, as a browser would send it. */
async function getQuery(server: TestServer, query: string, headers: Record<string, string> = {}) {
  const url = `${server.url}?${new URLSearchParams({ query })}`;
  const res = await fetch(url, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  return { status: res.status, etag: res.headers.get('etag'), cacheControl: res.headers.get('cache-control'), text: await res.text() };
}

describeEachDatabase('response cache', (kind) => {
  describe('in memory (the default)', () => {
    let server: TestServer;
    let ds: DataSource;
    let admin: Caller;
    beforeAll(async () => {
      server = await startTestServer(kind);
      ds = server.database.dataSource;
      admin = await server.as(UserRole.ADMIN);
    });
    afterAll(async () => server?.close());

    it('serves a cached answer until a mutation commits, and never after it has returned', async () => {
      expect(await europeName(server)).toBe('Europe');
      await renameEuropeBehindTheCache(ds, 'Europe (renamed behind the cache)');
      // Cached: the direct change bumped nothing.
      expect(await europeName(server)).toBe('Europe');
      await someCommittedWrite(server);
      expect(await europeName(server)).toBe('Europe (renamed behind the cache)');
      await renameEuropeBehindTheCache(ds, 'Europe');
      await someCommittedWrite(server);
      expect(await europeName(server)).toBe('Europe');
    });

    it('updateResearch, then researchProjects: every scope sees the new title at once', async () => {
      const { cohortId, researchId } = await arrangeResearch(server, 'Valuation of used vehicles');
      const associate = await server.as(UserRole.ASSOCIATE);
      for (const caller of [server, admin, associate]) {
        expect(await titlesOf(caller, cohortId)).toEqual(['Valuation of used vehicles']);
        expect(await titlesOf(caller, cohortId)).toEqual(['Valuation of used vehicles']);
      }
      const { updateResearch } = await admin.data(UPDATE_RESEARCH, { input: { researchId, title: 'Valuation of second-hand vehicles' } });
      expect(updateResearch.userErrors).toEqual([]);
      for (const caller of [server, admin, associate]) expect(await titlesOf(caller, cohortId)).toEqual(['Valuation of second-hand vehicles']);
    });

    it('transitionCohort, then cohort: the new status at once', async () => {
      const cohort = await arrangeCohort(server, { year: 2026 });
      expect((await server.data(COHORT, { label: cohort.label })).cohort.status).toBe('PLANNED');
      expect((await server.data(COHORT, { label: cohort.label })).cohort.status).toBe('PLANNED');
      const { transitionCohort } = await admin.data(TRANSITION, { input: { cohortId: cohort.id, to: CohortStatus.NOMINATIONS_OPEN } });
      expect(transitionCohort).toEqual({ cohort: { id: cohort.id, status: 'NOMINATIONS_OPEN' }, userErrors: [] });
      expect((await server.data(COHORT, { label: cohort.label })).cohort.status).toBe('NOMINATIONS_OPEN');
    });

    it('a refused mutation rolls back its version bump: the cached answer is still served', async () => {
      const { researchId } = await arrangeResearch(server, 'Risk management at land borders');
      expect(await europeName(server)).toBe('Europe');
      const before = await versionOf(ds);
      await renameEuropeBehindTheCache(ds, 'Europe (not yet visible)');
      // Approving a PUBLISHED project is refused inside the mutation's transaction, after its row is locked.
      const { approveResearch } = await admin.data(APPROVE_RESEARCH, { input: { researchId } });
      expect(approveResearch).toMatchObject({ research: null, userErrors: [{ code: 'INVALID_RESEARCH_STATUS' }] });
      expect(await versionOf(ds)).toBe(before);
      expect(await europeName(server)).toBe('Europe');
      // A committed write moves the version, and the answer with it.
      await someCommittedWrite(server);
      expect(await versionOf(ds)).not.toBe(before);
      expect(await europeName(server)).toBe('Europe (not yet visible)');
      await renameEuropeBehindTheCache(ds, 'Europe');
      await someCommittedWrite(server);
    });

    it("never serves an associate's own unpublished research, cached for it, to anonymous callers or another associate", async () => {
      const { cohort, cohortId } = await arrangeResearch(server, 'Published research on transit');
      const administration = await ds.getRepository(Administration).findOneByOrFail({ iso2: 'GT' });
      const { associate } = await insertAssociateWithResearch(ds, {
        cohortId: cohort.uuid,
        administrationId: administration.uuid,
        fullName: 'Unpublished Owner',
        title: 'Draft research on transit',
        abstract: 'Not published yet.',
        status: ResearchStatus.IN_PROGRESS,
      });
      const own = await signInAsAssociate(server, associate);
      const otherAssociate = await server.as(UserRole.ASSOCIATE);
      const both = ['Draft research on transit', 'Published research on transit'];
      expect((await titlesOf(own, cohortId)).sort()).toEqual(both);
      expect(await titlesOf(server, cohortId)).toEqual(['Published research on transit']);
      expect(await titlesOf(otherAssociate, cohortId)).toEqual(['Published research on transit']);
      // And the other way round: the owner never gets the answer just cached for anonymous callers.
      expect((await titlesOf(own, cohortId)).sort()).toEqual(both);
      expect((await titlesOf(admin, cohortId)).sort()).toEqual(both);
    });

    it("never serves a focal point's nominations to a focal point of another administration", async () => {
      const cohort = await demoCohort(ds);
      const own = await focalAdministration(ds);
      const other = (await ds.getRepository(Administration).find({ order: { iso2: 'ASC' } })).find((a) => a.uuid !== own.uuid)!;
      await arrangeNomination(ds, { cohort, administration: own, fullName: 'Candidate Of The Demo Focal Point' });
      await arrangeNomination(ds, { cohort, administration: other, fullName: 'Candidate Of The Other Focal Point' });
      const email = `focal.${randomBytes(4).toString('hex')}@example.org`;
      const { createUser } = await admin.data(
        'mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { code message } } }',
        {
          input: {
            email,
            displayName: 'Other Focal Point',
            role: 'FOCAL_POINT',
            password: 'another-focal-point-passphrase',
            administrationId: gid('Administration', other.uuid),
          },
        },
      );
      expect(createUser.userErrors).toEqual([]);
      const otherFocal = await server.signIn(email, 'another-focal-point-passphrase');
      const demoFocal = await server.as(UserRole.FOCAL_POINT);
      const names = async (caller: Caller) =>
        (await caller.data(NOMINATIONS, { cohortId: gid('Cohort', cohort.uuid) })).nominations.nodes.map((n: any) => n.candidateFullName as string);
      const demoSees = await names(demoFocal);
      expect(demoSees).toContain('Candidate Of The Demo Focal Point');
      expect(demoSees).not.toContain('Candidate Of The Other Focal Point');
      const otherSees = await names(otherFocal);
      expect(otherSees).toContain('Candidate Of The Other Focal Point');
      expect(otherSees).not.toContain('Candidate Of The Demo Focal Point');
      expect(await names(demoFocal)).toEqual(demoSees);
      expect(await names(admin)).toEqual(expect.arrayContaining(['Candidate Of The Demo Focal Point', 'Candidate Of The Other Focal Point']));
    });

    it('never caches the signed-in user (viewer), nor answers with errors', async () => {
      const reviewer = await server.as(UserRole.REVIEWER);
      const viewer = '{ viewer { email role } }';
      expect((await admin.data(viewer)).viewer.role).toBe('ADMIN');
      expect((await reviewer.data(viewer)).viewer.role).toBe('REVIEWER');
      const asAdmin = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
        body: JSON.stringify({ query: viewer }),
      });
      expect(asAdmin.headers.get('etag')).toBeNull();
      // Nominations need sign-in: the anonymous answer is an error, which is neither tagged nor kept.
      const refused = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: NOMINATIONS, variables: { cohortId: gid('Cohort', (await demoCohort(ds)).uuid) } }),
      });
      expect(((await refused.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(refused.headers.get('etag')).toBeNull();
    });

    it('tags GET answers: If-None-Match gets a 304 while unchanged, and a 200 with a new tag after a mutation', async () => {
      const { cohortId, researchId } = await arrangeResearch(server, 'Origin rules in free trade');
      const query = `{ researchProjects(first: 5, filter: { cohortId: "${cohortId}" }) { nodes { title } } }`;
      const first = await getQuery(server, query);
      expect(first.status).toBe(200);
      expect(first.etag).toMatch(/^"[\w-]+"$/);
      expect(first.cacheControl).toBe('private, no-cache');
      expect(JSON.parse(first.text).data.researchProjects.nodes).toEqual([{ title: 'Origin rules in free trade' }]);

      const unchanged = await getQuery(server, query, { 'if-none-match': first.etag! });
      expect(unchanged).toMatchObject({ status: 304, etag: first.etag, text: '' });
      // The tag of another answer is no match.
      expect((await getQuery(server, query, { 'if-none-match': '"something-else"' })).status).toBe(200);

      const { updateResearch } = await admin.data(UPDATE_RESEARCH, { input: { researchId, title: 'Origin rules in free-trade agreements' } });
      expect(updateResearch.userErrors).toEqual([]);
      const changed = await getQuery(server, query, { 'if-none-match': first.etag! });
      expect(changed.status).toBe(200);
      expect(changed.etag).not.toBe(first.etag);
      expect(JSON.parse(changed.text).data.researchProjects.nodes).toEqual([{ title: 'Origin rules in free-trade agreements' }]);
      expect((await getQuery(server, query, { 'if-none-match': changed.etag! })).status).toBe(304);
    });
  });

  describe('off', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(kind, { responseCache: { mode: 'off' } });
    });
    afterAll(async () => server?.close());

    it('really bypasses the cache: a change written straight into the database shows at once, and nothing is tagged', async () => {
      expect(await europeName(server)).toBe('Europe');
      await renameEuropeBehindTheCache(server.database.dataSource, 'Europe (seen at once)');
      expect(await europeName(server)).toBe('Europe (seen at once)');
      const res = await getQuery(server, REGION_NAME);
      expect(res.status).toBe(200);
      expect(res.cacheControl).not.toBe('private, no-cache');
    });
  });

  describe('two instances', () => {
    twoInstances(kind, 'sharing Redis', 'redis');
    twoInstances(kind, 'each with its own memory', 'memory');
  });
});

function twoInstances(kind: DatabaseKind, title: string, mode: 'redis' | 'memory') {
  describe(title, () => {
    const clients: Redis[] = [];
    let a: TestServer;
    let b: TestServer;
    beforeAll(async () => {
      // A client per instance, as two processes would have.
      for (let i = 0; i < 2; i++) clients.push(new Redis(REDIS_URL, { maxRetriesPerRequest: 1 }));
      await Promise.all(clients.map((c) => c.ping()));
      const cache = (i: number) => (mode === 'redis' ? { mode, redis: clients[i] } : { mode, maxBytes: 1 << 20 });
      a = await startTestServer(kind, { responseCache: cache(0) });
      b = await startTestServer(kind, { responseCache: cache(1), sameDatabaseAs: a });
    });
    afterAll(async () => {
      await b?.close();
      await a?.close();
      await Promise.all(clients.map((c) => c.quit()));
    });

    it('a write through instance A is seen at once through instance B', async () => {
      const adminA = await a.as(UserRole.ADMIN);
      const adminB = b.withToken(adminA.token);
      const { cohortId, researchId } = await arrangeResearch(a, 'Transit guarantees');
      for (const caller of [adminB, adminA, b, a]) expect(await titlesOf(caller, cohortId)).toEqual(['Transit guarantees']);
      for (let i = 1; i <= 3; i++) {
        const title = `Transit guarantees, edition ${i}`;
        const { updateResearch } = await adminA.data(UPDATE_RESEARCH, { input: { researchId, title } });
        expect(updateResearch.userErrors).toEqual([]);
        for (const caller of [adminB, b, adminA, a]) expect(await titlesOf(caller, cohortId)).toEqual([title]);
      }
    });

    if (mode === 'redis') {
      it('shares answers: one cached through B is served by A', async () => {
        expect(await europeName(b)).toBe('Europe');
        await renameEuropeBehindTheCache(a.database.dataSource, 'Europe (behind both caches)');
        // A has never answered this query itself: the answer comes from Redis, as B stored it.
        expect(await europeName(a)).toBe('Europe');
        await someCommittedWrite(b);
        expect(await europeName(a)).toBe('Europe (behind both caches)');
        expect(await europeName(b)).toBe('Europe (behind both caches)');
        await renameEuropeBehindTheCache(a.database.dataSource, 'Europe');
        await someCommittedWrite(a);
      });
    }
  });
}
