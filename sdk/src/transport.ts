import { CdpGraphQLError, CdpNetworkError, type CdpGraphQLErrorEntry } from './errors.js';
import { persistedHashOf, persistedQueryExtension } from './persisted.js';
import { parseRetryAfter, retryDelay, retryPolicy, type RetryOptions } from './retry.js';

/**
 * The platform's AbortSignal where its types are loaded (DOM or @types/node),
 * else the little the SDK reads of one; either way the SDK's types need neither.
 */
export type PlatformAbortSignal = typeof globalThis extends { AbortSignal: { prototype: infer S } } ? S : AbortSignalLike;

/** What the client passes to fetch: a subset of RequestInit. */
export interface FetchInit {
  method: string;
  headers: Record<string, string>;
  body: string;
  signal?: PlatformAbortSignal;
}

/** The part of the Fetch API the client uses; the global `fetch` of browsers and Node 18+ fits, and so does a wrapper around it. */
export type FetchLike = (url: string, init: FetchInit) => Promise<ResponseLike>;

export interface ResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** An AbortSignal (kept structural so the SDK's types need no DOM library). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener?(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener?(type: 'abort', listener: () => void): void;
}

export type TokenSource = () => string | null | undefined | Promise<string | null | undefined>;

export interface CdpClientOptions {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  readonly url: string | { toString(): string };
  /** Bearer token sent as `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Called before every request, for tokens that change (refresh, sign-out); null sends none. Its errors pass through unchanged. */
  readonly getToken?: TokenSource;
  /** Fetch implementation; the global `fetch` when omitted. */
  readonly fetch?: FetchLike;
  /** Headers added to every request (names are case-insensitive; these override the defaults and the token). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Retries of 429/503 responses, honouring Retry-After; off unless set. */
  readonly retry?: RetryOptions | boolean;
  /**
   * Sends each operation by the sha256 of its text alone (Apollo's persisted
   * query protocol), and the text with it only when the server does not know
   * the hash: smaller requests, and the only way to run anything on a server
   * that accepts its trusted documents alone. On unless `false`, which always
   * sends the full text.
   */
  readonly persistedQueries?: boolean;
}

/** Per-call options: the last argument of every generated method. */
export interface CallOptions {
  /** Cancels the call, including a wait between retries. */
  readonly signal?: PlatformAbortSignal;
  /** Headers for this call only; they override the client's. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface OutgoingOperation {
  readonly query: string;
  readonly variables: unknown;
  readonly operationName?: string;
}

export type Send = (operation: OutgoingOperation, options?: CallOptions) => Promise<unknown>;

interface GraphQLBody {
  data?: unknown;
  errors?: unknown;
}

const lowerCaseKeys = (headers: Readonly<Record<string, string>> | undefined) =>
  Object.fromEntries(Object.entries(headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));

function parseBody(text: string): GraphQLBody | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' ? (parsed as GraphQLBody) : undefined;
  } catch {
    return undefined;
  }
}

/** The well-formed entries of a response's `errors`, or undefined when it has none. */
function graphQLErrors(body: GraphQLBody | undefined): CdpGraphQLErrorEntry[] | undefined {
  if (!body || !Array.isArray(body.errors) || body.errors.length === 0) return undefined;
  return body.errors.map((entry: unknown) =>
    entry !== null && typeof entry === 'object' && typeof (entry as CdpGraphQLErrorEntry).message === 'string'
      ? (entry as CdpGraphQLErrorEntry)
      : { message: `Malformed GraphQL error: ${JSON.stringify(entry)}` },
  );
}

const abortedError = (cause?: unknown) =>
  new CdpNetworkError('aborted', 'The request was aborted', undefined, undefined, undefined, { cause });

/** Waits, unless the signal fires first; then throws the aborted error. */
function pause(ms: number, signal: AbortSignalLike | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener?.('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener?.('abort', onAbort, { once: true });
  });
}

