/**
 * Shared by the third-party client suites (Apollo Client, urql, graphql-request):
 * compile-time type assertions, the expected values, computed with raw
 * GraphQL strings over plain fetch (server.data) or taken from the seed file,
 * never through the SDK documents under test, and the checks of a result's
 * values, which do not depend on the client that fetched it.
 */
import type {
  CertificateVerificationReason,
  CohortQuery,
  CohortsQuery,
  CohortStatus,
  EventKind,
  ProfessionalAssociateByIdQuery,
  ProgrammeStatisticsQuery,
  ResearchStatus,
  SearchResearchQuery,
  VerifyCertificateQuery,
} from '@cdp-hub/sdk';
import type { TestServer } from '../support/server';

// ---------------------------------------------------------------------------
// Compile-time assertions (checked by `npm run typecheck`; no-ops at run time).

/** true only for `any`. */
export type IsAny<T> = 0 extends 1 & T ? true : false;

/** true only when A and B are the same type (not merely assignable either way; `any` equals nothing else). */
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Fails to compile unless its type argument is `true`: `assertType<Equal<typeof x, CohortQuery>>()`. */
export function assertType<T extends true>(_proof?: T): void {
  // Nothing at run time: the constraint is the assertion.
}

/**
 * `expectType<CohortQuery>()(data)` compiles only if `data` is exactly `CohortQuery`
 * (an `any` or a wider/narrower type is refused), and returns it unchanged.
 */
export function expectType<Expected>() {
  return <Actual>(value: Actual & (Equal<Actual, Expected> extends true ? unknown : never)): Actual => value;
}

// ---------------------------------------------------------------------------
// Facts from the seed (server/src/db/seed/cdp-history.json).

export const HISTORIC_COHORT = '2023-2024';
/** The ten administrations of the 2023-2024 cohort, as the seed file lists them. */
export const HISTORIC_COHORT_ISO2 = ['CV', 'EG', 'GT', 'IN', 'XK', 'MY', 'RW', 'WS', 'TM', 'UA'];
export const HISTORIC_CEREMONY_DAY = '2024-07-04';
export const PROGRAMME_CODE = 'WCO-JAPAN-CDP';
/** A word that appears in some, not all, of the published research. */
export const SEARCH_WORD = 'valuation';
/** A well-formed serial that no certificate has. */
export const UNKNOWN_SERIAL = 'CDP-1999-999';

// ---------------------------------------------------------------------------
// Expected values over raw GraphQL.

export interface RawAssociate {
  id: string;
  fullName: string;
  iso2: string;
  certificates: Array<{ serial: string; revokedAt: string | null }>;
}

export interface RawCohort {
  id: string;
  status: string;
  associates: RawAssociate[];
  events: Array<{ id: string; kind: string; startsAt: string }>;
}

export async function rawCohort(server: TestServer, label: string): Promise<RawCohort> {
  const data = await server.data<{
    cohort: {
      id: string;
      status: string;
      associates: { nodes: Array<{ id: string; fullName: string; administration: { iso2: string }; certificates: RawCohort['associates'][number]['certificates'] }> };
      events: RawCohort['events'];
    };
  }>(
    `query ($label: String!) {
       cohort(label: $label) {
         id status
         associates(first: 100) { nodes { id fullName administration { iso2 } certificates { serial revokedAt } } }
         events { id kind startsAt }
       }
     }`,
    { label },
  );
  const { id, status, associates, events } = data.cohort;
  return { id, status, events, associates: associates.nodes.map((a) => ({ ...a, iso2: a.administration.iso2 })) };
}

/** An associate of the historic cohort, to look up by id. */
export async function historicAssociate(server: TestServer): Promise<RawAssociate> {
  return (await rawCohort(server, HISTORIC_COHORT)).associates[0]!;
}

export interface SeedCertificate {
  serial: string;
  associateId: string;
  fullName: string;
}

/** A serial from the seed that is not revoked, with its holder. */
export async function validCertificate(server: TestServer): Promise<SeedCertificate> {
  const cohort = await rawCohort(server, HISTORIC_COHORT);
  for (const a of cohort.associates) {
    const certificate = a.certificates.find((c) => c.revokedAt === null);
    if (certificate) return { serial: certificate.serial, associateId: a.id, fullName: a.fullName };
  }
  throw new Error(`The seed has no valid certificate in cohort ${HISTORIC_COHORT}`);
}

/** Every node of a root connection, walked with first/after over raw GraphQL. */
export async function rawAll<T>(server: TestServer, field: string, selection: string, args = ''): Promise<T[]> {
  const all: T[] = [];
  let after: string | null = null;
  for (;;) {
    const data: Record<string, { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: T[] }> = await server.data(
      `query ($after: String) { ${field}(first: 100, after: $after${args}) { pageInfo { hasNextPage endCursor } nodes { ${selection} } } }`,
      { after },
    );
    all.push(...data[field].nodes);
    if (!data[field].pageInfo.hasNextPage) return all;
    after = data[field].pageInfo.endCursor;
  }
}

/**
 * Ids of the research an anonymous caller may see whose title, themes or abstract contain `word` as a word or the start
 * of one (case-insensitive), as the search promises: "valuation" must not find "evaluation".
 */
export async function researchContaining(server: TestServer, word: string): Promise<string[]> {
  const projects = await rawAll<{ id: string; title: string; abstract: string; themes: string[] }>(
    server,
    'researchProjects',
    'id title abstract themes',
  );
  return projects.filter((p) => containsWord(p, word)).map((p) => p.id).sort();
}

