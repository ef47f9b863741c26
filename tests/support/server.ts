import 'reflect-metadata';
import pino from 'pino';
import { createApp, type CdpApp } from '../../server/src/app';
import type { AuthSettings } from '../../server/src/auth/auth-settings';
import { ephemeralAuthSettings } from '../../server/src/auth/setup';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/db/seed/demo-users';
import type { CredentialSettings } from '../../server/src/modules/certificate/credential/credential-settings';
import { SigningKeyRing } from '../../server/src/modules/certificate/credential/signing-keys';
import type { UserRole } from '../../server/src/modules/user/user-role';
import { fixedClock, type Clock } from '../../server/src/common/clock';
import { createLogger, type Logger } from '../../server/src/common/logger';
import type { DatabaseConfig } from '../../server/src/config';
import { openDatabase, type DataSourceBundle } from '../../server/src/db/data-source';
import type { ResponseCacheSettings } from '../../server/src/graphql/cache';
import { seed } from '../../server/src/db/seed/seed';
import { DEFAULT_QUERY_LIMITS, type QueryLimits } from '../../server/src/graphql/limits/query-limits';
import { operationSources } from '../../sdk/src/generated/graphql';
import type { PersistedManifest } from '../../server/src/graphql/persisted/manifest';
import type { ReleasedOperation } from '../../server/src/graphql/persisted/released-operations';
import type { TrustedDocumentsMode } from '../../server/src/graphql/persisted/trusted-documents';
import type { OutboxDispatcher } from '../../server/src/outbox/dispatcher';
import type { OutboxOptions } from '../../server/src/outbox/outbox-worker';
import type { ReminderTick } from '../../server/src/outbox/reminders';
import type { WebhookSettings } from '../../server/src/webhook/webhook-settings';
import type { Metrics } from '../../server/src/metrics/metrics';
import type { LiveServer } from '../../server/src/live/live-server';
import type { LiveSettings } from '../../server/src/live/live-settings';
import type { DatabaseKind, TestDatabase } from './databases';

/** The instant every test runs at: the demonstration cohort is then 2027-2028. */
export const TEST_NOW = '2026-11-26T12:00:00.000Z';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

