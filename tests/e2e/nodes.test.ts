/**
 * node(id) / nodes(ids) for every Node type, global-id validation, what an
 * anonymous caller may see, and the shape of errors and request ids.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AlumniActivity } from '../../server/src/modules/alumni/alumni-activity.entity';
import { AlumniProfile } from '../../server/src/modules/alumni/alumni-profile.entity';
import { AlumniActivityKind } from '../../server/src/modules/alumni/alumni-activity-kind';
import { ProfessionalAssociate } from '../../server/src/modules/associate/associate.entity';
import { Administration } from '../../server/src/modules/administration/administration.entity';
import { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { Nomination } from '../../server/src/modules/nomination/nomination.entity';
import { Review } from '../../server/src/modules/nomination/review.entity';
import { Milestone } from '../../server/src/modules/research/milestone.entity';
import { ResearchProject } from '../../server/src/modules/research/research-project.entity';
import { researchSearchIndex } from '../../server/src/modules/research/research-search';
import { ResearchStatus } from '../../server/src/modules/research/research-status';
import { ResearchTheme } from '../../server/src/modules/research/research-theme.entity';
import { User } from '../../server/src/modules/user/user.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { insert, insertAssociateWithResearch } from '../support/arrange';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type GraphQLResponse, type TestServer } from '../support/server';

/** The documented id format: base64url("<TypeName>:<uuid>"). Used only for rows the API cannot list anonymously. */
const globalId = (typeName: string, uuid: string) => Buffer.from(`${typeName}:${uuid}`, 'utf8').toString('base64url');

const NODE = `query ($id: ID!) { node(id: $id) { __typename id } }`;
const NODES = `query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`;

/** A word that occurs in no seeded text, used in the unpublished project. */
const SECRET_WORD = 'zorblattic';

function errorCode(result: GraphQLResponse): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}


interface Arranged {
  hiddenAssociateName: string;
  hiddenResearchId: string;
  hiddenMilestoneId: string;
  nominationId: string;
  reviewId: string;
  userId: string;
}

/** Rows the seed does not have: a milestone and an activity (RW's), unpublished research, a reviewer and a review. */
async function arrange(ds: DataSource): Promise<Arranged> {
  const rwanda = await ds.getRepository(Administration).findOneByOrFail({ iso2: 'RW' });
  const rwandaAssociate = await ds.getRepository(ProfessionalAssociate).findOneByOrFail({ administrationId: rwanda.uuid });
  const rwandaResearch = await ds.getRepository(ResearchProject).findOneByOrFail({ associateId: rwandaAssociate.uuid });
  expect(rwandaResearch.status).toBe(ResearchStatus.PUBLISHED);
  await insert(ds, Milestone, { researchProjectId: rwandaResearch.uuid, title: 'Literature review', dueDate: '2023-11-30', completedAt: null });
  const profile = await ds.getRepository(AlumniProfile).findOneByOrFail({ associateId: rwandaAssociate.uuid });
  await insert(ds, AlumniActivity, {
    alumniProfileId: profile.uuid,
    kind: AlumniActivityKind.PUBLICATION,
    date: '2025-02-01',
    title: 'Article on small consignments',
    description: null,
  });

  // A new associate (the seeded ones all have published research) with research still in progress.
  const cohort = await ds.getRepository(Cohort).findOneByOrFail({ label: '2025-2026' });
  const hiddenAssociateName = 'Unpublished Sample Associate';
  const { research: hidden } = await insertAssociateWithResearch(ds, {
    cohortId: cohort.uuid,
    administrationId: rwanda.uuid,
    fullName: hiddenAssociateName,
    title: `A ${SECRET_WORD} approach to border controls`,
    abstract: `Work in progress on ${SECRET_WORD} risk indicators.`,
    status: ResearchStatus.IN_PROGRESS,
  });
  await insert(ds, ResearchTheme, { researchProjectId: hidden.uuid, theme: `${SECRET_WORD} studies`, position: 0 });
  await researchSearchIndex.reindex(ds.manager, [hidden.uuid]);
  const hiddenMilestone = await insert(ds, Milestone, { researchProjectId: hidden.uuid, title: 'Draft', dueDate: '2026-12-01', completedAt: null });

  const nomination = await ds.getRepository(Nomination).findOneByOrFail({});
  const user = await insert(ds, User, { email: 'reviewer@example.org', passwordHash: 'not-a-real-hash', role: UserRole.REVIEWER, administrationId: null, associateId: null, isActive: true });
  const review = await insert(ds, Review, { nominationId: nomination.uuid, reviewerId: user.uuid, score: 4, comment: 'Strong candidate' });

  return {
    hiddenAssociateName,
    hiddenResearchId: globalId('ResearchProject', hidden.uuid),
    hiddenMilestoneId: globalId('Milestone', hiddenMilestone.uuid),
    nominationId: globalId('Nomination', nomination.uuid),
    reviewId: globalId('Review', review.uuid),
    userId: globalId('User', user.uuid),
  };
}