/** POSTs operations to the endpoint and turns every outcome into data or a typed error. */
export function createTransport(options: CdpClientOptions): Send {
  const url = String(options.url);
  const policy = retryPolicy(options.retry);
  const givenFetch = options.fetch ?? (globalThis as { fetch?: FetchLike }).fetch;
  if (!givenFetch) throw new TypeError('No fetch implementation: pass `fetch` to createCdpClient');
  const fetchImpl: FetchLike = givenFetch;
  if (options.token !== undefined && options.getToken) throw new TypeError('Pass either `token` or `getToken`, not both');
  const clientHeaders = lowerCaseKeys(options.headers);

  const headersFor = async (call?: CallOptions): Promise<Record<string, string>> => {
    const token = options.getToken ? await options.getToken() : options.token;
    return {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...clientHeaders,
      ...lowerCaseKeys(call?.headers),
    };
  };

  // Sending and reading the body both fail the same way: no usable answer.
  const unreachable = (cause: unknown, signal: AbortSignalLike | undefined) =>
    signal?.aborted
      ? abortedError(cause)
      : new CdpNetworkError('unreachable', `Could not reach ${url}: ${(cause as Error)?.message ?? cause}`, undefined, undefined, undefined, { cause });

  // Off for good once the server says it has no persisted queries at all: every request would otherwise cost two.
  let persisted = options.persistedQueries !== false;

  return async (operation, call) => {
    const { query, operationName } = operation;
    const variables = operation.variables ?? {};
    const hash = persisted ? await persistedHashOf(query) : undefined;
    if (hash === undefined) return post(JSON.stringify({ query, variables, operationName }), call);
    const extensions = persistedQueryExtension(hash);
    try {
      return await post(JSON.stringify({ variables, operationName, extensions }), call);
    } catch (error) {
      if (!(error instanceof CdpGraphQLError)) throw error;
      // Unknown hash: send the text with it once (a server that accepts registrations keeps it for the next time).
      if (error.code === 'PERSISTED_QUERY_NOT_FOUND') return post(JSON.stringify({ query, variables, operationName, extensions }), call);
      if (error.code === 'PERSISTED_QUERY_NOT_SUPPORTED') {
        persisted = false;
        return post(JSON.stringify({ query, variables, operationName }), call);
      }
      throw error;
    }
  };

  /** One request body, POSTed until it gets an answer (retrying 429/503 as the policy says). */
  async function post(body: string, call: CallOptions | undefined): Promise<unknown> {
    const signal = call?.signal;
    for (let retry = 1; ; retry++) {
      if (signal?.aborted) throw abortedError();
      const headers = await headersFor(call);
      let response: ResponseLike;
      let text: string;
      try {
        response = await fetchImpl(url, { method: 'POST', headers, body, signal });
        const requestId = response.headers.get('x-request-id') ?? undefined;
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        const wait = retryDelay(policy, response.status, retry, retryAfterMs);
        if (wait !== undefined) {
          await response.text().catch(() => undefined); // frees the connection
          await pause(wait, signal);
          continue;
        }
        text = await response.text();
        return interpret(response, text, requestId, retryAfterMs);
      } catch (error) {
        if (error instanceof CdpGraphQLError || error instanceof CdpNetworkError) throw error;
        throw unreachable(error, signal);
      }
    }
  }

  function interpret(response: ResponseLike, text: string, requestId: string | undefined, retryAfterMs: number | undefined): unknown {
    const parsed = parseBody(text);
    const errors = graphQLErrors(parsed);
    if (errors) {
      const id = requestId ?? errors.find((e) => typeof e.extensions?.requestId === 'string')?.extensions?.requestId;
      throw new CdpGraphQLError(errors, parsed?.data ?? null, response.status, id);
    }
    if (response.status < 200 || response.status > 299) {
      throw new CdpNetworkError('http-status', `HTTP ${response.status} from ${url}`, response.status, requestId, retryAfterMs);
    }
    if (!parsed || parsed.data === undefined || parsed.data === null) {
      throw new CdpNetworkError('invalid-response', `The response from ${url} is not a GraphQL result`, response.status, requestId, undefined);
    }
    return parsed.data;
  }
}
