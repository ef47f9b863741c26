import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseUrl } from 'node:url';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { AuthSettings } from './auth/auth-settings';
import type { Clock } from './common/clock';
import type { Logger } from './common/logger';
import { requestLogging } from './common/request-logging';
import { logSlowStatementSummary, newRequestScope, type RequestScope } from './common/request-scope';
import type { Config } from './config';
import type { DataSourceBundle } from './db/data-source';
import { readerOfResponse } from './db/request-reader';
import { createRequestContext, type RequestContext } from './graphql/context';
import { errorReportingPlugin, formatError, stampRequestId } from './graphql/error-formatting';
import { queryCostPlugin } from './graphql/limits/cost-plugin';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from './graphql/limits/query-limits';
import { limitValidationRules } from './graphql/limits/validation-rules';
import { literalTextRule } from './graphql/input/literal-text-rule';
import { buildCdpSchema } from './graphql/schema';
import { responseHeadersPlugin } from './graphql/response-headers';
import { readManifest, type PersistedManifest } from './graphql/persisted/manifest';
import { persistedQueryStore } from './graphql/persisted/persisted-query-store';
import { persistedDocuments, readReleasedOperations, type ReleasedOperation } from './graphql/persisted/released-operations';
import { retiredDocumentsGate } from './graphql/persisted/retired-documents-gate';
import { trustedDocumentsGate, type TrustedDocumentsMode } from './graphql/persisted/trusted-documents';
import { DEFAULT_RESPONSE_CACHE_MB, responseCache as responseCachePlugins, type ResponseCacheSettings } from './graphql/cache';
import { stringifyResult } from './graphql/cache/answer-text';
import { credentialRouter } from './modules/certificate/credential/credential-routes';
import { printableRouter } from './modules/certificate/printable/printable-routes';
import type { CredentialSettings } from './modules/certificate/credential/credential-settings';
import { SigningKeyRing } from './modules/certificate/credential/signing-keys';
import { viewerFromHeader } from './modules/user/session.service';
import { playgroundRouter } from './playground/playground-route';
import { devMailboxRouter } from './mail/dev-mailbox-route';
import type { OutboxDispatcher } from './outbox/dispatcher';
import { createOutboxWorker, type OutboxOptions } from './outbox/outbox-worker';
import { outboxMessageCounts } from './outbox/outbox-counts';
import { InProcessBus, RedisBus } from './live/live-bus';
import { LiveServer } from './live/live-server';
import { DEFAULT_LIVE_SETTINGS, type LiveSettings } from './live/live-settings';
import { ReminderTick } from './outbox/reminders';
import { DEFAULT_REMINDER_TICK_SECONDS } from './outbox/reminders-settings';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from './webhook/webhook-settings';

/** How long shutdown lets the outbox finish the deliveries in flight before it hands their messages back. */
const OUTBOX_SHUTDOWN_GRACE_MS = 5_000;
import { ReadinessCheck } from './lifecycle/readiness';
import { RequestDrain } from './lifecycle/request-drain';
import { instrumentApp } from './metrics/instrument-app';
import { metricsRoute } from './metrics/metrics-endpoint';
import type { Metrics } from './metrics/metrics';

