/**
 * @cdp-hub/sdk: client for the CDP Hub GraphQL API.
 *
 * This first version sends a GraphQL document and turns GraphQL errors into a
 * typed exception. Typed operations generated from schema.graphql come next.
 */

export interface CdpErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; requestId?: string; [key: string]: unknown };
}

/** A response that carried GraphQL errors; `code` is the first error's `extensions.code`. */
export class CdpGraphQLError extends Error {
  readonly code: string | undefined;

  constructor(
    readonly errors: CdpErrorEntry[],
    readonly data: unknown,
  ) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'CdpGraphQLError';
    this.code = errors[0]?.extensions?.code;
  }
}

export interface RequestOptions {
  url: string;
  fetch?: typeof fetch;
  headers?: Record<string, string>;
}

/** POSTs one operation and returns its data, or throws CdpGraphQLError. */
export async function graphqlRequest<TData, TVariables extends Record<string, unknown> = Record<string, never>>(
  options: RequestOptions,
  query: string,
  variables?: TVariables,
): Promise<TData> {
  const send = options.fetch ?? fetch;
  const response = await send(options.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: TData; errors?: CdpErrorEntry[] };
  if (body.errors?.length) throw new CdpGraphQLError(body.errors, body.data ?? null);
  return body.data as TData;
}
