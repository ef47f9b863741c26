/**
 * The SDK's TypedDocumentNodes, unchanged, through urql core (`@urql/core`, no framework
 * bindings): typed data and server errors with extensions.code on `result.error`.
 * Loaded under jest's CommonJS runtime through the package's `require` export (./dist/urql-core.js).
 */
import { CombinedError, createClient, fetchExchange, type Client, type OperationResult } from '@urql/core';
import {
  CohortDocument,
  CohortsDocument,
  NodeDocument,
  ProfessionalAssociateByIdDocument,
  ProgrammeStatisticsDocument,
  SearchResearchDocument,
  VerifyCertificateDocument,
  type CertificateVerificationReason,
  type CohortQuery,
  type CohortQueryVariables,
  type CohortStatus,
  type CohortsQuery,
  type EventKind,
  type NodeQuery,
  type NodeQueryVariables,
  type ProfessionalAssociateByIdQuery,
  type ProgrammeStatisticsQuery,
  type ResearchStatus,
  type SearchResearchQuery,
  type VerifyCertificateQuery,
} from '@cdp-hub/sdk';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';
import {
  HISTORIC_CEREMONY_DAY,
  HISTORIC_COHORT,
  HISTORIC_COHORT_ISO2,
  SEARCH_WORD,
  assertType,
  containsWord,
  expectType,
  rawCohort,
  rawCohortIds,
  rawTotals,
  researchContaining,
  validCertificate,
  type Equal,
} from './support';

