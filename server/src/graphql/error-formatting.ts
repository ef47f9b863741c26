import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { RequestContext } from './context';
import { AppError, isKnownErrorCode } from './errors';

const MASKED_MESSAGE = 'Internal server error. Quote the requestId when reporting it.';

function isExpected(error: unknown, formatted: GraphQLFormattedError): boolean {
  if (unwrapResolverError(error) instanceof AppError) return true;
  const code = formatted.extensions?.code;
  return isKnownErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR';
}

/** Expected errors pass through; anything else is masked: no message, stack or SQL reaches the client. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
  if (isExpected(error, formatted)) return { ...formatted, extensions };
  return {
    message: MASKED_MESSAGE,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/** Logs unexpected errors with their stack, and puts the request id on every error the client gets. */
export function errorReportingPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            const original = unwrapResolverError(error);
            const code = error.extensions?.code;
            if (original instanceof AppError || (isKnownErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR')) continue;
            // Message and stack only: a database error also carries the statement's parameters (personal data).
            const { message, stack } = original instanceof Error ? original : { message: String(original), stack: undefined };
            contextValue.log?.error({ err: { message, stack }, path: error.path }, 'unexpected error in GraphQL operation');
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || !response.body.singleResult.errors) return;
          response.body.singleResult.errors = response.body.singleResult.errors.map((e) => ({
            ...e,
            extensions: { ...e.extensions, requestId: contextValue.requestId },
          }));
        },
      };
    },
  };
}
