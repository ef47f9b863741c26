import type { CdpErrorCode } from './generated/error-codes.js';

/** One entry of a GraphQL response's `errors`, as it arrived (`code` is whatever the server sent). */
export interface CdpGraphQLErrorEntry {
  readonly message: string;
  readonly path?: ReadonlyArray<string | number>;
  readonly locations?: ReadonlyArray<{ readonly line: number; readonly column: number }>;
  readonly extensions?: { readonly code?: string; readonly requestId?: string; readonly [key: string]: unknown };
}

// Marks SDK errors, so that `instanceof` also holds across the ESM and CommonJS
// builds (an app can load both, each with its own classes).
const MARK = Symbol.for('@cdp-hub/sdk/error');

/** Base class of every error the SDK throws; `instanceof CdpError` catches them all. */
export abstract class CdpError extends Error {
  /** 'graphql' for CdpGraphQLError, 'network' for CdpNetworkError. */
  abstract readonly kind: 'graphql' | 'network';
  /** HTTP status of the response, when one arrived. */
  abstract readonly status: number | undefined;
  /** Server request id (`X-Request-Id`); quote it when reporting a problem. */
  abstract readonly requestId: string | undefined;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    Object.defineProperty(this, MARK, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    if (!(value instanceof Error) || (value as unknown as Record<symbol, unknown>)[MARK] !== true) return false;
    const wanted = (this as unknown as { KIND?: string }).KIND;
    return wanted === undefined || wanted === (value as CdpError).kind;
  }
}

/**
 * The server answered with GraphQL errors. `code` is the first
 * `extensions.code` among them (e.g. INVALID_ID, INVALID_PAGINATION, UNAUTHENTICATED,
 * QUERY_TOO_COMPLEX); `data` holds whatever part of the result was resolved.
 */
export class CdpGraphQLError<TData = unknown> extends CdpError {
  static readonly KIND = 'graphql';
  readonly kind = 'graphql';
  /**
   * One of the server's error codes, so a comparison with a misspelt or
   * retired code fails to compile. The server sends no others (it masks them
   * as INTERNAL_SERVER_ERROR); only a server newer than this SDK could.
   */
  readonly code: CdpErrorCode | undefined;

  constructor(
    readonly errors: ReadonlyArray<CdpGraphQLErrorEntry>,
    readonly data: TData | null,
    readonly status: number | undefined,
    readonly requestId: string | undefined,
  ) {
    super(errors.map((e) => e.message).join('; ') || 'GraphQL request failed');
    this.name = 'CdpGraphQLError';
    // The cast is the SDK's contract with the server it was generated from (see `code`).
    this.code = errors.find((e) => typeof e.extensions?.code === 'string')?.extensions?.code as CdpErrorCode | undefined;
  }

  /** Whether any of the errors carries this code. */
  hasCode(code: CdpErrorCode): boolean {
    return this.errors.some((e) => e.extensions?.code === code);
  }
}

/**
 * No usable GraphQL response: the server was unreachable, the call was
 * aborted, the response was not GraphQL JSON, or an HTTP error (such as 429
 * or 503 once retries ran out) came without GraphQL errors.
 */
export type CdpNetworkFailure = 'unreachable' | 'aborted' | 'http-status' | 'invalid-response' | 'socket-closed';

export class CdpNetworkError extends CdpError {
  static readonly KIND = 'network';
  readonly kind = 'network';

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

/**
 * A subscription's WebSocket closed under it. `closeCode` says why: 4403 the
 * session ended or expired (sign in again), 1013 the client read too slowly,
 * 1001 the server is shutting down; graphql-ws's own codes otherwise.
 */
export class CdpSocketClosedError extends CdpNetworkError {
  constructor(
    readonly closeCode: number,
    readonly closeReason: string,
  ) {
    super('socket-closed', `The subscription's socket closed (${closeCode}${closeReason ? `: ${closeReason}` : ''}).`, undefined, undefined, undefined);
    this.name = 'CdpSocketClosedError';
  }
}
