/**
 * Throughput of the endpoints under the same load, in alternating rounds, so
 * that whatever else the (shared) machine does in the meantime falls on both.
 */
import autocannon from 'autocannon';
import type { Endpoint } from './processes';
import type { GraphQLRequest } from './graphql-post';

export interface LoadOptions {
  connections: number;
  /** Seconds per round and endpoint. */
  duration: number;
  rounds: number;
}

export interface RoundResult {
  endpoint: string;
  round: number;
  requestsPerSecond: number;
  p99: number;
  /** Connection errors, timeouts and non-2xx answers: any makes the round's figures suspect. */
  failures: number;
}

/** One autocannon run of `request` against `url`. */
export async function hammer(url: string, request: GraphQLRequest, connections: number, duration: number) {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
    connections,
    duration,
  });
  return { requestsPerSecond: result.requests.average, p99: result.latency.p99, failures: result.errors + result.timeouts + result.non2xx };
}

export async function alternatingRounds(endpoints: Endpoint[], request: GraphQLRequest, options: LoadOptions): Promise<RoundResult[]> {
  // A short warm-up of each, so the first measured round is not the JIT's.
  for (const endpoint of endpoints) await hammer(endpoint.url, request, options.connections, Math.min(2, options.duration));
  const results: RoundResult[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    // Each round starts one endpoint further on: none always follows the same one (whose garbage collection,
    // or the machine's other work, would then always fall on it).
    const shift = (round - 1) % endpoints.length;
    for (const endpoint of [...endpoints.slice(shift), ...endpoints.slice(0, shift)]) {
      results.push({ endpoint: endpoint.name, round, ...(await hammer(endpoint.url, request, options.connections, options.duration)) });
    }
  }
  return results;
}
