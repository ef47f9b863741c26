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
  type CertificateVerificationReason,
  type CohortQuery,
  type CohortQueryVariables,
  type CohortStatus,
  type CohortsQuery,
  type EventKind,
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
    const cohort = data.cohort!;
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
    expect(page1.cohorts.pageInfo.hasNextPage).toBe(true);
    const after: string | null = page1.cohorts.pageInfo.endCursor;
    const page2 = await client.request(CohortsDocument, { first: 2, after });
    // @ts-expect-error `first` is an Int, not a string
    void (() => client.request(CohortsDocument, { first: '2' }));

    const ids = [...page1.cohorts.nodes, ...page2.cohorts.nodes].map((c) => c.id);
    expect(new Set(ids).size).toBe(4);
    expect(ids).toEqual((await rawCohortIds(server)).slice(0, 4));
    expect(page2.cohorts.totalCount).toBe(page1.cohorts.totalCount);
  });

  it('runs SearchResearchDocument: every project found contains the word', async () => {
    const data = expectType<SearchResearchQuery>()(await client.request(SearchResearchDocument, { query: SEARCH_WORD, first: 100 }));
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
    const valid = await request(server.url, VerifyCertificateDocument, { serial: real.serial });
    const verification = expectType<VerifyCertificateQuery>()(valid).verifyCertificate;
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

    const unknown = await request(server.url, VerifyCertificateDocument, { serial: 'CDP-1999-999' });
    expect(unknown.verifyCertificate).toMatchObject({ isValid: false, reason: 'NOT_FOUND', certificate: null });
  });

  it('runs ProgrammeStatisticsDocument: totals equal counts over the raw lists', async () => {
    // graphql-request's typing demands the variables argument whenever the operation declares any variable,
    // even if all are optional (as $programmeCode is), so `{}` is passed; at run time it may be omitted.
    // @ts-expect-error graphql-request requires the variables object here
    void (() => client.request(ProgrammeStatisticsDocument));
    const stats = expectType<ProgrammeStatisticsQuery>()(await client.request(ProgrammeStatisticsDocument, {})).programmeStatistics!;
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
    const data = await client.request(ProfessionalAssociateByIdDocument, { id: expected.id });
    const node = expectType<ProfessionalAssociateByIdQuery>()(data).node;
    // @ts-expect-error before narrowing, node may be any Node type, which has no fullName here
    void node?.fullName;
    if (node?.__typename !== 'ProfessionalAssociate') throw new Error(`expected a ProfessionalAssociate, got ${node?.__typename}`);
    const fullName: string = node.fullName;
    expect(fullName).toBe(expected.fullName);
    expect(node.id).toBe(expected.id);
    expect(node.administration.iso2).toBe(expected.iso2);
    expect(node.cohort.label).toBe(HISTORIC_COHORT);
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
