/**
 * The SDK's TypedDocumentNodes, unchanged, through Apollo Client 4 core (no React):
 * typed data, server errors with extensions.code, and normalisation in InMemoryCache.
 * Loaded under jest's CommonJS runtime through the package's `require` export (./__cjs/core/index.cjs).
 */
import { ApolloClient, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import {
  CohortDocument,
  CohortFieldsFragmentDoc,
  CohortsDocument,
  NodeDocument,
  ProfessionalAssociateByIdDocument,
  ProfessionalAssociateFieldsFragmentDoc,
  ProgrammeStatisticsDocument,
  SearchResearchDocument,
  VerifyCertificateDocument,
  type CohortFieldsFragment,
  type CohortQuery,
  type CohortQueryVariables,
  type CohortsQuery,
  type NodeQuery,
  type ProfessionalAssociateByIdQuery,
  type ProfessionalAssociateFieldsFragment,
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
  countingFetch,
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

describeEachDatabase('SDK documents through Apollo Client 4 core', (kind) => {
  let server: TestServer;
  let requests: ReturnType<typeof countingFetch>;
  let client: ApolloClient;

  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  beforeEach(() => {
    // A fresh cache per test; the counting fetch proves which answers came from the cache.
    requests = countingFetch();
    client = new ApolloClient({ link: new HttpLink({ uri: server.url, fetch: requests.fetch }), cache: new InMemoryCache() });
  });
  afterEach(() => client.stop());

  it('runs CohortDocument and returns the typed cohort', async () => {
    const variables: CohortQueryVariables = { label: HISTORIC_COHORT };
    const result = await client.query({ query: CohortDocument, variables });

    // Compile time: the data is exactly the generated CohortQuery, not any. Apollo 4's (classic) signature
    // types it `| undefined` unless errorPolicy is given, because defaultOptions could change the policy.
    assertType<Equal<typeof result.data, CohortQuery | undefined>>();
    const data = expectType<CohortQuery>()(result.data!);
    const cohort = data.cohort!;
    // With an explicit errorPolicy 'none', data is CohortQuery itself.
    const strict = await client.query({ query: CohortDocument, variables, errorPolicy: 'none' });
    assertType<Equal<typeof strict.data, CohortQuery>>();
    // @ts-expect-error `certificates` exists in the schema but CohortDocument does not select it
    expect(cohort.associates.nodes[0]!.certificates).toBeUndefined();
    // @ts-expect-error `__typename` is added by Apollo at run time, but the operation type does not declare it
    expect(cohort.__typename).toBe('Cohort');
    await expectHistoricCohort(server, data);
  });

  it('refuses wrong variables at compile time, and the server refuses them too', async () => {
    // @ts-expect-error label is a String!, not a number
    const wrongType = client.query({ query: CohortDocument, variables: { label: 2023 } });
    await expect(wrongType).rejects.toBeInstanceOf(CombinedGraphQLErrors);
    await expect(wrongType).rejects.toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });

    // @ts-expect-error the required variable `label` is missing
    const missing = client.query({ query: CohortDocument, variables: {} });
    await expect(missing).rejects.toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it('answers a second query from the InMemoryCache, normalised by id', async () => {
    const first = await client.query({ query: CohortDocument, variables: { label: HISTORIC_COHORT } });
    expect(requests.count()).toBe(1);

    const again = await client.query({ query: CohortDocument, variables: { label: HISTORIC_COHORT }, fetchPolicy: 'cache-only' });
    expect(requests.count()).toBe(1);
    expect(again.data).toEqual(first.data);

    // The entity is stored once under Cohort:<id> and readable through the SDK's fragment document.
    const cohortId = first.data!.cohort!.id;
    const cacheId = client.cache.identify({ __typename: 'Cohort', id: cohortId });
    expect(cacheId).toBe(`Cohort:${cohortId}`);
    const fields = client.readFragment({ fragment: CohortFieldsFragmentDoc, id: cacheId });
    assertType<Equal<typeof fields, CohortFieldsFragment | null>>();
    expect(fields).toMatchObject({ id: cohortId, label: HISTORIC_COHORT, status: first.data!.cohort!.status });

    // A fragment document with nested fragments needs its fragmentName; every associate is its own entity.
    const associate = first.data!.cohort!.associates.nodes[0]!;
    const stored = client.readFragment({
      fragment: ProfessionalAssociateFieldsFragmentDoc,
      fragmentName: 'ProfessionalAssociateFields',
      id: client.cache.identify({ __typename: 'ProfessionalAssociate', id: associate.id }),
    });
    const fullName: string = stored!.fullName;
    expectType<ProfessionalAssociateFieldsFragment | null>()(stored);
    expect(fullName).toBe(associate.fullName);
    expect(stored!.administration.iso2).toBe(associate.administration.iso2);

    // Another document that selects the same cohort updates the same entity, so the first query still reads from the cache.
    await client.query({ query: CohortsDocument, variables: { first: 100 } });
    expect(requests.count()).toBe(2);
    const fromCache = await client.query({ query: CohortDocument, variables: { label: HISTORIC_COHORT }, fetchPolicy: 'cache-only' });
    expect(fromCache.data!.cohort!.id).toBe(cohortId);
    expect(requests.count()).toBe(2);
  });

  it('pages through CohortsDocument with after, giving distinct cohorts', async () => {
    const page1 = await client.query({ query: CohortsDocument, variables: { first: 2 } });
    const data1 = expectType<CohortsQuery>()(page1.data!);
    const after: string | null = data1.cohorts.pageInfo.endCursor;
    const page2 = await client.query({ query: CohortsDocument, variables: { first: 2, after } });
    // @ts-expect-error `first` is an Int, not a string
    void (() => client.query({ query: CohortsDocument, variables: { first: '2' } }));
    await expectFirstTwoPages(server, data1, page2.data!);
  });

  it('runs SearchResearchDocument: every project found contains the word', async () => {
    const result = await client.query({ query: SearchResearchDocument, variables: { query: SEARCH_WORD, first: 100 } });
    await expectSearchResults(server, expectType<SearchResearchQuery>()(result.data!));
  });

  it('runs VerifyCertificateDocument for a real serial and for an unknown one', async () => {
    const real = await validCertificate(server);
    const valid = await client.query({ query: VerifyCertificateDocument, variables: { serial: real.serial } });
    const unknown = await client.query({ query: VerifyCertificateDocument, variables: { serial: UNKNOWN_SERIAL } });
    expectCertificateVerifications(real, expectType<VerifyCertificateQuery>()(valid.data!), unknown.data!);
  });

  it('runs ProgrammeStatisticsDocument: totals equal counts over the raw lists', async () => {
    const result = await client.query({ query: ProgrammeStatisticsDocument });
    await expectStatisticsMatchRawCounts(server, expectType<ProgrammeStatisticsQuery>()(result.data!));
  });

  it('runs ProfessionalAssociateByIdDocument and narrows the node by __typename', async () => {
    const expected = await historicAssociate(server);
    const result = await client.query({ query: ProfessionalAssociateByIdDocument, variables: { id: expected.id } });
    const data = expectType<ProfessionalAssociateByIdQuery>()(result.data!);
    // @ts-expect-error before narrowing, node may be any Node type, which has no fullName here
    void data.node?.fullName;
    expectAssociateById(data, expected);
  });

  it('surfaces a server error with extensions.code: rejected with CombinedGraphQLErrors, or as result.error', async () => {
    // @ts-expect-error `id` is required
    void (() => client.query({ query: NodeDocument, variables: {} }));

    // Default errorPolicy 'none': the promise rejects.
    const error: unknown = await client.query({ query: NodeDocument, variables: { id: 'not-an-id' } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(CombinedGraphQLErrors.is(error)).toBe(true);
    if (!CombinedGraphQLErrors.is(error)) return;
    expect(error.errors[0]?.extensions?.code).toBe('INVALID_ID');
    expect(error.errors[0]?.path).toEqual(['node']);

    // errorPolicy 'all': the result carries the error and the (null) data.
    const result = await client.query({ query: NodeDocument, variables: { id: 'not-an-id' }, errorPolicy: 'all' });
    const data: NodeQuery | undefined = result.data;
    expect(data?.node ?? null).toBeNull();
    expect(CombinedGraphQLErrors.is(result.error)).toBe(true);
    expect(CombinedGraphQLErrors.is(result.error) && result.error.errors[0]?.extensions?.code).toBe('INVALID_ID');
  });
});
