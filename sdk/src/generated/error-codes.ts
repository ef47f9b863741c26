/* eslint-disable */ // Generated from ERROR_CODES in server/src/graphql/errors.ts by sdk/codegen/error-codes.cjs; run `npm run codegen`, do not edit.
/** Every `extensions.code` the CDP Hub server sends on a GraphQL error (ERROR_CODES in server/src/graphql/errors.ts). */
export type CdpErrorCode =
  /** An argument or input field has an invalid value. */
  | 'BAD_USER_INPUT'
  /** A global ID is malformed or names a type that has no such objects. */
  | 'INVALID_ID'
  /** A pagination cursor is malformed or belongs to a different ordering. */
  | 'INVALID_CURSOR'
  /** Pagination arguments are inconsistent or exceed the page-size limit. */
  | 'INVALID_PAGINATION'
  /** The requested object does not exist or is not visible to the caller. */
  | 'NOT_FOUND'
  /** The operation requires a signed-in user. */
  | 'UNAUTHENTICATED'
  /** The signed-in user's role does not allow the operation. */
  | 'FORBIDDEN'
  /** The document is larger, deeper, has more aliases or directives, or costs more than the server accepts; extensions.limit names the limit and extensions.max its value. */
  | 'QUERY_TOO_COMPLEX'
  /** The document is not valid GraphQL syntax. */
  | 'GRAPHQL_PARSE_FAILED'
  /** The document does not validate against the schema. */
  | 'GRAPHQL_VALIDATION_FAILED'
  /** The persisted query hash is unknown to the server. */
  | 'PERSISTED_QUERY_NOT_FOUND'
  /** The server does not support persisted queries. */
  | 'PERSISTED_QUERY_NOT_SUPPORTED'
  /** The persisted query's sha256Hash is not the hash of the query sent with it. */
  | 'PERSISTED_QUERY_HASH_MISMATCH'
  /** The persisted query protocol version is not 1, the only one supported. */
  | 'PERSISTED_QUERY_VERSION_UNSUPPORTED'
  /** The operation (by hash or as its text) is one of an earlier @cdp-hub/sdk release that uses fields, arguments or values since removed from the schema; extensions.operationName and extensions.sdkVersion name it. Upgrade the SDK. HTTP 400. */
  | 'PERSISTED_QUERY_RETIRED'
  /** The server runs only trusted documents (TRUSTED_DOCUMENTS=only): the operations of @cdp-hub/sdk's persisted-operations manifest, sent by hash or as their exact text; an ADMIN may run any document. HTTP 400. */
  | 'UNTRUSTED_DOCUMENT'
  /** The operation type is not served on this transport: subscriptions run over WebSocket (graphql-ws) at /graphql, queries and mutations over HTTP. */
  | 'OPERATION_NOT_SUPPORTED'
  /** The operation to run could not be determined. */
  | 'OPERATION_RESOLUTION_FAILURE'
  /** The HTTP request is not a valid GraphQL request. */
  | 'BAD_REQUEST'
  /** The HTTP path is not served; GraphQL is at /graphql, liveness at /healthz, certificate keys at /.well-known/cdp-certificate-keys. */
  | 'ENDPOINT_NOT_FOUND'
  /** Introspection is turned off on this server. */
  | 'INTROSPECTION_DISABLED'
  /** The document has too many nested selections to validate. */
  | 'MAX_RECURSIVE_SELECTIONS_EXCEEDED'
  /** An unexpected failure; the message is masked and the request id is logged. */
  | 'INTERNAL_SERVER_ERROR';

/** The same codes as values, in the server's order. */
export const CDP_ERROR_CODES: ReadonlyArray<CdpErrorCode> = [
  'BAD_USER_INPUT',
  'INVALID_ID',
  'INVALID_CURSOR',
  'INVALID_PAGINATION',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'QUERY_TOO_COMPLEX',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'PERSISTED_QUERY_HASH_MISMATCH',
  'PERSISTED_QUERY_VERSION_UNSUPPORTED',
  'PERSISTED_QUERY_RETIRED',
  'UNTRUSTED_DOCUMENT',
  'OPERATION_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
  'ENDPOINT_NOT_FOUND',
  'INTROSPECTION_DISABLED',
  'MAX_RECURSIVE_SELECTIONS_EXCEEDED',
  'INTERNAL_SERVER_ERROR',
];
