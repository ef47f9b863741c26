import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { SignInEvents } from '../auth/auth-settings';
import type { StatementCounter } from '../db/sql-logger';
import type { RequestContext } from '../graphql/context';
import type { PersistedManifest } from '../graphql/persisted/manifest';
import type { Metrics } from './metrics';
import { trustedOperationNames } from './operation-labels';
import { requestMetrics } from './request-metrics';

/** The hooks through which one app feeds the metrics. */
export interface AppInstruments {
  /** Before the GraphQL handler: counts and times each request. */
  graphqlMiddleware: RequestHandler;
  plugin: ApolloServerPlugin<RequestContext>;
  signInEvents: SignInEvents;
  cacheLookup: (hit: boolean) => void;
}

export function instrumentApp(
  metrics: Metrics,
  { statements, trusted, inFlight }: { statements: StatementCounter; trusted: PersistedManifest; inFlight: () => number },
): AppInstruments {
  metrics.observeStatements(statements);
  metrics.observeInFlight(inFlight);
  const { middleware, plugin } = requestMetrics(metrics, trustedOperationNames(trusted));
  return {
    graphqlMiddleware: middleware,
    plugin,
    signInEvents: { failed: (operation) => metrics.signInFailed(operation), throttled: (operation) => metrics.signInThrottledFor(operation) },
    cacheLookup: (hit) => metrics.cacheLookup(hit),
  };
}