export interface AppDependencies {
  database: DataSourceBundle;
  clock: Clock;
  logger: Logger;
  auth: AuthSettings;
  environment?: Config['env'];
  /** Serves the GraphiQL playground to browsers at GET /graphql; off unless asked for. */
  playground?: boolean;
  /** What a GraphQL request may ask for; the defaults when not given. */
  limits?: QueryLimits;
  /** Certificate signing keys and public URL; a throw-away key at http://localhost:4000 when not given (benchmarks). */
  credentials?: CredentialSettings;
  /** `only`: run the manifest's documents alone, except for ADMIN callers; `allow` (the default): any document. */
  trustedDocuments?: TrustedDocumentsMode;
  /** The persisted operations (sha256 -> text) known from the start; the SDK's manifest when not given. */
  persistedOperations?: PersistedManifest;
  /** The operations of released SDKs still supported (this major and the one before); read from sdk/releases/ when not given. */
  releasedOperations?: readonly ReleasedOperation[];
  /** Whole answers of read queries, kept until the next committed write; in memory when not given. */
  responseCache?: ResponseCacheSettings;
  /**
   * Runs this instance's outbox worker (e-mail; see docs/operations.md, "E-mail"). Without it events are still recorded,
   * and another instance, or this one later, delivers them (benchmarks and most tests leave it out).
   */
  outbox?: OutboxOptions;
  /** Collects the request, SQL, cache and sign-in metrics when given; they are served by listenForMetrics, or below. */
  metrics?: Metrics;
  /** With `metrics`: also serves GET /metrics here, to callers that send this bearer token (METRICS_TOKEN). */
  metricsToken?: string;
  /** How long /readyz believes a finding on pending migrations (see ReadinessCheck). */
  migrationCheckMs?: number;
  /** How long close() lets requests in flight finish before it closes their connections. */
  shutdownGraceMs?: number;
  /**
   * Subscriptions over WebSocket at /graphql (docs/api.md, "Subscriptions"): their limits, and the Redis URL through
   * which every instance hears every instance's commits (REDIS_URL); without it, this instance's only.
   */
  live?: { settings?: Partial<LiveSettings>; redisUrl?: string; redisChannel?: string };
  /** Where webhooks may go and how they are sent (WEBHOOK_*); the production rules and DEFAULT_WEBHOOK_SETTINGS when not given. */
  webhooks?: Partial<WebhookSettings>;
}

export interface CdpApp {
  httpServer: http.Server;
  /** Starts listening; resolves with the URL of the GraphQL endpoint. */
  listen(port: number, host: string): Promise<string>;
  /** /readyz answers 503 from now on; everything else is served as before. */
  beginShutdown(): void;
  /** Requests arrived and not done with: their response is open, or their handler still runs (its client gone). */
  readonly requestsInFlight: number;
  /**
   * Stops accepting connections and lets the requests in flight finish, including those whose client has
   * gone, and the outbox worker finish or hand back its deliveries: the database may be closed once it resolves.
   */
  close(): Promise<void>;
  /** The outbox worker, when this app runs one. */
  outbox?: OutboxDispatcher;
  /** The WebSocket endpoint of subscriptions. */
  live: LiveServer;
  /** The reminder tick, which runs with the outbox worker. */
  reminders?: ReminderTick;
}

/**
 * Gives the request its scope (request id, log, slow statements), which the
 * request context hands to the query runners its statements run on; the
 * slow statements are logged once, when the response is finished.
 */
function requestScope(req: express.Request, res: express.Response, next: express.NextFunction): void {
  const scope = newRequestScope(String(req.id), () => req.log);
  res.locals.scope = scope;
  res.once('finish', () => logSlowStatementSummary(scope));
  next();
}

/**
 * Builds the HTTP app: GraphQL at /graphql (and the playground there for browsers when asked for), liveness at
 * /healthz, readiness at /readyz, the metrics at /metrics when given a token, the certificate keys, issuer,
 * status lists and credentials, the printable certificates and their public verification pages. Tests use it on a random port.
 */
