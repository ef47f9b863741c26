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
  type CohortQuery,
  type CohortQueryVariables,
  type CohortsQuery,
  type NodeQuery,
  type NodeQueryVariables,
  type ProfessionalAssociateByIdQuery,
  type ProgrammeStatisticsQuery,
  type SearchResearchQuery,
  type VerifyCertificateQuery,
} from '@cdp-hub/sdk';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';
import {
  HISTORIC_COHORT,
  SEARCH_WORD,
  UNKNOWN_SERIAL,
  assertType,
  expectAssociateById,
  expectCertificateVerifications,
  expectFirstTwoPages,
  expectHistoricCohort,
  expectSearchResults,
  expectStatisticsMatchRawCounts,
  expectType,
  historicAssociate,
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
    const data = expectType<CohortQuery>()(result.data!);
    // @ts-expect-error `certificates` exists in the schema but CohortDocument does not select it
    expect(data.cohort!.associates.nodes[0]!.certificates).toBeUndefined();
    await expectHistoricCohort(server, data);
  });

  it('sends queries as POST; GET (urql\'s default for short queries) works once a CSRF preflight header is sent', async () => {
    methods.length = 0;
    const post = await client.query(VerifyCertificateDocument, { serial: UNKNOWN_SERIAL }).toPromise();
    expect(post.error).toBeUndefined();
    expect(methods).toEqual(['POST']);

    const getClient = createClient({
      url: server.url,
      exchanges: [fetchExchange],
      fetch: recordingFetch,
      fetchOptions: { headers: { 'apollo-require-preflight': 'true' } },
    });
    methods.length = 0;
    const viaGet = await getClient.query(VerifyCertificateDocument, { serial: UNKNOWN_SERIAL }).toPromise();
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
    const after: string | null = data1.cohorts.pageInfo.endCursor;
    const page2 = await client.query(CohortsDocument, { first: 2, after }).toPromise();
    // @ts-expect-error `first` is an Int, not a string
    void (() => client.query(CohortsDocument, { first: '2' }));
    await expectFirstTwoPages(server, data1, page2.data!);
  });

  it('runs SearchResearchDocument: every project found contains the word', async () => {
    const result = await client.query(SearchResearchDocument, { query: SEARCH_WORD, first: 100 }).toPromise();
    await expectSearchResults(server, expectType<SearchResearchQuery>()(result.data!));
  });

  it('runs VerifyCertificateDocument for a real serial and for an unknown one', async () => {
    const real = await validCertificate(server);
    const valid = await client.query(VerifyCertificateDocument, { serial: real.serial }).toPromise();
    const unknown = await client.query(VerifyCertificateDocument, { serial: UNKNOWN_SERIAL }).toPromise();
    expectCertificateVerifications(real, expectType<VerifyCertificateQuery>()(valid.data!), unknown.data!);
  });

  it('runs ProgrammeStatisticsDocument: totals equal counts over the raw lists', async () => {
    const result = await client.query(ProgrammeStatisticsDocument, {}).toPromise();
    await expectStatisticsMatchRawCounts(server, expectType<ProgrammeStatisticsQuery>()(result.data!));
  });

  it('runs ProfessionalAssociateByIdDocument and narrows the node by __typename', async () => {
    const expected = await historicAssociate(server);
    const result = await client.query(ProfessionalAssociateByIdDocument, { id: expected.id }).toPromise();
    const data = expectType<ProfessionalAssociateByIdQuery>()(result.data!);
    // @ts-expect-error before narrowing, node may be any Node type, which has no fullName here
    void data.node?.fullName;
    expectAssociateById(data, expected);
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
