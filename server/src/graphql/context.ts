import type { EntityManager } from 'typeorm';
import type { AuthSettings } from '../auth/auth-settings';
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import type { RequestScope } from '../common/request-scope';
import type { Database } from '../db/database';
import type { LiveConnection, LiveHub } from '../live/live-hub';
import { requestReader } from '../db/request-reader';
import type { CredentialSettings } from '../modules/certificate/credential/credential-settings';
import type { Viewer } from '../modules/user/viewer';
import type { WebhookSettings } from '../webhook/webhook-settings';
import { Loaders } from './loaders';

/** Facts about the HTTP request that rules need (throttling, audit) and headers they ask to send back. */
export interface RequestInfo {
  ip: string;
  /** Response headers set by rules, e.g. Retry-After when sign-in is throttled. */
  responseHeaders: Map<string, string>;
}

/** Everything a resolver or service needs about the current request; services take it first. */
export interface RequestContext {
  requestId: string;
  database: Database;
  /**
   * Where this context reads (and, inside `withTransaction`, writes). Outside
   * a transaction it is the reading connection, which sees committed data only.
   */
  db: EntityManager;
  /** The HTTP request's scope (request id, slow statements); unset outside HTTP requests (CLI tools). */
  scope?: RequestScope;
  /** True in the context `withTransaction` hands to its work. */
  inTransaction: boolean;
  clock: Clock;
  log: Logger;
  viewer: Viewer | null;
  loaders: Loaders;
  request: RequestInfo;
  auth: AuthSettings;
  /** Who acts when no user is signed in, for the audit log, e.g. "system:cli"; "anonymous" when unset. */
  actorLabel?: string;
  /** The keys and URLs certificates are issued with; unset where no certificate is issued or checked (CLI tools). */
  credentials?: CredentialSettings;
  /** Set for operations that arrive over WebSocket: the socket and this instance's live subscriptions. */
  live?: { hub: LiveHub; connection: LiveConnection };
  /** Where webhook endpoints may point (checked when one is registered); the production rules when unset. */
  webhooks?: WebhookSettings;
}

export function createRequestContext(args: {
  requestId: string;
  database: Database;
  clock: Clock;
  /** A function when the logger is made on first use (a request's, see requestLogging). */
  log: Logger | (() => Logger);
  viewer?: Viewer | null;
  request?: Partial<RequestInfo>;
  auth: AuthSettings;
  actorLabel?: string;
  credentials?: CredentialSettings;
  webhooks?: WebhookSettings;
  scope?: RequestScope;
}): RequestContext {
  const db = args.scope ? requestReader(args.database.reader, args.scope) : args.database.reader.manager;
  const { log } = args;
  const context: Omit<RequestContext, 'log'> = {
    requestId: args.requestId,
    database: args.database,
    db,
    scope: args.scope,
    inTransaction: false,
    clock: args.clock,
    viewer: args.viewer ?? null,
    loaders: new Loaders(db),
    auth: args.auth,
    request: { ip: args.request?.ip ?? 'unknown', responseHeaders: args.request?.responseHeaders ?? new Map() },
    actorLabel: args.actorLabel,
    credentials: args.credentials,
    webhooks: args.webhooks,
  };
  // A getter defined on the object, not spread from one: spreading would call it and make the logger at once.
  const logProperty = typeof log === 'function' ? { get: log } : { value: log, writable: true };
  return Object.defineProperty(context, 'log', { ...logProperty, enumerable: true, configurable: true }) as RequestContext;
}
