/** One GraphQL request over HTTP, as the load generator sends it. */
export interface GraphQLRequest {
  /** Absent when the document goes by its persisted-query hash alone. */
  query?: string;
  variables?: Record<string, unknown>;
  extensions?: { persistedQuery: { version: 1; sha256Hash: string } };
}

export async function postGraphQL(url: string, request: GraphQLRequest): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  return { status: response.status, text: await response.text() };
}
