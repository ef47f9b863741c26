import { createHash } from 'node:crypto';
import { getIntrospectionQuery } from 'graphql';
import { CdpGraphQLError, createCdpClient, operationHashes, operationSources, type CdpClient, type FetchLike } from '@cdp-hub/sdk';
import history from '../../server/src/db/seed/cdp-history.json';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/db/seed/demo-users';
import { UserRole } from '../../server/src/modules/user/user-role';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Issue 10, persisted operations: with TRUSTED_DOCUMENTS=only the server runs
 * the SDK's manifest alone (by hash or as exact text), except for an ADMIN;
 * the SDK sends hashes first and the text only when the server asks for it.
 */

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const AD_HOC = '{ programmes { totalCount } }';
const COHORT_2023 = history.cohorts.find((c) => c.label === '2023-2024')!;

interface Sent {
  body: { query?: string; operationName?: string; extensions?: { persistedQuery?: { version: number; sha256Hash: string } } };
  status: number;
  code?: string;
}

/** A fetch that records each request body with the answer's status and first error code. */
function recordingFetch(seen: Sent[]): FetchLike {
  return async (url, init) => {
    const response = await fetch(url, init);
    const text = await response.clone().text();
    seen.push({ body: JSON.parse(init.body), status: response.status, code: JSON.parse(text).errors?.[0]?.extensions?.code });
    return response;
  };
}

/** A raw POST, for bodies the SDK would never send. */
async function post(server: TestServer, body: unknown, token?: string | null) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(server.url, { method: 'POST', headers, body: JSON.stringify(body) });
  const json = (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions: Record<string, any> }> };
  return { status: res.status, json, requestId: res.headers.get('x-request-id') };
}

