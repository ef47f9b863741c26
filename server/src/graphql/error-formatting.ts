import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { NextFunction, Request, Response } from 'express';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { RequestContext } from './context';
import { AppError, isKnownErrorCode, type ErrorCode } from './errors';

const MASKED_MESSAGE = 'Internal server error. Quote the requestId when reporting it.';

/**
 * Errors Apollo Server raises without a code of its own, recognised by their
 * fixed messages: they are the client's mistakes, not bugs, so they get a
 * code rather than being masked and logged.
 */
const APOLLO_MESSAGES: Array<[RegExp, ErrorCode]> = [
  [/^provided sha does not match query$/, 'PERSISTED_QUERY_HASH_MISMATCH'],
  [/^Unsupported persisted query version$/, 'PERSISTED_QUERY_VERSION_UNSUPPORTED'],
];

/** graphql-js's maxTokens refusal (its wording, "more that"), a parse error: it is a limit, reported like the others. */
const TOKEN_LIMIT = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

/** Our own error, whether thrown by a resolver or reported by a validation rule (which Apollo wraps). */
function appErrorIn(error: unknown): AppError | undefined {
  const unwrapped = unwrapResolverError(error);
  if (unwrapped instanceof AppError) return unwrapped;
  if (error instanceof GraphQLError && error.originalError instanceof AppError) return error.originalError;
  return undefined;
}

function classify(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | undefined {
  const { stacktrace: _stacktrace, http: _http, ...extensions } = formatted.extensions ?? {};
  const own = appErrorIn(error);
  if (own) {
    const { http: _ownHttp, ...ownExtensions } = own.extensions;
    return { ...formatted, message: own.message, extensions: { ...extensions, ...ownExtensions } };
  }
  const tokens = TOKEN_LIMIT.exec(formatted.message);
  if (tokens) {
    const max = Number(tokens[1]);
    const message = `The document has more than ${max} tokens (names, punctuation, values), the limit; send a smaller one.`;
    return { ...formatted, message, extensions: { ...extensions, code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max } };
  }
  const known = APOLLO_MESSAGES.find(([pattern]) => pattern.test(formatted.message));
  if (known) return { ...formatted, extensions: { ...extensions, code: known[1] } };
  const code = extensions.code;
  if (isKnownErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR') return { ...formatted, extensions };
  return undefined;
}

/** True when the error is one the API expects and names with a code; anything else is a bug. */
export function isExpectedError(error: unknown): boolean {
  const formatted = error instanceof GraphQLError ? error.toJSON() : { message: String(error) };
  return classify(formatted, error) !== undefined;
}

/**
 * Expected errors pass through with their code; anything else is masked: no
 * message, stack or SQL reaches the client. The request id is added to
 * every error of the answer afterwards (stampRequestId), including those
 * Apollo raises before a GraphQL request exists (a batch, a body without a
 * query, a GET without the CSRF preflight header), which reach formatError
 * with no request context.
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const expected = classify(formatted, error);
  if (expected) return expected;
  return {
    message: MASKED_MESSAGE,
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  };
}

/**
 * Wraps `res.send` of a GraphQL request so that each error of the answer
 * carries the request's id. Only answers that hold errors are parsed again:
 * `"errors":` with its quotes unescaped can only be a key of the JSON.
 */
export function stampRequestId(req: Request, res: Response, next: NextFunction): void {
  const send = res.send.bind(res);
  res.send = (body?: unknown) => {
    if (typeof body !== 'string' || !body.includes('"errors":')) return send(body);
    let answer: { errors?: GraphQLFormattedError[] };
    try {
      answer = JSON.parse(body) as typeof answer;
    } catch {
      return send(body);
    }
    if (!Array.isArray(answer?.errors)) return send(body);
    const requestId = String(req.id);
    answer.errors = answer.errors.map((e) => ({ ...e, extensions: { ...e.extensions, requestId } }));
    return send(JSON.stringify(answer));
  };
  next();
}

/** Logs unexpected errors with their stack; expected ones are the client's to handle. */
export function errorReportingPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isExpectedError(error)) continue;
            const original = unwrapResolverError(error);
            // Message and stack only: a database error also carries the statement's parameters (personal data).
            const { message, stack } = original instanceof Error ? original : { message: String(original), stack: undefined };
            contextValue.log?.error({ err: { message, stack }, path: error.path }, 'unexpected error in GraphQL operation');
          }
        },
      };
    },
  };
}
