import { GraphQLError } from 'graphql';

/**
 * Every error code the API can put in `extensions.code`. Clients switch on
 * these; the descriptions are the documentation.
 */
export const ERROR_CODES = {
  BAD_USER_INPUT: 'An argument or input field has an invalid value.',
  INVALID_ID: 'A global ID is malformed or names a type that has no such objects.',
  INVALID_CURSOR: 'A pagination cursor is malformed or belongs to a different ordering.',
  INVALID_PAGINATION: 'Pagination arguments are inconsistent or exceed the page-size limit.',
  NOT_FOUND: 'The requested object does not exist or is not visible to the caller.',
  UNAUTHENTICATED: 'The operation requires a signed-in user.',
  FORBIDDEN: "The signed-in user's role does not allow the operation.",
  QUERY_TOO_COMPLEX:
    'The document is larger, deeper, has more aliases or directives, or costs more than the server accepts; extensions.limit names the limit and extensions.max its value.',
  GRAPHQL_PARSE_FAILED: 'The document is not valid GraphQL syntax.',
  GRAPHQL_VALIDATION_FAILED: 'The document does not validate against the schema.',
  PERSISTED_QUERY_NOT_FOUND: 'The persisted query hash is unknown to the server.',
  PERSISTED_QUERY_NOT_SUPPORTED: 'The server does not support persisted queries.',
  PERSISTED_QUERY_HASH_MISMATCH: "The persisted query's sha256Hash is not the hash of the query sent with it.",
  PERSISTED_QUERY_VERSION_UNSUPPORTED: 'The persisted query protocol version is not 1, the only one supported.',
  PERSISTED_QUERY_RETIRED:
    'The operation (by hash or as its text) is one of an earlier @cdp-hub/sdk release that uses fields, arguments or values since removed from the schema; extensions.operationName and extensions.sdkVersion name it. Upgrade the SDK. HTTP 400.',
  UNTRUSTED_DOCUMENT:
    "The server runs only trusted documents (TRUSTED_DOCUMENTS=only): the operations of @cdp-hub/sdk's persisted-operations manifest, sent by hash or as their exact text; an ADMIN may run any document. HTTP 400.",
  OPERATION_NOT_SUPPORTED:
    'The operation type is not served on this transport: subscriptions run over WebSocket (graphql-ws) at /graphql, queries and mutations over HTTP.',
  OPERATION_RESOLUTION_FAILURE: 'The operation to run could not be determined.',
  BAD_REQUEST: 'The HTTP request is not a valid GraphQL request.',
  ENDPOINT_NOT_FOUND: 'The HTTP path is not served; GraphQL is at /graphql, liveness at /healthz, certificate keys at /.well-known/cdp-certificate-keys.',
  INTROSPECTION_DISABLED: 'Introspection is turned off on this server.',
  MAX_RECURSIVE_SELECTIONS_EXCEEDED: 'The document has too many nested selections to validate.',
  INTERNAL_SERVER_ERROR: 'An unexpected failure; the message is masked and the request id is logged.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

const KNOWN_CODES = new Set<string>(Object.keys(ERROR_CODES));

export function isKnownErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && KNOWN_CODES.has(code);
}

/** An expected failure whose message is safe to show to the client. */
export class AppError extends GraphQLError {
  constructor(
    readonly code: Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR'>,
    message: string,
    details: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...details } });
    this.name = 'AppError';
  }
}