describeEachDatabase('node(id), nodes(ids), visibility and errors', (kind) => {
  let server: TestServer;
  let arranged: Arranged;
  /** One ID of every Node type an anonymous caller can reach, as [typename, id]. */
  let publicIds: Array<[string, string]>;

  beforeAll(async () => {
    server = await startTestServer(kind);
    arranged = await arrange(server.database.dataSource);
    const data = await server.data(`{
      regions(first: 1) { nodes { id } }
      programmes(first: 1) { nodes { id } }
      events(first: 1) { nodes { id } }
      cohort(label: "2027-2028", programmeCode: "CDP-DEMO") { id invitations(first: 1) { nodes { id } } }
      administration(iso2: "RW") {
        id
        associates(first: 1) { nodes {
          id
          research { id milestones { id } }
          certificates { id }
          alumniProfile { id activities(first: 1) { nodes { id } } }
        } }
      }
    }`);
    const rwanda = data.administration.associates.nodes[0];
    publicIds = [
      ['Region', data.regions.nodes[0].id],
      ['Administration', data.administration.id],
      ['Programme', data.programmes.nodes[0].id],
      ['Cohort', data.cohort.id],
      ['Invitation', data.cohort.invitations.nodes[0].id],
      ['Event', data.events.nodes[0].id],
      ['ProfessionalAssociate', rwanda.id],
      ['ResearchProject', rwanda.research.id],
      ['Milestone', rwanda.research.milestones[0].id],
      ['Certificate', rwanda.certificates[0].id],
      ['AlumniProfile', rwanda.alumniProfile.id],
      ['AlumniActivity', rwanda.alumniProfile.activities.nodes[0].id],
    ];
  });
  afterAll(async () => server?.close());

  describe('node(id) and nodes(ids)', () => {
    it('round-trips every Node type reachable anonymously', async () => {
      for (const [typename, id] of publicIds) {
        expect(typeof id).toBe('string');
        const data = await server.data(NODE, { id });
        expect(data.node).toEqual({ __typename: typename, id });
      }
    });

    it('nodes(ids) returns the objects in the order asked, null for a well-formed unknown id', async () => {
      const unknown = globalId('Cohort', randomUUID());
      const ids = [...publicIds.map(([, id]) => id).reverse(), unknown, publicIds[0][1]];
      const data = await server.data(NODES, { ids });
      expect(data.nodes).toEqual([
        ...[...publicIds].reverse().map(([__typename, id]) => ({ __typename, id })),
        null,
        { __typename: publicIds[0][0], id: publicIds[0][1] },
      ]);
    });

    it('returns null without errors for well-formed ids of objects that do not exist', async () => {
      for (const typeName of ['Cohort', 'Region', 'ResearchProject', 'AlumniActivity']) {
        const result = await server.graphql(NODE, { id: globalId(typeName, randomUUID()) });
        expect(result.errors).toBeUndefined();
        expect(result.data).toEqual({ node: null });
      }
    });

    it.each([
      ['a short non-id', 'abc'],
      ['the empty string', ''],
      ['an unknown type name', globalId('Nope', '123')],
      ['an unknown type name with a uuid', globalId('Nope', randomUUID())],
      ['a Cohort id whose key is not a uuid', globalId('Cohort', 'not-a-uuid')],
      ['standard base64 with padding', Buffer.from(`Cohort:${randomUUID()}`, 'utf8').toString('base64')],
      ['a raw uuid', randomUUID()],
    ])('rejects %s with INVALID_ID and returns no data', async (_what, id) => {
      const single = await server.graphql(NODE, { id });
      expect(errorCode(single)).toBe('INVALID_ID');
      expect(single.data?.node ?? null).toBeNull();

      // In a batch, one malformed id fails the whole field: the valid neighbour is not returned either.
      const batch = await server.graphql(NODES, { ids: [publicIds[0][1], id] });
      expect(errorCode(batch)).toBe('INVALID_ID');
      expect(batch.data?.nodes ?? null).toBeNull();
    });

    it('checks that the padded-base64 case really carries padding', () => {
      expect(Buffer.from(`Cohort:${randomUUID()}`, 'utf8').toString('base64')).toMatch(/=$/);
    });

    it('accepts 100 ids but rejects more than 100 with BAD_USER_INPUT', async () => {
      const ids = (n: number) => Array.from({ length: n }, () => globalId('Cohort', randomUUID()));
      const hundred = await server.data(NODES, { ids: ids(100) });
      expect(hundred.nodes).toEqual(Array(100).fill(null));

      const tooMany = await server.graphql(NODES, { ids: ids(101) });
      expect(errorCode(tooMany)).toBe('BAD_USER_INPUT');
      expect(tooMany.data?.nodes ?? null).toBeNull();
    });
  });

  describe('what anonymous callers see', () => {
    it('unpublished research is really stored and indexed (so the checks below are meaningful)', async () => {
      const ds = server.database.dataSource;
      const matches = researchSearchIndex.matchesSql(ds.manager, [SECRET_WORD]);
      const rows = await ds.createQueryBuilder().select('m.id', 'id').from(`(${matches.sql})`, 'm').setParameters(matches.parameters).getRawMany();
      expect(rows).toHaveLength(1);
    });

    it('hides unpublished research from the researchProjects list and its totalCount', async () => {
      const data = await server.data(`{
        all: researchProjects(first: 100) { totalCount nodes { id status } }
        inProgress: researchProjects(filter: { statusIn: [IN_PROGRESS] }) { totalCount nodes { id } }
        themed: researchProjects(filter: { theme: "${SECRET_WORD} studies" }) { totalCount }
        associates(first: 100) { totalCount }
      }`);
      // Every associate but the arranged one has one published project.
      expect(data.all.totalCount).toBe(data.associates.totalCount - 1);
      expect(data.all.nodes.map((n: any) => n.id)).not.toContain(arranged.hiddenResearchId);
      expect(data.all.nodes.every((n: any) => n.status === 'PUBLISHED')).toBe(true);
      expect(data.inProgress).toEqual({ totalCount: 0, nodes: [] });
      expect(data.themed.totalCount).toBe(0);
    });

    it('hides unpublished research from searchResearch', async () => {
      for (const query of [SECRET_WORD, SECRET_WORD.slice(0, 6), `${SECRET_WORD} border`]) {
        const data = await server.data(`query ($q: String!) { searchResearch(query: $q) { totalCount nodes { id } } }`, { q: query });
        expect(data.searchResearch).toEqual({ totalCount: 0, nodes: [] });
      }
    });

    it('shows the associate but not their unpublished research', async () => {
      const data = await server.data(`query ($name: String!) { associates(filter: { nameContains: $name }) { nodes { id fullName research { id } } } }`, {
        name: arranged.hiddenAssociateName,
      });
      expect(data.associates.nodes).toHaveLength(1);
      expect(data.associates.nodes[0].research).toBeNull();
      const viaNode = await server.data(`query ($id: ID!) { node(id: $id) { ... on ProfessionalAssociate { fullName research { id } } } }`, {
        id: data.associates.nodes[0].id,
      });
      expect(viaNode.node).toEqual({ fullName: arranged.hiddenAssociateName, research: null });
    });

    it('returns null for node(id) of unpublished research and of its milestone', async () => {
      for (const id of [arranged.hiddenResearchId, arranged.hiddenMilestoneId]) {
        const result = await server.graphql(NODE, { id });
        expect(result).toEqual({ data: { node: null } });
      }
    });

    it('returns null for Nomination, Review and User ids', async () => {
      const ids = [arranged.nominationId, arranged.reviewId, arranged.userId];
      for (const id of ids) {
        const result = await server.graphql(NODE, { id });
        expect(result).toEqual({ data: { node: null } });
      }
      expect(await server.graphql(NODES, { ids })).toEqual({ data: { nodes: [null, null, null] } });
    });

    it('refuses the nominations list with UNAUTHENTICATED', async () => {
      const result = await server.graphql(`{ nominations { totalCount nodes { id candidateFullName } } }`);
      expect(errorCode(result)).toBe('UNAUTHENTICATED');
      expect(result.data?.nominations ?? null).toBeNull();
    });

    it('has no viewer', async () => {
      expect(await server.graphql(`{ viewer { id role } }`)).toEqual({ data: { viewer: null } });
    });
  });

  describe('errors and request ids', () => {
    /** POSTs a query with fetch, so headers can be set and read. */
    async function post(query: string, headers: Record<string, string> = {}) {
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
        body: JSON.stringify({ query }),
      });
      return { res, body: (await res.json()) as GraphQLResponse };
    }

    const FAILING: Array<[string, string]> = [
      ['INVALID_ID', `{ node(id: "abc") { id } }`],
      ['UNAUTHENTICATED', `{ nominations { totalCount } }`],
      ['BAD_USER_INPUT', `{ searchResearch(query: "!!") { totalCount } }`],
      ['GRAPHQL_VALIDATION_FAILED', `{ noSuchField }`],
      ['GRAPHQL_PARSE_FAILED', `{ node(id: `],
    ];

    it.each(FAILING)('an error with code %s has a requestId and no stack trace', async (code, query) => {
      const { res, body } = await post(query);
      const requestId = res.headers.get('x-request-id');
      expect(requestId).toBeTruthy();
      expect(body.errors?.length).toBeGreaterThan(0);
      for (const error of body.errors!) {
        expect(error.extensions?.code).toBe(code);
        expect(error.extensions).not.toHaveProperty('stacktrace');
        expect(error.extensions?.exception).toBeUndefined();
        expect(error.extensions?.requestId).toBe(requestId);
        expect(error.message).not.toMatch(/\bat .*\.(ts|js):\d+/);
      }
    });

    it('sends an X-Request-Id header on every response', async () => {
      const { res, body } = await post(`{ viewer { id } }`);
      expect(body.errors).toBeUndefined();
      expect(res.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
    });

    it('echoes a supplied X-Request-Id and puts it on the errors', async () => {
      const supplied = 'cdp-test.trace_42';
      const { res, body } = await post(`{ nominations { totalCount } }`, { 'x-request-id': supplied });
      expect(res.headers.get('x-request-id')).toBe(supplied);
      expect(body.errors?.[0]?.extensions?.requestId).toBe(supplied);
    });

    it('replaces a supplied X-Request-Id that is not a safe token', async () => {
      const { res } = await post(`{ viewer { id } }`, { 'x-request-id': 'bad id; drop table' });
      const echoed = res.headers.get('x-request-id');
      expect(echoed).toBeTruthy();
      expect(echoed).not.toBe('bad id; drop table');
    });

    it('rejects an invalid CountryCode literal during validation', async () => {
      const result = await server.graphql(`{ administration(iso2: "ZZZ") { name } }`);
      expect(errorCode(result)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(result.data).toBeUndefined();
    });

    it('answers GET /healthz with 200 {status: "ok"}', async () => {
      const res = await fetch(new URL('/healthz', server.url));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
    });
  });
});