/** Whether a project's title, themes or abstract contain `word` as a word or the start of one (case-insensitive). */
export function containsWord(p: { title: string; abstract: string; themes: ReadonlyArray<string> }, word: string): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}])${word}`, 'iu').test(`${p.title} ${p.themes.join(' ')} ${p.abstract}`);
}

/** The programme's totals counted from the root lists (not from programmeStatistics). */
export async function rawTotals(
  server: TestServer,
): Promise<{ totalAssociates: number; totalCohorts: number; completedCohorts: number; administrationsRepresented: number }> {
  const cohorts = await rawAll<{ id: string; status: string }>(server, 'cohorts', 'id status', `, filter: { programmeCode: "${PROGRAMME_CODE}" }`);
  const cohortIds = new Set(cohorts.map((c) => c.id));
  const associates = (await rawAll<{ cohort: { id: string }; administration: { iso2: string } }>(
    server,
    'associates',
    'cohort { id } administration { iso2 }',
  )).filter((a) => cohortIds.has(a.cohort.id));
  return {
    totalAssociates: associates.length,
    totalCohorts: cohorts.length,
    completedCohorts: cohorts.filter((c) => c.status === 'COMPLETED').length,
    administrationsRepresented: new Set(associates.map((a) => a.administration.iso2)).size,
  };
}

/** Ids of all cohorts in the API's default order. */
export async function rawCohortIds(server: TestServer): Promise<string[]> {
  return (await rawAll<{ id: string }>(server, 'cohorts', 'id')).map((c) => c.id);
}

/** Counts the POSTs/GETs that reach the server, by wrapping fetch (for proving cache hits). */
export function countingFetch(): { fetch: typeof fetch; count: () => number } {
  let n = 0;
  return {
    fetch: (input, init) => {
      n += 1;
      return fetch(input, init);
    },
    count: () => n,
  };
}

// ---------------------------------------------------------------------------
// Checks of result values. Each suite first proves with expectType that its client's data is exactly the
// generated type; given that, the annotations below hold for every client, so they are written once here.

/** CohortDocument's answer for the historic cohort agrees with raw GraphQL and the seed. */
export async function expectHistoricCohort(server: TestServer, data: CohortQuery): Promise<void> {
  const cohort = data.cohort!;
  const status: CohortStatus = cohort.status;
  const ceremony = cohort.events.find((e) => e.kind === 'CERTIFICATE_CEREMONY')!;
  const kind: EventKind = ceremony.kind;
  const iso2: string[] = cohort.associates.nodes.map((a) => a.administration.iso2);

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
}

/** CohortsDocument with first: 2, then after page1's endCursor: the first four cohorts, each once. */
export async function expectFirstTwoPages(server: TestServer, page1: CohortsQuery, page2: CohortsQuery): Promise<void> {
  expect(page1.cohorts.pageInfo.hasNextPage).toBe(true);
  const ids = [...page1.cohorts.nodes, ...page2.cohorts.nodes].map((c) => c.id);
  expect(new Set(ids).size).toBe(4);
  expect(ids).toEqual((await rawCohortIds(server)).slice(0, 4));
  expect(page2.cohorts.totalCount).toBe(page1.cohorts.totalCount);
}

/** SearchResearchDocument for SEARCH_WORD finds exactly the published research that contains it. */
export async function expectSearchResults(server: TestServer, data: SearchResearchQuery): Promise<void> {
  const statuses: ResearchStatus[] = data.searchResearch.nodes.map((p) => p.status);
  const expected = await researchContaining(server, SEARCH_WORD);
  expect(expected.length).toBeGreaterThan(0);
  expect(data.searchResearch.totalCount).toBe(expected.length);
  expect(data.searchResearch.nodes.map((p) => p.id).sort()).toEqual(expected);
  for (const p of data.searchResearch.nodes) expect(containsWord(p, SEARCH_WORD)).toBe(true);
  expect(new Set(statuses)).toEqual(new Set(['PUBLISHED']));
}

/** VerifyCertificateDocument for the seed's valid serial (`valid`) and for UNKNOWN_SERIAL (`unknown`). */
export function expectCertificateVerifications(real: SeedCertificate, valid: VerifyCertificateQuery, unknown: VerifyCertificateQuery): void {
  const verification = valid.verifyCertificate;
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

  expect(unknown.verifyCertificate).toMatchObject({ isValid: false, reason: 'UNKNOWN_SERIAL', certificate: null });
}

/** ProgrammeStatisticsDocument's totals equal counts over the raw lists. */
export async function expectStatisticsMatchRawCounts(server: TestServer, data: ProgrammeStatisticsQuery): Promise<void> {
  const stats = data.programmeStatistics!;
  const totalAssociates: number = stats.totalAssociates;
  const expected = await rawTotals(server);
  expect({
    totalAssociates,
    totalCohorts: stats.totalCohorts,
    completedCohorts: stats.completedCohorts,
    administrationsRepresented: stats.administrationsRepresented,
  }).toEqual(expected);
  expect(stats.byCohort.find((c) => c.cohort.label === HISTORIC_COHORT)?.associateCount).toBe(10);
}

/** ProfessionalAssociateByIdDocument's node, narrowed by __typename, is the expected associate. */
export function expectAssociateById(data: ProfessionalAssociateByIdQuery, expected: RawAssociate): void {
  const node = data.node;
  if (node?.__typename !== 'ProfessionalAssociate') throw new Error(`expected a ProfessionalAssociate, got ${node?.__typename}`);
  const fullName: string = node.fullName;
  expect(fullName).toBe(expected.fullName);
  expect(node.id).toBe(expected.id);
  expect(node.administration.iso2).toBe(expected.iso2);
  expect(node.cohort.label).toBe(HISTORIC_COHORT);
}
