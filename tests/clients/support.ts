/**
 * Shared by the third-party client suites (Apollo Client, urql, graphql-request):
 * compile-time type assertions, and the expected values, computed with raw
 * GraphQL strings over plain fetch (server.data) or taken from the seed file,
 * never through the SDK documents under test.
 */
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

// ---------------------------------------------------------------------------
// Expected values over raw GraphQL.

export interface RawCohort {
  id: string;
  status: string;
  associates: Array<{ id: string; fullName: string; iso2: string; certificates: Array<{ serial: string; revokedAt: string | null }> }>;
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

/** A serial from the seed that is not revoked, with its holder. */
export async function validCertificate(server: TestServer): Promise<{ serial: string; associateId: string; fullName: string }> {
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
