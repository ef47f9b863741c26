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
  type CdpOperations,
  type CohortStatus,
  type FetchLike,
} from '@cdp-hub/sdk';
import history from '../../server/src/db/seed/cdp-history.json';
import { toGlobalId } from '../../server/src/graphql/relay/global-id';
import { Nomination } from '../../server/src/modules/nomination/nomination.entity';
import { describeEachDatabase } from '../support/databases';
import { startGateway, type Gateway } from '../support/gateway';
import { startTestServer, type TestServer } from '../support/server';

const COHORT_2023 = history.cohorts.find((c) => c.label === '2023-2024')!;

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
 */
const EVERY_OPERATION: { [K in keyof CdpOperations]: (client: CdpClient, ids: SeedIds) => Promise<void> } = {
  administration: async (c) => expect((await c.administration({ iso2: 'RW' })).administration).toMatchObject({ name: 'Rwanda', region: { code: 'ESA' } }),
  administrations: async (c) => expect((await c.administrations({ filter: { regionCode: 'ESA' } })).administrations.totalCount).toBeGreaterThan(5),
  alumni: async (c) => expect((await c.alumni({ first: 3 })).alumni.nodes).toHaveLength(3),
  alumniNetwork: async (c) => expect((await c.alumniNetwork({ filter: { isLiaisonPoint: false } })).alumniNetwork.nodes.length).toBeGreaterThan(0),
  associates: async (c) => expect((await c.associates({ filter: { administrationIso2: 'RW' } })).associates.nodes.every((a) => a.administration.iso2 === 'RW')).toBe(true),
  cohort: async (c) => expect((await c.cohort({ label: '2023-2024' })).cohort?.associates.totalCount).toBe(COHORT_2023.countries.length),
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
  // Nominations are not public: the by-id lookup hides them and the list asks for sign-in.
  nominationById: async (c, ids) => expect((await c.nominationById({ id: ids.nomination })).node).toBeNull(),
  nominations: async (c) => expect(c.nominations()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' }),
  programme: async (c) => expect((await c.programme({ code: 'WCO-JAPAN-CDP' })).programme?.launchedYear).toBe(2009),
  programmes: async (c) => expect((await c.programmes()).programmes.nodes.map((p) => p.code)).toContain('WCO-JAPAN-CDP'),
  programmeStatistics: async (c) => expect((await c.programmeStatistics()).programmeStatistics?.regionsRepresented).toBe(history.regions.length),
  regions: async (c) => expect((await c.regions()).regions.totalCount).toBe(history.regions.length),
  researchProjects: async (c) => expect((await c.researchProjects({ filter: { statusIn: ['PUBLISHED'] } })).researchProjects.totalCount).toBeGreaterThan(0),
  searchResearch: async (c) => expect((await c.searchResearch({ query: 'customs' })).searchResearch.totalCount).toBeGreaterThan(0),
  verifyCertificate: async (c) => expect((await c.verifyCertificate({ serial: 'CDP-1999-001' })).verifyCertificate).toEqual({ isValid: false, reason: 'NOT_FOUND', certificate: null }),
  viewer: async (c) => expect((await c.viewer()).viewer).toBeNull(),
};

describeEachDatabase('@cdp-hub/sdk against the live server', (kind) => {
  let server: TestServer;
  let client: CdpClient;
  let ids: SeedIds;
  beforeAll(async () => {
    server = await startTestServer(kind);
    client = createCdpClient({ url: server.url });
    ids = await seedIds(client, server);
  });
  afterAll(async () => server?.close());

  describe('every generated operation', () => {
    it.each(Object.keys(EVERY_OPERATION) as Array<keyof CdpOperations>)('%s', async (name) => {
      await EVERY_OPERATION[name](client, ids);
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

    it('sends a fixed token, client headers and per-call headers', async () => {
      const seen: Sent[] = [];
      const withToken = createCdpClient({ url: server.url, token: 'abc', headers: { 'x-app': 'portal' }, fetch: recordingFetch(seen) });
      await withToken.regions({}, { headers: { 'x-call': '1' } });
      expect(seen[0]!.headers).toMatchObject({ authorization: 'Bearer abc', 'x-app': 'portal', 'x-call': '1', 'content-type': 'application/json' });
    });

    it('merges header names case-insensitively: client headers override the token, call headers override both', async () => {
      const seen: Sent[] = [];
      const client2 = createCdpClient({ url: server.url, token: 'a', headers: { Authorization: 'Bearer b', 'X-App': 'portal' }, fetch: recordingFetch(seen) });
      await client2.regions({}, { headers: { 'x-app': 'kiosk', 'Content-Type': 'application/json; charset=utf-8' } });
      expect(seen[0]!.headers).toEqual({
        'content-type': 'application/json; charset=utf-8',
        accept: 'application/graphql-response+json, application/json',
        authorization: 'Bearer b',
        'x-app': 'kiosk',
      });
    });

    it('asks getToken before every request and sends nothing for null', async () => {
      const seen: Sent[] = [];
      const tokens = ['first', null];
      const rotating = createCdpClient({ url: server.url, getToken: async () => tokens.shift(), fetch: recordingFetch(seen) });
      await rotating.regions();
      await rotating.regions();
      expect(seen[0]!.headers.authorization).toBe('Bearer first');
      expect(seen[1]!.headers.authorization).toBeUndefined();
    });

    it('refuses token and getToken together', () => {
      expect(() => createCdpClient({ url: server.url, token: 'a', getToken: () => 'b' })).toThrow(TypeError);
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
