import { CdpGraphQLError, CdpNetworkError, type CdpGraphQLErrorEntry } from './errors.js';
import { parseRetryAfter, retryDelay, retryPolicy, type RetryOptions } from './retry.js';

/** The part of the Fetch API the client uses; the global `fetch` of browsers and Node 18+ fits. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignalLike },
) => Promise<ResponseLike>;

export interface ResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** An AbortSignal (kept structural so the SDK's types need no DOM library). */
export interface AbortSignalLike {
  readonly aborted: boolean;
}

export type TokenSource = () => string | null | undefined | Promise<string | null | undefined>;

export interface CdpClientOptions {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  readonly url: string | { toString(): string };
  /** Bearer token sent as `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Called before every request, for tokens that change (refresh, sign-out); null sends none. */
  readonly getToken?: TokenSource;
  /** Fetch implementation; the global `fetch` when omitted. */
  readonly fetch?: FetchLike;
  /** Headers added to every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Retries of 429/503 responses, honouring Retry-After; off unless set. */
  readonly retry?: RetryOptions | boolean;
}

/** Per-call options: the last argument of every generated method. */
export interface CallOptions {
  readonly signal?: AbortSignalLike;
  readonly headers?: Readonly<Record<string, string>>;
}

interface GraphQLBody {
  data?: unknown;
  errors?: CdpGraphQLErrorEntry[];
}

export type Send = (query: string, variables: unknown, options?: CallOptions) => Promise<unknown>;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function parseBody(text: string): GraphQLBody | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed !== null && typeof parsed === 'object' ? (parsed as GraphQLBody) : undefined;
  } catch {
    return undefined;
  }
}

/** POSTs operations to the endpoint and turns every outcome into data or a typed error. */
export function createTransport(options: CdpClientOptions): Send {
  const url = String(options.url);
  const policy = retryPolicy(options.retry);
  const fetchImpl = options.fetch ?? (globalThis as { fetch?: FetchLike }).fetch;
  if (!fetchImpl) throw new TypeError('No fetch implementation: pass `fetch` to createCdpClient');
  if (options.token !== undefined && options.getToken) throw new TypeError('Pass either `token` or `getToken`, not both');

  const headersFor = async (call?: CallOptions): Promise<Record<string, string>> => {
    const token = options.getToken ? await options.getToken() : options.token;
    return {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...options.headers,
      ...call?.headers,
    };
  };

  const attempt = async (body: string, call?: CallOptions) => {
    try {
      return await fetchImpl(url, { method: 'POST', headers: await headersFor(call), body, signal: call?.signal });
    } catch (cause) {
      const aborted = call?.signal?.aborted === true;
      throw new CdpNetworkError(
        aborted ? 'aborted' : 'unreachable',
        aborted ? 'The request was aborted' : `Could not reach ${url}: ${(cause as Error)?.message ?? cause}`,
        undefined,
        undefined,
        undefined,
        { cause },
      );
    }
  };

  return async (query, variables, call) => {
    const body = JSON.stringify({ query, variables: variables ?? {} });
    for (let retry = 1; ; retry++) {
      const response = await attempt(body, call);
      const requestId = response.headers.get('x-request-id') ?? undefined;
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      const wait = call?.signal?.aborted ? undefined : retryDelay(policy, response.status, retry, retryAfterMs);
      if (wait !== undefined) {
        await sleep(wait);
        continue;
      }

      const text = await response.text();
      const parsed = parseBody(text);
      if (parsed?.errors?.length) {
        const id = requestId ?? parsed.errors.find((e) => e.extensions?.requestId)?.extensions?.requestId;
        throw new CdpGraphQLError(parsed.errors, parsed.data ?? null, response.status, id);
      }
      if (response.status < 200 || response.status > 299) {
        throw new CdpNetworkError('http-status', `HTTP ${response.status} from ${url}`, response.status, requestId, retryAfterMs);
      }
      if (!parsed || parsed.data === undefined || parsed.data === null) {
        throw new CdpNetworkError('invalid-response', `The response from ${url} is not a GraphQL result`, response.status, requestId, undefined);
      }
      return parsed.data;
    }
  };
}