/** A GET with the document in the URL; Apollo wants a JSON content type or a preflight header on GETs (CSRF prevention). */
async function getQuery(server: TestServer, query: string, token: string | null) {
  const headers: Record<string, string> = { 'apollo-require-preflight': 'true' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${server.url}?${new URLSearchParams({ query })}`, { headers });
  const json = (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions: Record<string, any> }> };
  return { status: res.status, json };
}

const byHash = (name: string, variables: Record<string, unknown> = {}) => ({
  variables,
  extensions: { persistedQuery: { version: 1, sha256Hash: operationHashes[name] } },
});

describeEachDatabase('trusted documents (TRUSTED_DOCUMENTS=only)', (kind) => {
  let server: TestServer;
  const tokenOf = async (role: UserRole) => (await server.as(role)).token!;
  beforeAll(async () => {
    server = await startTestServer(kind, { trustedDocuments: 'only' });
  });
  afterAll(async () => server?.close());

  it('refuses a document outside the manifest with UNTRUSTED_DOCUMENT and HTTP 400, anonymous and for every role but ADMIN', async () => {
    const callers: Array<[string, string | null]> = [['anonymous', null]];
    for (const role of [UserRole.REVIEWER, UserRole.FOCAL_POINT, UserRole.ASSOCIATE]) callers.push([role, await tokenOf(role)]);
    for (const [who, token] of callers) {
      const { status, json, requestId } = await post(server, { query: AD_HOC }, token);
      expect({ who, status, code: json.errors?.[0]?.extensions.code, data: json.data }).toEqual({ who, status: 400, code: 'UNTRUSTED_DOCUMENT', data: undefined });
      expect(json.errors?.[0]?.extensions.requestId).toBe(requestId);
    }
  });

  it('refuses an untrusted document before parsing or validating it: no parse or validation error, no schema hints', async () => {
    // A misspelt field (validation would suggest "users"), a private field, a syntax error.
    const probes = ['{ user { id } }', '{ users { nodes { passwordHash } } }', '{ cohorts {'];
    const callers: Array<[string, string | null]> = [['anonymous', null]];
    for (const role of [UserRole.REVIEWER, UserRole.FOCAL_POINT, UserRole.ASSOCIATE]) callers.push([role, await tokenOf(role)]);
    for (const [who, token] of callers) {
      for (const query of probes) {
        const { status, json, requestId } = await post(server, { query }, token);
        expect({ who, query, status, errors: json.errors, data: json.data }).toEqual({
          who,
          query,
          status: 400,
          errors: [{ message: expect.any(String), extensions: { code: 'UNTRUSTED_DOCUMENT', requestId } }],
          data: undefined,
        });
        expect(JSON.stringify(json)).not.toMatch(/Did you mean|Syntax Error|Cannot query field|passwordHash/);
        // The same by GET, where the document travels in the URL.
        const get = await getQuery(server, query, token);
        expect({ who, query, status: get.status, code: get.json.errors?.[0]?.extensions.code }).toEqual({ who, query, status: 400, code: 'UNTRUSTED_DOCUMENT' });
        expect(JSON.stringify(get.json)).not.toMatch(/Did you mean|Syntax Error|Cannot query field/);
      }
      // Nor does a batch, or a document registered with its hash, reach the parser.
      const batch = await post(server, [{ query: operationSources.Regions }, { query: probes[0] }], token);
      expect([batch.status, batch.json.errors?.[0]?.extensions.code]).toEqual([400, 'UNTRUSTED_DOCUMENT']);
      const registration = await post(server, { query: probes[2], extensions: { persistedQuery: { version: 1, sha256Hash: sha256(probes[2]) } } }, token);
      expect([registration.status, registration.json.errors?.[0]?.extensions.code]).toEqual([400, 'UNTRUSTED_DOCUMENT']);
    }
  });

  it('still parses and validates any document of an ADMIN, with the usual errors', async () => {
    const admin = await tokenOf(UserRole.ADMIN);
    const misspelt = await post(server, { query: '{ user { id } }' }, admin);
    expect([misspelt.status, misspelt.json.errors?.[0]?.extensions.code]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
    expect(misspelt.json.errors?.[0]?.message).toMatch(/Did you mean "users"\?/);
    const hidden = await post(server, { query: '{ users { nodes { passwordHash } } }' }, admin);
    expect([hidden.status, hidden.json.errors?.[0]?.extensions.code]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
    const broken = await post(server, { query: '{ cohorts {' }, admin);
    expect([broken.status, broken.json.errors?.[0]?.extensions.code]).toEqual([400, 'GRAPHQL_PARSE_FAILED']);
    const get = await getQuery(server, '{ cohorts {', admin);
    expect([get.status, get.json.errors?.[0]?.extensions.code]).toEqual([400, 'GRAPHQL_PARSE_FAILED']);
  });

  it('runs a manifest document sent by GET', async () => {
    const { status, json } = await getQuery(server, operationSources.Regions, null);
    expect([status, json.errors]).toEqual([200, undefined]);
    expect(json.data.regions.totalCount).toBe(history.regions.length);
  });

  it('refuses a text that differs from a manifest entry by a single character', async () => {
    const text = `${operationSources.Regions} `;
    const { status, json } = await post(server, { query: text });
    expect([status, json.errors?.[0]?.extensions.code]).toEqual([400, 'UNTRUSTED_DOCUMENT']);
  });

  it('runs a manifest document for anyone, by hash alone or as its exact text', async () => {
    const expected = { cohort: { label: '2023-2024', associates: { totalCount: COHORT_2023.countries.length } } };
    const hashOnly = await post(server, byHash('CohortPage', { label: '2023-2024' }));
    expect(hashOnly.status).toBe(200);
    expect(hashOnly.json).toMatchObject({ data: expected });
    expect(hashOnly.json.errors).toBeUndefined();
    const fullText = await post(server, { query: operationSources.CohortPage, variables: { label: '2023-2024' } }, await tokenOf(UserRole.ASSOCIATE));
    expect(fullText.status).toBe(200);
    expect(fullText.json).toMatchObject({ data: expected });
  });

  it("lets an ADMIN run any document: the playground's schema introspection and an ad-hoc query", async () => {
    const admin = await tokenOf(UserRole.ADMIN);
    const introspection = await post(server, { query: getIntrospectionQuery() }, admin);
    expect(introspection.status).toBe(200);
    expect(introspection.json.data.__schema.queryType.name).toBe('Query');
    const adHoc = await post(server, { query: AD_HOC }, admin);
    expect([adHoc.status, adHoc.json.data?.programmes.totalCount]).toEqual([200, expect.any(Number)]);
    const anonymous = await post(server, { query: getIntrospectionQuery() });
    expect([anonymous.status, anonymous.json.errors?.[0]?.extensions.code]).toEqual([400, 'UNTRUSTED_DOCUMENT']);
  });

  it('adds nothing to the trusted set through APQ registration, whoever registers', async () => {
    for (const [query, token] of [
      ['{ regions { totalCount } }', null],
      ['{ administrations { totalCount } }', await tokenOf(UserRole.ADMIN)],
    ] as const) {
      const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
      const registered = await post(server, { query, extensions }, token);
      expect(registered.status).toBe(token ? 200 : 400);
      // Not kept: the hash alone is unknown afterwards, to anyone.
      const again = await post(server, { extensions });
      expect([again.status, again.json.errors?.[0]?.extensions.code]).toEqual([200, 'PERSISTED_QUERY_NOT_FOUND']);
    }
  });

  it("keeps Apollo's persisted-query errors typed", async () => {
    const mismatch = await post(server, { query: operationSources.Regions, extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } });
    expect([mismatch.status, mismatch.json.errors?.[0]?.extensions.code]).toEqual([400, 'PERSISTED_QUERY_HASH_MISMATCH']);
    const version = await post(server, { extensions: { persistedQuery: { version: 2, sha256Hash: operationHashes.Regions } } });
    expect([version.status, version.json.errors?.[0]?.extensions.code]).toEqual([400, 'PERSISTED_QUERY_VERSION_UNSUPPORTED']);
  });

  describe('the SDK', () => {
    let seen: Sent[];
    let anonymous: CdpClient;
    beforeEach(() => {
      seen = [];
      anonymous = createCdpClient({ url: server.url, fetch: recordingFetch(seen) });
    });

    it('runs its methods and paginate by hash alone, anonymous and signed in', async () => {
      const { cohort } = await anonymous.cohortPage({ label: '2023-2024' });
      expect(cohort?.associates.nodes.map((a) => a.administration.iso2).sort()).toEqual([...COHORT_2023.countries].sort());
      expect((await anonymous.cohorts({ first: 2 })).cohorts.nodes).toHaveLength(2);
      expect((await anonymous.programmeStatistics({})).programmeStatistics?.totalAssociates).toBeGreaterThan(0);
      const titles: string[] = [];
      for await (const project of anonymous.paginate(anonymous.researchProjects, { first: 5 })) titles.push(project.title);
      expect(titles.length).toBeGreaterThan(5); // more than one page

      const { login } = await anonymous.login({ input: { email: DEMO_USERS.REVIEWER.email, password: DEMO_PASSWORD } });
      const reviewer = createCdpClient({ url: server.url, token: login.token!, fetch: recordingFetch(seen) });
      expect((await reviewer.viewer()).viewer?.role).toBe('REVIEWER');
      expect((await reviewer.nominations({ first: 3 })).nominations.totalCount).toBeGreaterThan(0);

      expect(seen.length).toBeGreaterThan(8);
      for (const { body, status } of seen) {
        expect({ operation: body.operationName, query: body.query, status }).toEqual({ operation: body.operationName, query: undefined, status: 200 });
        expect(body.extensions?.persistedQuery?.sha256Hash).toBe(operationHashes[body.operationName!]);
      }
    });

    it("answers an ad-hoc document's refusal as CdpGraphQLError UNTRUSTED_DOCUMENT, after offering its hash and then its text", async () => {
      const error = await anonymous.request(AD_HOC).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CdpGraphQLError);
      expect(error).toMatchObject({ code: 'UNTRUSTED_DOCUMENT', status: 400 });
      expect(seen.map((s) => [s.body.query === undefined ? 'hash' : 'text', s.code])).toEqual([
        ['hash', 'PERSISTED_QUERY_NOT_FOUND'],
        ['text', 'UNTRUSTED_DOCUMENT'],
      ]);
      expect(seen[1]!.body.extensions?.persistedQuery?.sha256Hash).toBe(sha256(AD_HOC));
    });
  });
});

describeEachDatabase('the SDK against a server that does not know its hashes', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    // No manifest, any document allowed: what an older server, or one deployed before the SDK's operations, looks like.
    server = await startTestServer(kind, { persistedOperations: new Map(), releasedOperations: [] });
  });
  afterAll(async () => server?.close());

  it('falls back to the full text once per unknown hash, which the server then keeps', async () => {
    const seen: Sent[] = [];
    const client = createCdpClient({ url: server.url, fetch: recordingFetch(seen) });
    expect((await client.regions()).regions.totalCount).toBe(history.regions.length);
    expect((await client.regions()).regions.totalCount).toBe(history.regions.length);
    expect(seen.map((s) => [s.body.query === undefined ? 'hash' : 'text', s.status, s.code ?? null])).toEqual([
      ['hash', 200, 'PERSISTED_QUERY_NOT_FOUND'],
      ['text', 200, null],
      ['hash', 200, null],
    ]);
    expect(seen[1]!.body.query).toBe(operationSources.Regions);
    expect(seen[1]!.body.extensions?.persistedQuery?.sha256Hash).toBe(operationHashes.Regions);
  });

  it('sends the full text only, and no hash, with persistedQueries: false', async () => {
    const seen: Sent[] = [];
    const client = createCdpClient({ url: server.url, fetch: recordingFetch(seen), persistedQueries: false });
    expect((await client.cohortPage({ label: '2023-2024' })).cohort?.label).toBe('2023-2024');
    expect(seen).toEqual([{ body: expect.objectContaining({ query: operationSources.CohortPage }), status: 200, code: undefined }]);
    expect(seen[0]!.body.extensions).toBeUndefined();
  });
});
