import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import type { RequestScope } from '../common/request-scope';
import type { RequestContext } from '../graphql/context';
import { isExpectedError } from '../graphql/error-formatting';
import { OTHER_OPERATION, type Metrics, type RequestOutcome } from './metrics';
import { operationLabel, type TrustedOperationNames } from './operation-labels';

/** What GraphQL found out about a request, kept until its response is over. */
interface RequestNote {
  operation: string;
  /** Set when the answer holds errors. */
  failure?: 'client_error' | 'server_error';
}

/**
 * Requests to /graphql, counted and timed from their arrival to the end of
 * their response, whether or not GraphQL ran (a malformed body, a refused
 * token or document ends before it): the middleware measures, and the
 * plugin names the operation and its errors. They meet through the request's
 * scope, which both see.
 */
export function requestMetrics(metrics: Metrics, names: TrustedOperationNames) {
  const notes = new WeakMap<RequestScope, RequestNote>();

  const middleware = (_req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    res.once('close', () => {
      const note = notes.get(res.locals.scope as RequestScope);
      metrics.request(note?.operation ?? OTHER_OPERATION, outcomeOf(res, note), (performance.now() - started) / 1000);
    });
    next();
  };

  const plugin: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, queryHash, operation, errors }) {
          if (!contextValue.scope) return;
          const failure = errors?.length ? (errors.every(isExpectedError) ? 'client_error' : 'server_error') : undefined;
          notes.set(contextValue.scope, { operation: operationLabel(names, queryHash, operation?.name?.value), failure });
        },
      };
    },
  };

  return { middleware, plugin };
}

function outcomeOf(res: Response, note: RequestNote | undefined): RequestOutcome {
  if (!res.writableFinished) return 'aborted';
  if (res.statusCode >= 500) return 'server_error';
  if (note?.failure) return note.failure;
  return res.statusCode >= 400 ? 'client_error' : 'ok';
}
