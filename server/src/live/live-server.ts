import { createHash } from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { getOperationAST, GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { CloseCode, type Context } from 'graphql-ws';
import { LRUCache } from 'lru-cache';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AuthSettings } from '../auth/auth-settings';
import type { Clock } from '../common/clock';
import type { Logger } from '../common/logger';
import type { Database } from '../db/database';
import { createRequestContext, type RequestContext } from '../graphql/context';
import { AppError } from '../graphql/errors';
import { literalTextRule } from '../graphql/input/literal-text-rule';
import { costEstimators } from '../graphql/limits/cost';
import { decide } from '../graphql/limits/cost-plugin';
import type { QueryLimits } from '../graphql/limits/query-limits';
import { limitValidationRules } from '../graphql/limits/validation-rules';
import type { DocumentGate } from '../graphql/persisted/trusted-documents';
import type { CredentialSettings } from '../modules/certificate/credential/credential-settings';
import { sessionFromHeader } from '../modules/user/session.service';
import type { Viewer } from '../modules/user/viewer';
import type { LiveBus } from './live-bus';
import { LIVE_CLOSE, LiveHub, type LiveConnection } from './live-hub';
import type { LiveSettings } from './live-settings';

/** Documents (and cost verdicts) kept parsed and checked: subscribers of one screen send the same few. */
const CACHED_DOCUMENTS = 500;

/** Cache keys are digests: a client's text (up to maxPayloadBytes) is not kept for them. */
const digest = (text: string) => createHash('sha256').update(text).digest('base64url');

type Checked = { document: DocumentNode } | { errors: readonly GraphQLError[] };

/** The longest a timer may wait (setTimeout's limit); a session lasting longer is looked at again then. */
const MAX_TIMER_MS = 2_147_483_647;

export interface LiveServerOptions {
  httpServer: http.Server;
  path: string;
  schema: GraphQLSchema;
  database: Database;
  clock: Clock;
  logger: Logger;
  auth: AuthSettings;
  credentials: CredentialSettings;
  limits: QueryLimits;
  settings: LiveSettings;
  bus: LiveBus;
  /** The same gates as HTTP requests (retired SDK operations, TRUSTED_DOCUMENTS=only). */
  documentGates: DocumentGate[];
}

/** What a socket carries once its connection_init named a live session. */
interface SocketState {
  connection: LiveConnection;
  expiry: NodeJS.Timeout;
  sequence: number;
}

type Extra = { socket: WebSocket; request: http.IncomingMessage; live?: SocketState };

/** The bearer token of connection_init: `{ authorization: "Bearer <token>" }`, or `{ token: "<token>" }`. */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!params) return undefined;
  if (typeof params.authorization === 'string') return params.authorization;
  if (typeof params.Authorization === 'string') return params.Authorization;
  if (typeof params.token === 'string') return `Bearer ${params.token}`;
  return undefined;
}