describeEachDatabase('SDK documents through urql core', (kind) => {
  let server: TestServer;
  let client: Client;
  const methods: string[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    methods.push(init?.method ?? 'GET');
    return fetch(input, init);
  };

  beforeAll(async () => {
    server = await startTestServer(kind);
    client = createClient({
      url: server.url,
      exchanges: [fetchExchange],
      // urql's default ('within-url-limit') sends short queries as GET without a preflight header, which
      // Apollo Server's CSRF prevention refuses (400 BAD_REQUEST); POST is the plain, portable choice.
      preferGetMethod: false,
      fetch: recordingFetch,
    });
  });
  afterAll(async () => server?.close());

  it('runs CohortDocument and returns the typed cohort', async () => {
    const variables: CohortQueryVariables = { label: HISTORIC_COHORT };
    const result = await client.query(CohortDocument, variables).toPromise();

    // Compile time: data is exactly the generated CohortQuery (or undefined on error), not any.
    assertType<Equal<typeof result, OperationResult<CohortQuery, CohortQueryVariables>>>();
    assertType<Equal<typeof result.data, CohortQuery | undefined>>();
    expect(result.error).toBeUndefined();
    const cohort = expectType<CohortQuery>()(result.data!).cohort!;
    const status: CohortStatus = cohort.status;
    const ceremony = cohort.events.find((e) => e.kind === 'CERTIFICATE_CEREMONY')!;
    const kind: EventKind = ceremony.kind;
    const iso2: string[] = cohort.associates.nodes.map((a) => a.administration.iso2);
    // @ts-expect-error `certificates` exists in the schema but CohortDocument does not select it
    expect(cohort.associates.nodes[0]!.certificates).toBeUndefined();

    const expected = await rawCohort(server, HISTORIC_COHORT);
    expect(cohort.id).toBe(expected.id);
    expect(cohort.label).toBe(HISTORIC_COHORT);
    expect(status).toBe(expected.status);
    expect(cohort.associates.totalCount).toBe(10);
    expect(iso2.sort()).toEqual([...HISTORIC_COHORT_ISO2].sort());
    expect(cohort.associates.nodes.map((a) => a.id).sort()).toEqual(expected.associates.map((a) => a.id).sort());
    expect(kind).toBe('CERTIFICATE_CEREMONY');
    expect(ceremony.startsAt.slice(0, 10)).toBe(HISTORIC_CEREMONY_DAY);
    expect(ceremony.cohort?.label).toBe(HISTORIC_COHORT);
  });

  it('sends queries as POST; GET (urql\'s default for short queries) works once a CSRF preflight header is sent', async () => {
    methods.length = 0;
    const post = await client.query(VerifyCertificateDocument, { serial: 'CDP-1999-999' }).toPromise();
    expect(post.error).toBeUndefined();
    expect(methods).toEqual(['POST']);

    const getClient = createClient({
      url: server.url,
      exchanges: [fetchExchange],
      fetch: recordingFetch,
      fetchOptions: { headers: { 'apollo-require-preflight': 'true' } },
    });
    methods.length = 0;
    const viaGet = await getClient.query(VerifyCertificateDocument, { serial: 'CDP-1999-999' }).toPromise();
    expect(viaGet.error).toBeUndefined();
    expect(methods).toEqual(['GET']);
    expect(viaGet.data).toEqual(post.data);
  });

  it('refuses wrong variables at compile time, and the server refuses them too', async () => {
    // @ts-expect-error label is a String!, not a number
    const wrongType = await client.query(CohortDocument, { label: 2023 }).toPromise();
    expect(wrongType.error?.graphQLErrors[0]?.extensions.code).toBe('BAD_USER_INPUT');

    // @ts-expect-error the required variable `label` is missing
    const missing = await client.query(CohortDocument, {}).toPromise();
    expect(missing.error?.graphQLErrors[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('pages through CohortsDocument with after, giving distinct cohorts', async () => {
    const page1 = await client.query(CohortsDocument, { first: 2 }).toPromise();
    const data1 = expectType<CohortsQuery>()(page1.data!);
    expect(data1.cohorts.pageInfo.hasNextPage).toBe(true);
    const after: string | null = data1.cohorts.pageInfo.endCursor;
    const page2 = await client.query(CohortsDocument, { first: 2, after }).toPromise();
    // @ts-expect-error `first` is an Int, not a string
    void (() => client.query(CohortsDocument, { first: '2' }));

    const ids = [...data1.cohorts.nodes, ...page2.data!.cohorts.nodes].map((c) => c.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids).toEqual((await rawCohortIds(server)).slice(0, 4));
    expect(page2.data!.cohorts.totalCount).toBe(data1.cohorts.totalCount);
  });

  it('runs SearchResearchDocument: every project found contains the word', async () => {
    const result = await client.query(SearchResearchDocument, { query: SEARCH_WORD, first: 100 }).toPromise();
    const data = expectType<SearchResearchQuery>()(result.data!);
    const statuses: ResearchStatus[] = data.searchResearch.nodes.map((p) => p.status);

    const expected = await researchContaining(server, SEARCH_WORD);
    expect(expected.length).toBeGreaterThan(0);
    expect(data.searchResearch.totalCount).toBe(expected.length);
    expect(data.searchResearch.nodes.map((p) => p.id).sort()).toEqual(expected);
    for (const p of data.searchResearch.nodes) expect(containsWord(p, SEARCH_WORD)).toBe(true);
    expect(new Set(statuses)).toEqual(new Set(['PUBLISHED']));
  });

  it('runs VerifyCertificateDocument for a real serial and for an unknown one', async () => {
    const real = await validCertificate(server);
    const valid = await client.query(VerifyCertificateDocument, { serial: real.serial }).toPromise();
    const verification = expectType<VerifyCertificateQuery>()(valid.data!).verifyCertificate;
    const reason: CertificateVerificationReason = verification.reason;
    const isValid: boolean = verification.isValid;
    expect(isValid).toBe(true);
    expect(reason).toBe('VALID');
    expect(verification.certificate).toMatchObject({
      serial: real.serial,
      revokedAt: null,
      associate: { id: real.associateId, fullName: real.fullName, cohort: { label: HISTORIC_COHORT } },
    });
    expect(verification.certificate!.ceremony.startsAt.slice(0, 10)).toBe(HISTORIC_CEREMONY_DAY);

    const unknown = await client.query(VerifyCertificateDocument, { serial: 'CDP-1999-999' }).toPromise();
    expect(unknown.data!.verifyCertificate).toMatchObject({ isValid: false, reason: 'NOT_FOUND', certificate: null });
  });

  it('runs ProgrammeStatisticsDocument: totals equal counts over the raw lists', async () => {
    const result = await client.query(ProgrammeStatisticsDocument, {}).toPromise();
    const stats = expectType<ProgrammeStatisticsQuery>()(result.data!).programmeStatistics!;
    const totalAssociates: number = stats.totalAssociates;
    const expected = await rawTotals(server);
    expect({
      totalAssociates,
      totalCohorts: stats.totalCohorts,
      completedCohorts: stats.completedCohorts,
      administrationsRepresented: stats.administrationsRepresented,
    }).toEqual(expected);
    expect(stats.byCohort.find((c) => c.cohort.label === HISTORIC_COHORT)?.associateCount).toBe(10);
  });

  it('runs ProfessionalAssociateByIdDocument and narrows the node by __typename', async () => {
    const expected = (await rawCohort(server, HISTORIC_COHORT)).associates[0]!;
    const result = await client.query(ProfessionalAssociateByIdDocument, { id: expected.id }).toPromise();
    const node = expectType<ProfessionalAssociateByIdQuery>()(result.data!).node;
    // @ts-expect-error before narrowing, node may be any Node type, which has no fullName here
    void node?.fullName;
    if (node?.__typename !== 'ProfessionalAssociate') throw new Error(`expected a ProfessionalAssociate, got ${node?.__typename}`);
    const fullName: string = node.fullName;
    expect(fullName).toBe(expected.fullName);
    expect(node.id).toBe(expected.id);
    expect(node.administration.iso2).toBe(expected.iso2);
    expect(node.cohort.label).toBe(HISTORIC_COHORT);
  });

  it('surfaces a server error with extensions.code on result.error (a CombinedError), without throwing', async () => {
    const variables: NodeQueryVariables = { id: 'not-an-id' };
    const result = await client.query(NodeDocument, variables).toPromise();
    const data: NodeQuery | undefined = result.data;
    expect(data?.node ?? null).toBeNull();
    expect(result.error).toBeInstanceOf(CombinedError);
    expect(result.error?.networkError).toBeUndefined();
    const [first] = result.error!.graphQLErrors;
    expect(first?.extensions.code).toBe('INVALID_ID');
    expect(first?.path).toEqual(['node']);
    expect(result.error!.message).toContain('not-an-id');
  });
});
