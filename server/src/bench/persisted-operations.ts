/**
 * `npm run bench:persisted`: what persisted operations save on the cohort
 * page. First, in process, the per-request work Apollo does on a document it
 * has not seen (parse and validate with our limit rules) against what it does
 * on one it has (the sha256 of the text, or nothing for a hash). Then, over
 * HTTP, one production CDP Hub (TRUSTED_DOCUMENTS=only, SQLite, seed size)
 * loaded with autocannon in alternating rounds: the page by hash alone, as
 * the SDK sends it, against its full text. Prints markdown on stdout.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { parse, specifiedRules, validate } from 'graphql';
import { DEFAULT_QUERY_LIMITS } from '../graphql/limits/query-limits';
import { limitValidationRules } from '../graphql/limits/validation-rules';
import { buildCdpSchema } from '../graphql/schema';
import { databaseUrl, prepareBenchDatabase } from './harness/bench-database';
import { cohortPageRequest } from './harness/cohort-page-request';
import { postGraphQL, type GraphQLRequest } from './harness/graphql-post';
import { hammer } from './harness/load';
import { machineSummary } from './harness/machine';
import { formatMs, markdownTable } from './harness/markdown';
import { startCdpHub } from './harness/processes';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    connections: { type: 'string', default: '16' },
    iterations: { type: 'string', default: '2000' },
  },
});
const [duration, rounds, connections, iterations] = [values.duration, values.rounds, values.connections, values.iterations].map(Number);

/** Mean microseconds per call of `work`, after a warm-up of a tenth as many calls. */
function microseconds(work: () => void, n: number): number {
  for (let i = 0; i < n / 10; i++) work();
  const started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) work();
  return Number(process.hrtime.bigint() - started) / 1000 / n;
}

async function inProcess(text: string): Promise<string> {
  const schema = await buildCdpSchema();
  const rules = [...specifiedRules, ...limitValidationRules(DEFAULT_QUERY_LIMITS)];
  const parseValidate = microseconds(() => {
    const errors = validate(schema, parse(text, { maxTokens: DEFAULT_QUERY_LIMITS.maxTokens }), rules);
    if (errors.length) throw errors[0];
  }, iterations);
  const sha256 = microseconds(() => createHash('sha256').update(text).digest('hex'), iterations * 10);
  return markdownTable(
    ['per request, cohort page', 'µs'],
    [
      ['parse + validate (a document Apollo has not cached: every request of a stream of distinct documents)', parseValidate.toFixed(1)],
      ['sha256 of the full text (a repeated full text: Apollo then takes the parsed document from its cache)', sha256.toFixed(2)],
      ['by hash: neither', '0'],
    ],
  );
}


async function overHttp(): Promise<string> {
  const hub = await startCdpHub(databaseUrl(await prepareBenchDatabase('sqlite', 0, '')), 'off');
  try {
    const bodies = { hash: cohortPageRequest('hash'), 'full text': cohortPageRequest('text') };
    const answers = await Promise.all(Object.values(bodies).map((b) => postGraphQL(hub.url, b)));
    if (answers.some((a) => a.status !== 200 || a.text !== answers[0].text || !a.text.includes('"nodes":[{'))) {
      throw new Error(`the two requests must give the same cohort page: ${answers.map((a) => `${a.status} ${a.text.slice(0, 120)}`).join(' | ')}`);
    }
    for (const body of Object.values(bodies)) await hammer(hub.url, body, connections, duration); // warm-up
    const rows: string[][] = [];
    const totals = { hash: 0, 'full text': 0 };
    for (let round = 1; round <= rounds; round++) {
      // The order flips every round, so that neither always follows the other's load.
      const order = Object.entries(bodies) as Array<[keyof typeof bodies, GraphQLRequest]>;
      for (const [name, body] of round % 2 ? order : order.reverse()) {
        const r = await hammer(hub.url, body, connections, duration);
        totals[name] += r.requestsPerSecond / rounds;
        rows.push([String(round), name, `${JSON.stringify(body).length} B`, r.requestsPerSecond.toFixed(0), formatMs(r.p99), String(r.failures)]);
      }
    }
    const summary = `by hash ${totals.hash.toFixed(0)} req/s, full text ${totals['full text'].toFixed(0)} req/s (hash / text ${(totals.hash / totals['full text']).toFixed(3)}×)`;
    return `${markdownTable(['round', 'sent', 'body', 'req/s', 'p99 ms', 'failed'], rows)}\n\n${summary}`;
  } finally {
    await hub.stop();
  }
}

async function main(): Promise<void> {
  console.log(`### Persisted operations: the cohort page by hash and as full text\n`);
  console.log(`${machineSummary()}\n`);
  console.log(await inProcess(cohortPageRequest('text').query!));
  console.log(`\nCDP Hub, production settings (TRUSTED_DOCUMENTS=only), SQLite, seed size; ${connections} connections, ${rounds} alternating rounds of ${duration} s:\n`);
  console.log(await overHttp());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