export async function createApp({
  database,
  clock,
  logger,
  auth,
  environment = 'production',
  playground = false,
  limits = DEFAULT_QUERY_LIMITS,
  credentials = { keys: SigningKeyRing.generate(), publicUrl: 'http://localhost:4000' },
  trustedDocuments = 'allow',
  persistedOperations = readManifest(),
  releasedOperations = readReleasedOperations(),
  responseCache = { mode: 'memory', maxBytes: DEFAULT_RESPONSE_CACHE_MB * 1024 * 1024 },
  outbox: outboxOptions,
  webhooks: webhookOptions,
  metrics,
  metricsToken,
  migrationCheckMs,
  shutdownGraceMs,
  live: liveOptions = {},
}: AppDependencies): Promise<CdpApp> {
  const webhooks: WebhookSettings = { ...DEFAULT_WEBHOOK_SETTINGS, ...webhookOptions };
  const { database: db } = database;
  const schema = await buildCdpSchema();
  // Clients of earlier SDK releases send their own documents: those that still validate run like the current SDK's.
  const { trusted, retired } = persistedDocuments(schema, persistedOperations, releasedOperations);
  const drain = new RequestDrain();
  const readiness = new ReadinessCheck(db, migrationCheckMs);
  const instruments = metrics && instrumentApp(metrics, { statements: database.statements, trusted, inFlight: () => drain.inFlight });
  // The outbox is shared by every instance: its depth is read from the database, so any instance's scrape tells it.
  metrics?.observeOutbox(() => outboxMessageCounts(db.reader.manager));
  const requestAuth = instruments ? { ...auth, events: instruments.signInEvents } : auth;
  const app = express();
  const httpServer = http.createServer(app);
  app.disable('x-powered-by');
  // Entity tags are the response cache's (cacheable answers only); Express would otherwise hash every body it sends.
  app.disable('etag');
  app.set('env', environment);

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: true,
    // main.ts owns shutdown: it drains HTTP, then closes the database, then exits.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError,
    // Parsed and validated documents are kept in Apollo's default documentStore (an in-memory
    // LRU of 30 MiB), so a repeated document skips parse and validation; the cost verdict is cached by the cost plugin.
    // A cached answer goes out as the text stored with it.
    stringifyResult,
    // Counting tokens while parsing bounds a document's size and nesting before the parser recurses.
    parseOptions: { maxTokens: limits.maxTokens },
    // Limits first; then text no database stores (NUL, lone surrogates) in the document's string literals.
    validationRules: [...limitValidationRules(limits), literalTextRule],
    // The SDK's operations are known by hash from the start; clients may register others only when any document may run.
    persistedQueries: { cache: persistedQueryStore(trusted, { acceptRegistrations: trustedDocuments === 'allow' }) },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: shutdownGraceMs }),
      ApolloServerPluginLandingPageDisabled(),
      // Apollo installs cache control by default: it wraps every field's resolver to read
      // @cacheControl hints that this schema never gives and nothing here reads (the response
      // cache keys on the document, not on hints). Usage reporting and traces go to Apollo's
      // cloud only with an APOLLO_KEY; they are off, so a stray key cannot turn on per-field timing.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      queryCostPlugin(schema, limits),
      errorReportingPlugin(),
      responseHeadersPlugin(),
      ...responseCachePlugins(responseCache, logger, instruments?.cacheLookup),
      ...(instruments ? [instruments.plugin] : []),
    ],
  });
  await apollo.start();
  const documentGates = [retiredDocumentsGate(retired), trustedDocuments === 'only' ? trustedDocumentsGate(trusted) : undefined].filter((gate) => gate !== undefined);

  app.use(drain.track);

  // Browsers must never guess a type for our JSON (or anything else we send).
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });

  app.use(requestLogging(logger));

  app.use(requestScope);

  app.get('/healthz', async (_req, res) => {
    try {
      await readerOfResponse(db.reader, res).query('SELECT 1');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });

  app.get('/readyz', async (_req, res) => {
    const state = await readiness.check();
    if (state.ready) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'unavailable', reason: state.reason });
  });

  if (metrics && metricsToken) app.get('/metrics', metricsRoute(metrics, metricsToken));

  if (playground) app.use(playgroundRouter('/graphql'));

  // Before the credential routes, whose /certificates/:file answers 404 to anything but .json.
  app.use(printableRouter(db, clock, auth, credentials));
  app.use(credentialRouter(db, clock, credentials));

  // The development mailbox exists only where configuration allows it: never in production (see loadConfig).
  if (outboxOptions?.mail.mode === 'mailbox') app.use(devMailboxRouter(db));

  app.use(
    '/graphql',
    ...(instruments ? [instruments.graphqlMiddleware] : []),
    express.json({ limit: '1mb' }),
    stampRequestId,
    drain.handler(expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const ctx = createRequestContext({
          requestId: String(req.id),
          database: db,
          clock,
          log: () => req.log,
          auth: requestAuth,
          credentials,
          webhooks,
          request: { ip: req.ip ?? 'unknown' },
          scope: res.locals.scope as RequestScope,
        });
        // Read on the request's own reader, so that a slow session lookup is reported with the request too.
        ctx.viewer = await viewerFromHeader(ctx.db, auth, req.headers.authorization, clock.now());
        // Here, before Apollo parses anything (an error thrown here is the answer); the URL is split as Apollo's
        // Express integration splits it, so that the gate sees the very `query` parameters Apollo will.
        const request = { method: req.method, body: req.body, search: parseUrl(req.url).search ?? '' };
        for (const gate of documentGates) gate(request, ctx.viewer);
        return ctx;
      },
    })),
  );

  // Requests that never reach GraphQL (malformed JSON, oversized body) still get a GraphQL-shaped JSON error.
  app.use((err: { status?: number; type?: string }, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) req.log.error({ err: { message: String((err as Error).message) } }, 'request failed before GraphQL');
    const message =
      err.type === 'entity.parse.failed'
        ? 'The request body is not valid JSON.'
        : err.type === 'entity.too.large'
          ? 'The request body is too large.'
          : status === 500
            ? 'Internal server error. Quote the requestId when reporting it.'
            : 'Bad request.';
    res.status(status).json({
      errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST', requestId: String(req.id) } }],
    });
  });

  app.use((req: express.Request, res: express.Response) => {
    res.status(404).json({
      errors: [
        {
          message: `Nothing is served at ${req.method} ${req.path}: GraphQL is at /graphql, liveness at /healthz, certificate keys at /.well-known/cdp-certificate-keys.`,
          extensions: { code: 'ENDPOINT_NOT_FOUND', requestId: String(req.id) },
        },
      ],
    });
  });

  const outbox = outboxOptions ? createOutboxWorker(db, logger, credentials.publicUrl, { pepper: auth.pepper, ...outboxOptions }, { auth, settings: webhooks }) : undefined;
  await outbox?.start();
  // The instance that delivers also looks for reminders; every instance may, the unique keys record each reminder once.
  const reminders = outboxOptions
    ? new ReminderTick({ database: db, clock, logger, auth, intervalMs: outboxOptions.reminderTickMs ?? DEFAULT_REMINDER_TICK_SECONDS * 1000 })
    : undefined;
  reminders?.start();

  const live = new LiveServer({
    httpServer,
    path: '/graphql',
    schema,
    database: db,
    clock,
    logger,
    auth,
    credentials,
    limits,
    settings: { ...DEFAULT_LIVE_SETTINGS, ...liveOptions.settings },
    bus: liveOptions.redisUrl ? new RedisBus(liveOptions.redisUrl, logger, liveOptions.redisChannel) : new InProcessBus(),
    documentGates,
  });
  await live.start();

  return {
    httpServer,
    outbox,
    live,
    reminders,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const { port: actual } = httpServer.address() as AddressInfo;
          const shownHost = host.includes(':') ? `[${host}]` : host;
          resolve(`http://${shownHost}:${actual}/graphql`);
        });
      }),
    beginShutdown: () => readiness.beginShutdown(),
    get requestsInFlight() {
      return drain.inFlight;
    },
    async close() {
      readiness.beginShutdown();
      drain.beginDrain();
      outbox?.stopClaiming();
      // Sockets first: an open WebSocket would keep the HTTP server from closing.
      await live.close();
      await apollo.stop();
      if (drain.inFlight > 0) logger.info({ requestsInFlight: drain.inFlight }, 'connections closed; waiting for the requests whose client has gone');
      await drain.idle();
      await reminders?.stop();
      await outbox?.stop(OUTBOX_SHUTDOWN_GRACE_MS);
    },
  };
}
