/**
 * The hostile requests of issue #9, one per finding. The benchmark sends them
 * to a running server and the end-to-end suite asserts how each is refused,
 * so both always exercise the same documents.
 */

export interface HostileRequest {
  /** The finding's row in issue #9. */
  row: string;
  name: string;
  method: 'GET' | 'POST';
  /** Path and query string, relative to the server's origin. */
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

const post = (row: string, name: string, payload: unknown): HostileRequest => ({
  row,
  name,
  method: 'POST',
  path: '/graphql',
  headers: JSON_HEADERS,
  body: typeof payload === 'string' ? payload : JSON.stringify(payload),
});

const repeat = (n: number, make: (i: number) => string, separator = ' ') => Array.from({ length: n }, (_, i) => make(i)).join(separator);

const costlyChain = 'administrations(first: 100) { nodes { region { administrations(first: 100) { nodes { name } } } } }';

/** Each level spreads the next one twice: 2^levels spreads from a few hundred bytes. */
export function fragmentFanOut(levels: number): string {
  const fragments = repeat(levels, (i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`, '\n');
  return `query FanOut { ...F0 }\n${fragments}\nfragment F${levels} on Query { __typename }`;
}

const introspectionChain = '__schema { types { name fields { name args { name type { name ofType { name } } } } } }';

export const HOSTILE_REQUESTS: HostileRequest[] = [
  post('A', 'costly chain hidden behind 100 spreads of 100 __typename aliases', {
    query: `{ ${costlyChain} ${repeat(100, () => '...T')} } fragment T on Query { ${repeat(100, (i) => `t${i}: __typename`)} }`,
  }),
  post('B', 'fragment fan-out, 23 levels', { query: fragmentFanOut(23) }),
  post('C', 'nodes(ids: $s) with 20,000 invalid ids', {
    query: 'query ($s: [ID!]!) { nodes(ids: $s) { id } }',
    variables: { s: Array.from({ length: 20_000 }, () => true) },
  }),
  post('C', 'statusIn with 40,000 invalid enum values', {
    query: 'query ($s: [CohortStatus!]) { cohorts(filter: { statusIn: $s }) { totalCount } }',
    variables: { s: Array.from({ length: 40_000 }, (_, i) => `NOT_A_STATUS_${i}`) },
  }),
  post('D', '400 aliases of alumniNetwork edges', {
    query: `{ ${repeat(400, (i) => `n${i}: alumniNetwork { edges { source target kind } }`)} }`,
  }),
  post('D', '1,000 aliased __schema', { query: `{ ${repeat(1000, (i) => `s${i}: __schema { queryType { name } }`)} }` }),
  post('D', '3,000 aliased programmeStatistics', {
    query: `{ ${repeat(3000, (i) => `p${i}: programmeStatistics { totalAssociates }`)} }`,
  }),
  post('-', '5,000 aliases of __typename', { query: `{ ${repeat(5000, (i) => `t${i}: __typename`)} }` }),
  post('-', '200 aliased introspection chains', { query: `{ ${repeat(200, (i) => `i${i}: ${introspectionChain}`)} }` }),
  post('E', 'a selection 5,000 levels deep', { query: `${'{ a '.repeat(5000)}${'}'.repeat(5000)}` }),
  post('E', '10,000 nested [', { query: `{ nodes(ids: ${'['.repeat(10_000)}${']'.repeat(10_000)}) { id } }` }),
  post('F', 'nameContains of 50,000 characters', {
    query: 'query ($t: String) { administrations(filter: { nameContains: $t }) { totalCount } }',
    variables: { t: 'a'.repeat(50_000) },
  }),
  post('F', 'iso2In with 40,000 items', {
    query: 'query ($c: [CountryCode!]) { administrations(filter: { iso2In: $c }) { totalCount } }',
    variables: { c: Array.from({ length: 40_000 }, () => 'JP') },
  }),
  post('F', 'statusIn with 40,000 items', {
    query: 'query ($s: [CohortStatus!]) { cohorts(filter: { statusIn: $s }) { totalCount } }',
    variables: { s: Array.from({ length: 40_000 }, () => 'COMPLETED') },
  }),
  post('F', 'a subscription over HTTP', { query: 'subscription { viewerNotifications { subject } }' }),
  post('F', 'persisted query with a mismatched hash', {
    query: '{ __typename }',
    extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } },
  }),
  post('F', 'persisted query version 2', {
    query: '{ __typename }',
    extensions: { persistedQuery: { version: 2, sha256Hash: '0'.repeat(64) } },
  }),
  {
    row: 'H',
    name: 'GET ?query= without the preflight header',
    method: 'GET',
    path: `/graphql?query=${encodeURIComponent('{ __typename }')}`,
    headers: { accept: 'application/json' },
  },
  post('H', 'a batched array', [{ query: '{ __typename }' }, { query: '{ __typename }' }]),
  post('H', '{"query": {}}', { query: {} }),
  post('H', 'an empty body', ''),
  post('I', '10,000 operations in one document', { query: repeat(10_000, (i) => `query Q${i} { __typename }`), operationName: 'Q0' }),
  post('I', '10,000 unused fragments', {
    query: `{ __typename } ${repeat(10_000, (i) => `fragment U${i} on Query { __typename }`)}`,
  }),
  post('I', 'a literal list of 100,000 ints', { query: `{ nodes(ids: [${repeat(100_000, (i) => String(i), ',')}]) { id } }` }),
  { row: 'K', name: 'an unknown path', method: 'GET', path: '/no-such-page', headers: { accept: 'application/json' } },
];

/** A fan-out that passes every limit (15 aliases, as many as allowed): its slow statements must be summarised once (row G). */
export const PASSING_FAN_OUT: HostileRequest = post('G', 'alias fan-out that passes', {
  query: `{ ${repeat(15, (i) => `a${i}: administrations(first: 100) { nodes { name associates(first: 10) { nodes { fullName } } } }`)} }`,
});
