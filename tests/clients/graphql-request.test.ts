/**
 * The SDK's TypedDocumentNodes, unchanged, through graphql-request 7: `request(url, document, variables)`
 * and `new GraphQLClient(url).request(document, variables)`; typed data, and server errors with
 * extensions.code on the thrown ClientError.
 * Loaded under jest's CommonJS runtime through the package's `require` export (./build/entrypoints/main.cjs).
 */
import type { DocumentNode } from 'graphql';
import { ClientError, GraphQLClient, request } from 'graphql-request';
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
  type IsAny,
} from './support';

describeEachDatabase('SDK documents through graphql-request', (kind) => {
  let server: TestServer;
  let client: GraphQLClient;

  beforeAll(async () => {
    server = await startTestServer(kind);
    client = new GraphQLClient(server.url);
  });
  afterAll(async () => server?.close());

  it('runs CohortDocument with request(url, document, variables) and returns the typed cohort', async () => {
    const variables: CohortQueryVariables = { label: HISTORIC_COHORT };
    const pending = request(server.url, CohortDocument, variables);
    // Compile time: the result is exactly CohortQuery. graphql-request's own default is `any`,
    // as a plain DocumentNode shows, so this is the SDK's typing at work.
    assertType<Equal<typeof pending, Promise<CohortQuery>>>();
    const untyped = (document: DocumentNode) => request(server.url, document);
    assertType<IsAny<Awaited<ReturnType<typeof untyped>>>>();

    const data = expectType<CohortQuery>()(await pending);
    // @ts-expect-error `certificates` exists in the schema but CohortDocument does not select it
    expect(data.cohort!.associates.nodes[0]!.certificates).toBeUndefined();
    await expectHistoricCohort(server, data);

    // The same through a GraphQLClient instance, and through the options form.
    expect(await client.request(CohortDocument, variables)).toEqual(data);
    expect(await request({ url: server.url, document: CohortDocument, variables })).toEqual(data);
  });

  it('refuses wrong variables at compile time, and the server refuses them too', async () => {
    // @ts-expect-error label is a String!, not a number
    const wrongType = client.request(CohortDocument, { label: 2023 });
    await expect(wrongType).rejects.toBeInstanceOf(ClientError);
    await expect(wrongType).rejects.toMatchObject({ response: { errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] } });

    // @ts-expect-error the variables are required: CohortDocument has a required `label`
    const missing = request(server.url, CohortDocument);
    await expect(missing).rejects.toMatchObject({ response: { errors: [{ extensions: { code: 'BAD_USER_INPUT' } }] } });
  });

  it('pages through CohortsDocument with after, giving distinct cohorts', async () => {
    const page1 = expectType<CohortsQuery>()(await client.request(CohortsDocument, { first: 2 }));
    const after: string | null = page1.cohorts.pageInfo.endCursor;
    const page2 = await client.request(CohortsDocument, { first: 2, after });
    // @ts-expect-error `first` is an Int, not a string
    void (() => client.request(CohortsDocument, { first: '2' }));
    await expectFirstTwoPages(server, page1, page2);
  });

  it('runs SearchResearchDocument: every project found contains the word', async () => {
    const data = await client.request(SearchResearchDocument, { query: SEARCH_WORD, first: 100 });
    await expectSearchResults(server, expectType<SearchResearchQuery>()(data));
  });

  it('runs VerifyCertificateDocument for a real serial and for an unknown one', async () => {
    const real = await validCertificate(server);
    const valid = await request(server.url, VerifyCertificateDocument, { serial: real.serial });
    const unknown = await request(server.url, VerifyCertificateDocument, { serial: UNKNOWN_SERIAL });
    expectCertificateVerifications(real, expectType<VerifyCertificateQuery>()(valid), unknown);
  });

  it('runs ProgrammeStatisticsDocument: totals equal counts over the raw lists', async () => {
    // graphql-request's typing demands the variables argument whenever the operation declares any variable,
    // even if all are optional (as $programmeCode is), so `{}` is passed; at run time it may be omitted.
    // @ts-expect-error graphql-request requires the variables object here
    void (() => client.request(ProgrammeStatisticsDocument));
    const data = await client.request(ProgrammeStatisticsDocument, {});
    await expectStatisticsMatchRawCounts(server, expectType<ProgrammeStatisticsQuery>()(data));
  });

  it('runs ProfessionalAssociateByIdDocument and narrows the node by __typename', async () => {
    const expected = await historicAssociate(server);
    const result = await client.request(ProfessionalAssociateByIdDocument, { id: expected.id });
    const data = expectType<ProfessionalAssociateByIdQuery>()(result);
    // @ts-expect-error before narrowing, node may be any Node type, which has no fullName here
    void data.node?.fullName;
    expectAssociateById(data, expected);
  });

  it('surfaces a server error with extensions.code on the thrown ClientError', async () => {
    const error: unknown = await client.request(NodeDocument, { id: 'not-an-id' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ClientError);
    if (!(error instanceof ClientError)) return;
    const [first] = error.response.errors ?? [];
    expect(first?.extensions?.code).toBe('INVALID_ID');
    expect(first?.path).toEqual(['node']);
    expect(error.response.data).toEqual({ node: null });
    expect(error.response.status).toBe(200);
  });
});
