import type { GraphQLResponse } from './server';

/** The payload of a mutation that must have answered (no GraphQL error). */
export function payloadOf(result: GraphQLResponse, mutation: string): any {
  expect(result.errors).toBeUndefined();
  return result.data![mutation];
}

/** [code, field] of each user error, after checking that the payload's objects are null: what a refused mutation answers. */
export function refusal(result: GraphQLResponse, mutation: string): Array<[string, string[] | null]> {
  const payload = payloadOf(result, mutation);
  for (const [key, value] of Object.entries(payload)) if (key !== 'userErrors') expect({ [key]: value }).toEqual({ [key]: null });
  return (payload.userErrors as Array<{ code: string; field: string[] | null }>).map((e) => [e.code, e.field]);
}

/** The extensions.code of the first GraphQL error, e.g. FORBIDDEN. */
export const topLevelCode = (result: GraphQLResponse): string | undefined => result.errors?.[0]?.extensions?.code;
