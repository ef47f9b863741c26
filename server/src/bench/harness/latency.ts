/**
 * Medians of sequential requests, one query at a time, each after a warm-up
 * request. A query stops early once it has used its time budget, so a
 * pathologically slow one (a 44-second search) still ends the run.
 */
import type { Endpoint } from './processes';
import { postGraphQL } from './graphql-post';
import type { LatencyQuery } from './latency-catalogue';

export interface LatencyOptions {
  runs: number;
  /** Seconds one query may take in all before it stops early. */
  budget: number;
}

export type LatencyResult = { name: string; medianMs: number; runs: number } | { name: string; refused: string };

/** A GraphQL error code in the answer, e.g. UNAUTHENTICATED for lists that need sign-in. */
function errorCode(text: string): string | null {
  const body = JSON.parse(text) as { errors?: Array<{ extensions?: { code?: string }; message: string }> };
  return body.errors?.length ? (body.errors[0].extensions?.code ?? body.errors[0].message) : null;
}

/** Requests of the cohort page before measuring, so the first queries measured do not pay for the JIT's warm-up. */
const SERVER_WARM_UP = 50;

export async function measureLatencies(endpoint: Endpoint, queries: LatencyQuery[], options: LatencyOptions): Promise<LatencyResult[]> {
  for (let i = 0; i < SERVER_WARM_UP; i++) await postGraphQL(endpoint.url, queries[0].request);
  const results: LatencyResult[] = [];
  for (const { name, request } of queries) {
    const started = Date.now();
    const warmUp = await postGraphQL(endpoint.url, request);
    const refused = errorCode(warmUp.text);
    if (refused) {
      results.push({ name, refused });
      continue;
    }
    const times: number[] = [];
    while (times.length < options.runs && Date.now() - started < options.budget * 1000) {
      const start = process.hrtime.bigint();
      await postGraphQL(endpoint.url, request);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    if (!times.length) times.push(Date.now() - started); // the warm-up alone used the budget
    times.sort((a, b) => a - b);
    results.push({ name, medianMs: times[Math.floor(times.length / 2)], runs: times.length });
  }
  return results;
}