/** An error as Apollo would answer it over HTTP: with our code, GRAPHQL_PARSE_FAILED or GRAPHQL_VALIDATION_FAILED when it has none. */
const withCode = (err: GraphQLError, code: 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED'): GraphQLError =>
  err.extensions?.code ? err : new GraphQLError(err.message, { nodes: err.nodes, source: err.source, positions: err.positions, extensions: { ...err.extensions, code } });

const refusal = (err: unknown): readonly GraphQLError[] => [
  err instanceof GraphQLError ? withCode(err, 'GRAPHQL_PARSE_FAILED') : new AppError('BAD_REQUEST', err instanceof Error ? err.message : String(err)),
];

/**
 * GraphQL over WebSocket (the graphql-ws protocol) at the same path and port
 * as POST /graphql. The bearer token is checked at connection_init: a token
 * that is not that of a live session closes the socket with 4403 (Forbidden);
 * without one, the first subscribe must carry it (extensions.headers, as
 * GraphiQL sends it) within connectionInitWaitMs, or the socket is closed with
 * 4401 (Unauthorized). The socket is closed with 4403 when its session ends
 * (see LiveHub) or expires. Only subscriptions run over it,
 * each under the same document limits as a request over HTTP.
 */
export class LiveServer {
  readonly hub: LiveHub;
  private readonly wss: WebSocketServer;
  private readonly dispose: () => void | Promise<void>;
  private readonly estimators;
  private accepting = true;
  private readonly checked = new LRUCache<string, Checked>({ max: CACHED_DOCUMENTS });
  private readonly verdicts = new LRUCache<string, ReturnType<typeof decide>>({ max: CACHED_DOCUMENTS });
  private sockets = 0;

  constructor(private readonly options: LiveServerOptions) {
    const { database, settings, logger } = options;
    this.hub = new LiveHub(() => database.reader.manager, settings, logger);
    this.estimators = costEstimators(options.schema);
    // No compression: a thousand idle sockets would each keep a zlib context (hundreds of KB) for a few small messages.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: settings.maxPayloadBytes, perMessageDeflate: false, clientTracking: true });
    const server = useServer<Record<string, unknown> | undefined, Extra>(
      {
        schema: options.schema,
        connectionInitWaitTimeout: settings.connectionInitWaitMs,
        onConnect: (ctx) => this.onConnect(ctx),
        onSubscribe: (ctx, id, payload) => this.onSubscribe(ctx, id, payload),
        onClose: (ctx) => this.onClose(ctx),
      },
      this.wss,
      settings.pingIntervalMs,
    );
    this.dispose = () => server.dispose();
    options.httpServer.on('upgrade', this.upgrade);
  }

  /** Starts hearing committed notices (this instance's, or every instance's through Redis). */
  start(): Promise<void> {
    const unsubscribe = this.options.database.onCommitted((notice) => this.options.bus.publish(notice));
    this.stopPublishing = unsubscribe;
    return this.options.bus.start((notice) => this.hub.receive(notice));
  }

  private stopPublishing: () => void = () => undefined;

  /** Sockets open now (accepted or still before connection_init). */
  get socketCount(): number {
    return this.sockets;
  }

  private readonly upgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== this.options.path || !this.accepting) {
      socket.end(`HTTP/1.1 ${this.accepting ? '404 Not Found' : '503 Service Unavailable'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      this.sockets++;
      ws.once('close', () => this.sockets--);
      this.wss.emit('connection', ws, request);
    });
  };

  private async onConnect(ctx: Context<Record<string, unknown> | undefined, Extra>): Promise<boolean> {
    const header = authorizationOf(ctx.connectionParams);
    if (header === undefined) {
      // No token yet: GraphiQL and some browser clients send it with each subscribe (extensions.headers). Such a
      // socket is told 4401 (Unauthorized) unless its first subscribe names a live session in time.
      const { socket } = ctx.extra;
      const wait = setTimeout(() => {
        if (!ctx.extra.live && socket.readyState === socket.OPEN) socket.close(CloseCode.Unauthorized, 'Unauthorized: send your bearer token');
      }, this.options.settings.connectionInitWaitMs);
      wait.unref();
      socket.once('close', () => clearTimeout(wait));
      return true;
    }
    return (await this.authenticate(ctx, header)) !== null;
  }

  /** Binds the socket to the session `header` names, or closes it with 4403 (Forbidden) and answers null. */
  private async authenticate(ctx: Context<Record<string, unknown> | undefined, Extra>, header: string): Promise<SocketState | null> {
    const { database, auth, clock, logger } = this.options;
    const { socket } = ctx.extra;
    let session: { viewer: Viewer; expiresAt: Date } | null;
    try {
      session = await sessionFromHeader(database.reader.manager, auth, header, clock.now());
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      session = null;
    }
    if (!session) {
      socket.close(CloseCode.Forbidden, 'Forbidden: the token is not that of a live session. Sign in again.');
      return null;
    }
    const connection: LiveConnection = {
      viewer: session.viewer,
      bufferedAmount: () => socket.bufferedAmount,
      close: (code, reason) => {
        if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(code, reason);
      },
    };
    if (!this.hub.addConnection(connection)) {
      socket.close(CloseCode.Forbidden, `Forbidden: a user may hold ${this.options.settings.maxConnectionsPerUser} sockets at once`);
      return null;
    }
    const untilExpiry = session.expiresAt.getTime() - clock.now().getTime();
    const expiry = setTimeout(() => {
      logger.info({ userId: session.viewer.userId }, 'live updates: a session expired; its socket is closed');
      connection.close(LIVE_CLOSE.FORBIDDEN, 'Forbidden: the session has expired. Sign in again.');
      this.hub.removeConnection(connection);
    }, Math.min(Math.max(untilExpiry, 0), MAX_TIMER_MS));
    expiry.unref();
    const state = { connection, expiry, sequence: 0 };
    ctx.extra.live = state;
    return state;
  }

  private async onSubscribe(
    ctx: Context<Record<string, unknown> | undefined, Extra>,
    id: string,
    payload: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null; extensions?: Record<string, unknown> | null },
  ) {
    let live = ctx.extra.live;
    if (!live) {
      const headers = payload.extensions?.headers as Record<string, unknown> | undefined;
      const header = authorizationOf(headers);
      if (header === undefined) return [new AppError('UNAUTHENTICATED', 'Sign in first: send your bearer token in connection_init ({ "authorization": "Bearer <token>" }).')];
      const state = await this.authenticate(ctx, header);
      if (!state) return [new AppError('UNAUTHENTICATED', 'The bearer token is not that of a live session. Sign in again.')];
      live = state;
    }
    const { schema, limits, documentGates } = this.options;
    const viewer = live.connection.viewer;
    try {
      for (const gate of documentGates) gate({ method: 'POST', body: { query: payload.query }, search: '' }, viewer);
    } catch (err) {
      return refusal(err);
    }
    const checked = this.check(payload.query);
    if ('errors' in checked) return checked.errors;
    const { document } = checked;
    const operationName = payload.operationName ?? undefined;
    const operation = getOperationAST(document, operationName);
    if (!operation) return [new AppError('OPERATION_RESOLUTION_FAILURE', 'The document has no single operation to run; name one with operationName.')];
    if (operation.operation !== 'subscription') {
      return [
        new AppError('OPERATION_NOT_SUPPORTED', `Only subscriptions run over WebSocket; send ${operation.operation} operations to POST /graphql.`, {
          operationType: operation.operation,
        }),
      ];
    }
    const variables = payload.variables ?? {};
    const key = digest(JSON.stringify([payload.query, operationName ?? null, variables]));
    let verdict = this.verdicts.get(key);
    if (!verdict) this.verdicts.set(key, (verdict = decide(schema, limits, this.estimators, operation, { document, operationName, variables })));
    if ('refusal' in verdict) return [verdict.refusal];
    return {
      schema,
      document,
      operationName,
      variableValues: variables,
      contextValue: this.contextFor(live, id),
    };
  }

  /** Parsed and validated once per document text, as Apollo's document store does for HTTP. */
  private check(query: string): Checked {
    const key = digest(query);
    let checked = this.checked.get(key);
    if (checked) return checked;
    const { schema, limits } = this.options;
    try {
      const document = parse(query, { maxTokens: limits.maxTokens });
      const invalid = validate(schema, document, [...specifiedRules, ...limitValidationRules(limits), literalTextRule]);
      checked = invalid.length ? { errors: invalid.map((err) => withCode(err, 'GRAPHQL_VALIDATION_FAILED')) } : { document };
    } catch (err) {
      checked = { errors: refusal(err) };
    }
    this.checked.set(key, checked);
    return checked;
  }

  private contextFor(live: SocketState, id: string): RequestContext {
    const { database, clock, logger, auth, credentials } = this.options;
    const ctx = createRequestContext({
      requestId: `ws-${++live.sequence}-${id}`.slice(0, 64),
      database,
      clock,
      log: logger,
      viewer: live.connection.viewer,
      auth,
      credentials,
    });
    ctx.live = { hub: this.hub, connection: live.connection };
    return ctx;
  }

  private onClose(ctx: Context<Record<string, unknown> | undefined, Extra>): void {
    const live = ctx.extra.live;
    if (!live) return;
    clearTimeout(live.expiry);
    this.hub.removeConnection(live.connection);
  }

  /** Shutdown: refuses new sockets, tells the open ones the server is going away, and stops hearing notices. */
  async close(): Promise<void> {
    this.accepting = false;
    this.stopPublishing();
    this.options.httpServer.off('upgrade', this.upgrade);
    this.hub.closeAll();
    for (const socket of this.wss.clients) socket.close(LIVE_CLOSE.GOING_AWAY, 'The server is shutting down; reconnect.');
    await this.dispose();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await this.options.bus.close();
  }
}