/** GraphQL over HTTP with one caller's credentials. */
export interface Caller {
  /** The bearer token, or null for anonymous. */
  token: string | null;
  graphql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Like graphql() but fails the test on any GraphQL error. */
  data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export interface TestServer extends Caller {
  url: string;
  auth: AuthSettings;
  /** Log lines at warn level and above, when started with `captureLogs`. */
  logLines: Array<Record<string, any>>;
  database: DataSourceBundle;
  /** Where the database is, for a second server on the same one (`sameDatabaseAs`). */
  databaseConfig: DatabaseConfig;
  clock: Clock;
  logger: Logger;
  /** /readyz answers 503 from now on (see CdpApp.beginShutdown). */
  beginShutdown(): void;
  /** The keys certificates are signed with (the seed's too) and the public URL credentials name. */
  credentials: CredentialSettings;
  /** A caller signed in as the seed's demo user of this role (signed in once, then reused). */
  as(role: UserRole): Promise<Caller>;
  /** A caller signed in with these credentials (a new session each time). */
  signIn(email: string, password: string): Promise<Caller>;
  /** A caller with any token, e.g. a forged one. */
  withToken(token: string | null): Caller;
  /** The outbox worker, when started with `outbox`. */
  outbox?: OutboxDispatcher;
  /** The WebSocket endpoint of subscriptions, and its hub. */
  live: LiveServer;
  /** The reminder tick, when started with `outbox` (it looks at start, then every `outbox.reminderTickMs`). */
  reminders?: ReminderTick;
  close(): Promise<void>;
}

export interface TestServerOptions {
  playground?: boolean;
  /** Keep warn-and-above log lines in `logLines` (else the log is silent). */
  captureLogs?: boolean;
  /** Report statements slower than this (the server's default is 500 ms). */
  slowStatementMs?: number;
  /** Sign-in settings (pepper, session lifetime, login throttle); fresh in-memory ones by default. */
  auth?: AuthSettings;
  /** The server's logger; silent unless `captureLogs`. */
  logger?: Logger;
  /** Request limits other than the defaults, for suites whose probes are larger than any client's query. */
  limits?: Partial<QueryLimits>;
  /** Certificate signing keys and public URL; a fresh key at http://localhost:4000 by default. */
  credentials?: CredentialSettings;
  /** The server's clock; fixed at TEST_NOW by default. */
  clock?: Clock;
  /** TRUSTED_DOCUMENTS; `allow` (any document) by default. */
  trustedDocuments?: TrustedDocumentsMode;
  /** The persisted operations the server knows from the start; the SDK's manifest by default. */
  persistedOperations?: PersistedManifest;
  /** The operations of released SDKs the server supports; those of sdk/releases/ (this major and the one before) by default. */
  releasedOperations?: readonly ReleasedOperation[];
  /** The response cache; in memory, as in production, by default. */
  responseCache?: ResponseCacheSettings;
  /** A second instance: serves this server's database through connections of its own, neither seeding nor dropping it. */
  sameDatabaseAs?: TestServer;
  /** Runs the outbox worker (e-mail to `mail`, and webhooks); without it events are recorded and nothing is delivered. */
  outbox?: OutboxOptions;
  /** Where webhooks may go (the production rules by default), and how they are sent. */
  webhooks?: Partial<WebhookSettings>;
  /** Metrics to collect (none by default), and the token that serves them at /metrics. */
  metrics?: Metrics;
  metricsToken?: string;
  /** How long /readyz believes a finding on pending migrations. */
  migrationCheckMs?: number;
  /** Subscriptions' limits, and the Redis URL (and channel) through which instances share commits. */
  live?: { settings?: Partial<LiveSettings>; redisUrl?: string; redisChannel?: string };
}

/** Migrates and seeds a fresh database, then serves it on a random port (with the playground, as in development). */
export async function startTestServer(kind: DatabaseKind, options: TestServerOptions = {}): Promise<TestServer> {
  const shared = options.sameDatabaseAs;
  // A second instance accepts the first one's tokens and checks its certificates, as instances of one deployment do.
  const auth = options.auth ?? shared?.auth ?? ephemeralAuthSettings();
  const credentials = options.credentials ?? shared?.credentials ?? { keys: SigningKeyRing.generate(), publicUrl: 'http://localhost:4000' };
  const db: TestDatabase = shared ? { config: shared.databaseConfig, drop: async () => undefined } : await kind.create();
  const logLines: Array<Record<string, any>> = [];
  // A test that inspects the log (e.g. for leaked secrets) passes its own logger, or asks for warn-and-above lines.
  const logger =
    options.logger ??
    (options.captureLogs
      ? createLogger('warn', { write: (line: string) => void logLines.push(JSON.parse(line)) })
      : createLogger('silent', pino.destination({ dest: '/dev/null', sync: true })));
  const clock = options.clock ?? fixedClock(TEST_NOW);
  let database: DataSourceBundle | undefined;
  let app: CdpApp;
  let url: string;
  try {
    database = await openDatabase(db.config, logger, { slowStatementMs: options.slowStatementMs });
    if (!shared) await seed(database.dataSource, clock, logger, credentials);
    app = await createApp({
      database,
      clock,
      logger,
      auth,
      environment: 'test',
      playground: options.playground ?? true,
      limits: { ...DEFAULT_QUERY_LIMITS, ...options.limits },
      credentials,
      trustedDocuments: options.trustedDocuments,
      persistedOperations: options.persistedOperations,
      releasedOperations: options.releasedOperations,
      responseCache: options.responseCache,
      outbox: options.outbox,
      webhooks: options.webhooks,
      metrics: options.metrics,
      metricsToken: options.metricsToken,
      migrationCheckMs: options.migrationCheckMs,
      live: options.live,
    });
    url = await app.listen(0, '127.0.0.1');
  } catch (err) {
    // A failed start must not leave a database behind on the shared PostgreSQL server.
    await database?.database.close();
    await db.drop();
    throw err;
  }
  const started = database;

  const withToken = (token: string | null): Caller => {
    const graphql = async <T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> => {
      const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      return (await res.json()) as GraphQLResponse<T>;
    };
    return {
      token,
      graphql,
      async data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
        const result = await graphql<T>(query, variables);
        if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
        return result.data as T;
      },
    };
  };
  const signIn = async (email: string, password: string): Promise<Caller> => {
    // The SDK's own Login: a trusted document, so signing in works under TRUSTED_DOCUMENTS=only too.
    const { login } = await withToken(null).data(operationSources.Login, { input: { email, password } });
    if (!login.token) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(login.userErrors)}`);
    return withToken(login.token);
  };
  const signedIn = new Map<UserRole, Promise<Caller>>();

  return {
    url,
    auth,
    database: started,
    databaseConfig: db.config,
    outbox: app.outbox,
    live: app.live,
    reminders: app.reminders,
    clock,
    logger,
    beginShutdown: () => app.beginShutdown(),
    credentials,
    logLines,
    ...withToken(null),
    withToken,
    signIn,
    as(role) {
      if (!signedIn.has(role)) signedIn.set(role, signIn(DEMO_USERS[role].email, DEMO_PASSWORD));
      return signedIn.get(role)!;
    },
    async close() {
      await app.close();
      // A test may have taken the database away on purpose; close() skips what is closed already.
      await started.database.close();
      await db.drop();
    },
  };
}
