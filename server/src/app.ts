import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { pinoHttp } from 'pino-http';
import { GraphQLError } from 'graphql';
import type { AuthSettings } from './auth/auth-settings';
import type { Clock } from './common/clock';
import type { Logger } from './common/logger';
import { requestIdFor } from './common/request-id';
import type { Config } from './config';
import type { DataSourceBundle } from './db/data-source';
import { createRequestContext, type RequestContext } from './graphql/context';
import { errorReportingPlugin, formatError } from './graphql/error-formatting';
import { queryLimitsPlugin } from './graphql/limits';
import { buildCdpSchema } from './graphql/schema';
import { responseHeadersPlugin } from './graphql/response-headers';
import { viewerFromHeader } from './modules/user/session.service';
import { playgroundRouter } from './playground/playground-route';

export interface AppDependencies {
  database: DataSourceBundle;
  clock: Clock;
  logger: Logger;
  auth: AuthSettings;
  environment?: Config['env'];
  /** Serves the GraphiQL playground to browsers at GET /graphql; off unless asked for. */
  playground?: boolean;
}

export interface CdpApp {
  httpServer: http.Server;
  /** Starts listening; resolves with the URL of the GraphQL endpoint. */
  listen(port: number, host: string): Promise<string>;
  /** Stops accepting requests and lets those in flight finish. */
  close(): Promise<void>;
}

/** Builds the HTTP app: GraphQL at /graphql, liveness at /healthz. Tests use it on a random port. */
export async function createApp({
  database,
  clock,
  logger,
  auth,
  environment = 'production',
  playground = false,
}: AppDependencies): Promise<CdpApp> {
  const { database: db } = database;
  const schema = await buildCdpSchema();
  const app = express();
  const httpServer = http.createServer(app);
  app.disable('x-powered-by');
  app.set('env', environment);

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: true,
    // main.ts owns shutdown: it drains HTTP, then closes the database, then exits.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      queryLimitsPlugin(schema),
      errorReportingPlugin(),
      responseHeadersPlugin(),
    ],
  });
  await apollo.start();

  app.use(
    pinoHttp({
      logger,
      genReqId: requestIdFor,
      autoLogging: { ignore: (req) => req.url === '/healthz' },
    }),
  );

  app.get('/healthz', async (_req, res) => {
    try {
      await db.reader.query('SELECT 1');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });

  if (playground) app.use(playgroundRouter('/graphql'));

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = String(req.id);
        try {
          const viewer = await viewerFromHeader(db.reader.manager, auth, req.headers.authorization, clock.now());
          return createRequestContext({ requestId, database: db, clock, log: req.log, viewer, auth, request: { ip: req.ip ?? 'unknown' } });
        } catch (err) {
          // A refused token ends the request before any plugin runs, so the request id is put on here.
          if (err instanceof GraphQLError) Object.assign(err.extensions, { requestId });
          throw err;
        }
      },
    }),
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

  return {
    httpServer,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const { port: actual } = httpServer.address() as AddressInfo;
          const shownHost = host.includes(':') ? `[${host}]` : host;
          resolve(`http://${shownHost}:${actual}/graphql`);
        });
      }),
    close: () => apollo.stop(),
  };
}
