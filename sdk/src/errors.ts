/** One entry of a GraphQL response's `errors`. */
export interface CdpGraphQLErrorEntry {
  readonly message: string;
  readonly path?: ReadonlyArray<string | number>;
  readonly locations?: ReadonlyArray<{ readonly line: number; readonly column: number }>;
  readonly extensions?: { readonly code?: string; readonly requestId?: string; readonly [key: string]: unknown };
}

/** Base class of every error the SDK throws; `instanceof CdpError` catches them all. */
export abstract class CdpError extends Error {
  /** HTTP status of the response, when one arrived. */
  abstract readonly status: number | undefined;
  /** Server request id (`X-Request-Id`); quote it when reporting a problem. */
  abstract readonly requestId: string | undefined;
}

/**
 * The server answered with GraphQL errors. `code` is the first error's
 * `extensions.code` (e.g. INVALID_ID, INVALID_PAGINATION, UNAUTHENTICATED,
 * QUERY_TOO_COMPLEX); `data` holds whatever part of the result was resolved.
 */
export class CdpGraphQLError<TData = unknown> extends CdpError {
  readonly code: string | undefined;

  constructor(
    readonly errors: ReadonlyArray<CdpGraphQLErrorEntry>,
    readonly data: TData | null,
    readonly status: number | undefined,
    readonly requestId: string | undefined,
  ) {
    super(errors.map((e) => e.message).join('; ') || 'GraphQL request failed');
    this.name = 'CdpGraphQLError';
    this.code = errors.find((e) => typeof e.extensions?.code === 'string')?.extensions?.code;
  }

  /** Whether any of the errors carries this code. */
  hasCode(code: string): boolean {
    return this.errors.some((e) => e.extensions?.code === code);
  }
}

/**
 * No usable GraphQL response: the server was unreachable, the call was
 * aborted, the response was not GraphQL JSON, or an HTTP error (such as 429
 * or 503 once retries ran out) came without GraphQL errors.
 */
export type CdpNetworkFailure = 'unreachable' | 'aborted' | 'http-status' | 'invalid-response';

export class CdpNetworkError extends CdpError {
  constructor(
    readonly reason: CdpNetworkFailure,
    message: string,
    readonly status: number | undefined,
    readonly requestId: string | undefined,
    /** The server's Retry-After, in milliseconds, when it sent one. */
    readonly retryAfterMs: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CdpNetworkError';
  }
}
