import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { StatementCounter } from '../db/sql-logger';
import { runtimeMetrics } from './runtime-metrics';

/** The operation label of every request whose document is not a trusted one (or names no operation of it). */
export const OTHER_OPERATION = 'other';

/**
 * How a GraphQL request ended: `client_error` when its answer holds only
 * errors the API names with a code (a refused document, a missing sign-in),
 * `server_error` for a masked failure or a 5xx, `aborted` when the client
 * went before the answer was sent. Business refusals (`userErrors`) are `ok`.
 */
export type RequestOutcome = 'ok' | 'client_error' | 'server_error' | 'aborted';

/** The sign-in operations whose refusals are counted. */
export type SignInOperation = 'login' | 'changePassword' | 'requestPasswordReset';

/** Seconds: from a cached answer (about a millisecond) to a request near the grace period. */
const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Seconds: most statements take well under a millisecond; slow ones are logged from 0.5 s. */
const STATEMENT_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * The server's Prometheus metrics, in a registry of their own (tests run
 * several servers in one process). Every label value comes from a fixed set:
 * operation names of trusted documents (or "other"), outcomes, cache
 * results, sign-in operations; nothing a client types reaches a label.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'operation' | 'outcome'>;
  private readonly requestSeconds: Histogram<'operation'>;
  private readonly statementSeconds: Histogram;
  private readonly cacheLookups: Counter<'result'>;
  private readonly signInFailures: Counter<'operation'>;
  private readonly signInThrottled: Counter<'operation'>;
  private statements?: StatementCounter;
  /** The counts when observation began: the seed's and the migrations' statements before it are not the service's. */
  private statementsBefore = { count: 0, failed: 0 };
  private inFlight?: () => number;
  private outboxCounts?: () => Promise<Record<string, number>>;

  constructor() {
    runtimeMetrics(this.registry);
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'cdp_graphql_requests_total',
      help: 'GraphQL requests by operation (trusted documents by name, any other document as "other") and outcome',
      labelNames: ['operation', 'outcome'],
      registers,
    });
    this.requestSeconds = new Histogram({
      name: 'cdp_graphql_request_duration_seconds',
      help: 'Time from a GraphQL request\'s arrival to its answer, by operation',
      labelNames: ['operation'],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    const metrics = this;
    new Counter({
      name: 'cdp_sql_statements_total',
      help: 'SQL statements sent to the database since the server began serving (reads, writes, transaction control)',
      registers,
      collect() {
        this.reset();
        this.inc(metrics.statements ? metrics.statements.count - metrics.statementsBefore.count : 0);
      },
    });
    new Counter({
      name: 'cdp_sql_statement_errors_total',
      help: 'SQL statements that failed',
      registers,
      collect() {
        this.reset();
        this.inc(metrics.statements ? metrics.statements.failed - metrics.statementsBefore.failed : 0);
      },
    });
    this.statementSeconds = new Histogram({
      name: 'cdp_sql_statement_duration_seconds',
      help: 'Time of each SQL statement that succeeded, as its driver took it (whole milliseconds inside transactions)',
      buckets: STATEMENT_BUCKETS,
      registers,
    });
    this.cacheLookups = new Counter({
      name: 'cdp_response_cache_lookups_total',
      help: 'Response cache lookups of cacheable queries: hit (answered from the cache) or miss',
      labelNames: ['result'],
      registers,
    });
    this.cacheLookups.inc({ result: 'hit' }, 0);
    this.cacheLookups.inc({ result: 'miss' }, 0);
    this.signInFailures = new Counter({
      name: 'cdp_login_failures_total',
      help: 'Refused passwords: a failed sign-in (login), or a wrong current password (changePassword)',
      labelNames: ['operation'],
      registers,
    });
    this.signInThrottled = new Counter({
      name: 'cdp_login_throttled_total',
      help: 'Sign-in attempts refused without checking the password, because too many failed (TOO_MANY_ATTEMPTS)',
      labelNames: ['operation'],
      registers,
    });
    for (const operation of ['login', 'changePassword'] as const) {
      this.signInFailures.inc({ operation }, 0);
      this.signInThrottled.inc({ operation }, 0);
    }
    new Gauge({
      name: 'cdp_outbox_messages',
      help: 'Outbox messages by status, read at each scrape: PENDING and SENDING are the depth still to deliver, DEAD the ones an ADMIN must look at',
      labelNames: ['status'],
      registers,
      async collect() {
        if (!metrics.outboxCounts) return;
        for (const [status, count] of Object.entries(await metrics.outboxCounts())) this.set({ status }, count);
      },
    });
    new Gauge({
      name: 'cdp_http_requests_in_flight',
      help: 'HTTP requests being handled, until their handler has finished (also when their client has gone)',
      registers,
      collect() {
        this.set(metrics.inFlight?.() ?? 0);
      },
    });
  }

  /** Prometheus' text format. */
  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  request(operation: string, outcome: RequestOutcome, seconds: number): void {
    this.requests.inc({ operation, outcome });
    this.requestSeconds.observe({ operation }, seconds);
  }

  cacheLookup(hit: boolean): void {
    this.cacheLookups.inc({ result: hit ? 'hit' : 'miss' });
  }

  signInFailed(operation: SignInOperation): void {
    this.signInFailures.inc({ operation });
  }

  signInThrottledFor(operation: SignInOperation): void {
    this.signInThrottled.inc({ operation });
  }

  /** Counts and times the statements of this database's connections (one per server). */
  observeStatements(statements: StatementCounter): void {
    this.statements = statements;
    this.statementsBefore = { count: statements.count, failed: statements.failed };
    statements.timed = (ms) => this.statementSeconds.observe(ms / 1000);
  }

  /** Where the outbox's message counts by status come from (one statement per scrape). */
  observeOutbox(counts: () => Promise<Record<string, number>>): void {
    this.outboxCounts = counts;
  }

  /** Where the number of requests in flight comes from. */
  observeInFlight(count: () => number): void {
    this.inFlight = count;
  }
}
