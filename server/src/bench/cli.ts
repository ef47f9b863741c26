/**
 * `npm run bench`: CDP Hub against a hand-written endpoint on the cohort page
 * of issue 10, both on the same database, under autocannon in alternating
 * rounds; or, with --latency, medians of sequential requests over the
 * queries of the scale table at seed size and at --scale N. Prints markdown
 * on stdout (progress and notes on stderr). See `--help`.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { exitIfDryRun } from '../common/dry-run';
import { buildCdpSchema } from '../graphql/schema';
import { cohortPageRequest, type DocumentsSent } from './harness/cohort-page-request';
import { databaseUrl, prepareBenchDatabase, type BenchDatabaseKind } from './harness/bench-database';
import { postGraphQL, type GraphQLRequest } from './harness/graphql-post';
import { latencyCatalogue } from './harness/latency-catalogue';
import { measureLatencies, type LatencyResult } from './harness/latency';
import { alternatingRounds, type RoundResult } from './harness/load';
import { machineSummary } from './harness/machine';
import { formatMs, markdownTable } from './harness/markdown';
import { startCdpHub, startHandWritten, type Endpoint } from './harness/processes';
import { profileReport } from './harness/profile-summary';

const USAGE = `usage: npm run bench -- [options]
  --db sqlite|postgres   database (default sqlite)
  --scale N              synthetic copies of the seeded programme (default 0: seed size); generated once, kept in the temp folder
  --duration S           seconds per round and endpoint (default 10)
  --rounds N             alternating rounds (default 3)
  --connections N        concurrent connections (default 16)
  --cache off|memory|redis  passed to CDP Hub as RESPONSE_CACHE (default off: uncached; redis needs REDIS_URL in the environment)
  --documents hash|text  how the cohort page is sent: by persisted-query hash alone, as the SDK does (default), or as full text
  --latency              medians of sequential requests over the scale table's queries, at seed size and at --scale
  --runs N               requests per query in --latency (default 15)
  --budget S             seconds per query in --latency before it stops early (default 30)
  --postgres-url URL     server for --db postgres (default postgres://postgres@127.0.0.1:5432/postgres)
  --compare DIR          also loads the CDP Hub built in DIR (another checkout's server/dist, e.g. main's) in the same
                         rounds, to show a change before and after in one run; repeatable
  --cpu-prof DIR         CDP Hub runs under node --cpu-prof, writing its profile into DIR; a summary of self time by package follows the report
  --metrics              also loads a second CDP Hub that collects the Prometheus metrics (METRICS_PORT set), in the same
                         rounds, to show what collecting them costs`;

function options() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'sqlite' },
      scale: { type: 'string', default: '0' },
      duration: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '3' },
      connections: { type: 'string', default: '16' },
      cache: { type: 'string', default: 'off' },
      documents: { type: 'string', default: 'hash' },
      latency: { type: 'boolean', default: false },
      runs: { type: 'string', default: '15' },
      budget: { type: 'string', default: '30' },
      'postgres-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
      'cpu-prof': { type: 'string' },
      compare: { type: 'string', multiple: true, default: [] },
      metrics: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const int = (name: keyof typeof values, min: number) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) usage(`--${name} must be an integer of at least ${min}`);
    return n;
  };
  if (values.help) usage();
  if (values.db !== 'sqlite' && values.db !== 'postgres') usage('--db must be sqlite or postgres');
  if (!['off', 'memory', 'redis'].includes(values.cache)) usage('--cache must be off, memory or redis');
  if (values.documents !== 'hash' && values.documents !== 'text') usage('--documents must be hash or text');
  return {
    db: values.db as BenchDatabaseKind,
    scale: int('scale', 0),
    duration: int('duration', 1),
    rounds: int('rounds', 1),
    connections: int('connections', 1),
    cache: values.cache,
    documents: values.documents as DocumentsSent,
    latency: values.latency,
    runs: int('runs', 1),
    budget: int('budget', 1),
    postgresUrl: values['postgres-url'],
    cpuProfileDir: values['cpu-prof'],
    compare: values.compare,
    metrics: values.metrics,
  };
}

function usage(problem?: string): never {
  if (problem) console.error(problem);
  console.error(USAGE);
  process.exit(problem ? 2 : 0);
}

type Options = ReturnType<typeof options>;


const scaleName = (scale: number) => (scale === 0 ? 'seed' : `${scale}×`);

/** Both endpoints must give byte-for-byte the same JSON, or the comparison means nothing. */
async function assertIdenticalAnswers(hub: Endpoint, handWritten: Endpoint, request: GraphQLRequest): Promise<void> {
  const [a, b] = await Promise.all([postGraphQL(hub.url, request), postGraphQL(handWritten.url, request)]);
  const canonical = (text: string) => JSON.stringify(JSON.parse(text));
  const [expected, actual] = [canonical(a.text), canonical(b.text)];
  if (a.status !== 200 || expected !== actual) {
    let at = 0;
    while (at < expected.length && expected[at] === actual[at]) at++;
    throw new Error(
      `the hand-written endpoint's answer differs from CDP Hub's at character ${at}:\n  CDP Hub:      …${expected.slice(Math.max(0, at - 80), at + 80)}\n  hand-written: …${actual.slice(Math.max(0, at - 80), at + 80)}`,
    );
  }
  if (!expected.includes('"nodes":[{')) throw new Error(`the cohort page has no associates: ${expected.slice(0, 200)}`);
  console.error(`answers identical (${expected.length} characters)`);
}

function throughputReport(o: Options, results: RoundResult[]): string {
  const rounds = markdownTable(
    ['round', 'endpoint', 'req/s', 'p99 ms', 'failed requests'],
    results.map((r) => [String(r.round), r.endpoint, r.requestsPerSecond.toFixed(0), formatMs(r.p99), String(r.failures)]),
  );
  const summary = (name: string) => {
    const mine = results.filter((r) => r.endpoint === name);
    return { rps: mine.reduce((s, r) => s + r.requestsPerSecond, 0) / mine.length, p99: Math.max(...mine.map((r) => r.p99)) };
  };
  const hand = summary('hand-written');
  const hubs = [...new Set(results.map((r) => r.endpoint))].filter((name) => name !== 'hand-written');
  const table = markdownTable(
    ['endpoint', 'req/s (mean of rounds)', 'p99 ms (worst round)', 'CDP Hub / hand-written'],
    [
      ['hand-written', hand.rps.toFixed(0), formatMs(hand.p99), ''],
      ...hubs.map((name) => {
        const hub = summary(name);
        return [`${name} (RESPONSE_CACHE=${o.cache})`, hub.rps.toFixed(0), formatMs(hub.p99), `**${(hub.rps / hand.rps).toFixed(2)}×**`];
      }),
    ],
  );
  const withMetrics = o.metrics ? `\nmetrics on / off: **${(summary('CDP Hub, metrics on').rps / summary('CDP Hub').rps).toFixed(3)}×** req/s\n` : '';
  return `### Cohort page, ${o.db}, ${scaleName(o.scale)} data\n\nsent by ${o.documents === 'hash' ? 'persisted-query hash' : 'full text'}; ${o.connections} connections, ${o.rounds} alternating rounds of ${o.duration} s; ${machineSummary()}\n\n${table}\n${withMetrics}\n${rounds}\n`;
}

async function throughput(o: Options): Promise<void> {
  const url = databaseUrl(await prepareBenchDatabase(o.db, o.scale, o.postgresUrl));
  const endpoints: Endpoint[] = [];
  try {
    const nodeArgs = o.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${o.cpuProfileDir}`] : [];
    endpoints.push(await startHandWritten(url), await startCdpHub(url, o.cache, { nodeArgs }));
    for (const dist of o.compare) endpoints.push(await startCdpHub(url, o.cache, { dist }));
    // A free port of its own for the metrics: collected on every request, never scraped during the rounds.
    if (o.metrics) endpoints.push(await startCdpHub(url, o.cache, { env: { METRICS_PORT: '0' }, name: 'CDP Hub, metrics on' }));
    const [handWritten, ...hubs] = endpoints;
    const request = cohortPageRequest(o.documents);
    for (const hub of hubs) await assertIdenticalAnswers(hub, handWritten, request);
    console.log(throughputReport(o, await alternatingRounds(endpoints, request, o)));
  } finally {
    await Promise.all(endpoints.map((e) => e.stop()));
  }
  // The profile is written when CDP Hub exits, so it is read after the endpoints stop.
  if (o.cpuProfileDir) console.log(profileReport(o.cpuProfileDir));
}

async function latency(o: Options): Promise<void> {
  const { queries, skipped } = latencyCatalogue(await buildCdpSchema());
  const scales = [...new Set([0, o.scale])];
  const columns: LatencyResult[][] = [];
  for (const scale of scales) {
    const url = databaseUrl(await prepareBenchDatabase(o.db, scale, o.postgresUrl));
    // The catalogue's documents are made from the schema, not the SDK's: they run where any document may.
    const hub = await startCdpHub(url, o.cache, { env: { TRUSTED_DOCUMENTS: 'allow' } });
    try {
      console.error(`measuring ${queries.length} queries at ${scaleName(scale)} data…`);
      columns.push(await measureLatencies(hub, queries, o));
    } finally {
      await hub.stop();
    }
  }
  const cell = (r: LatencyResult) => ('refused' in r ? `refused: ${r.refused}` : `${formatMs(r.medianMs)}${r.runs < o.runs ? ` (n=${r.runs})` : ''}`);
  // Lists that need sign-in are refused to the anonymous caller: named once below instead of a row each.
  const refusedEverywhere = (i: number) => columns.every((c) => 'refused' in c[i]);
  const rows = queries.flatMap((q, i) => {
    if (refusedEverywhere(i)) return [];
    const row = [`\`${q.name}\``, ...columns.map((c) => cell(c[i]))];
    const [seed, scaled] = [columns[0][i], columns[columns.length - 1][i]];
    if (scales.length > 1) row.push('medianMs' in seed && 'medianMs' in scaled ? `${(scaled.medianMs / seed.medianMs).toFixed(1)}×` : '');
    return [row];
  });
  const refused = [...new Set(queries.filter((_, i) => refusedEverywhere(i)).map((q) => q.name.slice(0, q.name.indexOf('('))))];
  const header = ['query (anonymous)', ...scales.map((s) => `${scaleName(s)} ms`), ...(scales.length > 1 ? ['ratio'] : [])];
  console.log(`### Median latency of sequential requests, ${o.db}, RESPONSE_CACHE=${o.cache}\n`);
  console.log(`${o.runs} requests per query after one warm-up (fewer, marked n, when a query used its ${o.budget} s budget); ${machineSummary()}\n`);
  console.log(markdownTable(header, rows));
  if (refused.length) console.log(`\nRefused to anonymous callers, not measured: ${refused.join(', ')}.`);
  if (skipped.length) console.log(`\nNot measured (arguments without a default): ${skipped.join('; ')}`);
}

const o = options();
exitIfDryRun({ benchmark: o.latency ? 'latency' : 'throughput', ...o });
(o.latency ? latency(o) : throughput(o)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
