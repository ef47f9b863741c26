import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { EXAMPLE_OPERATIONS, type ExampleOperation } from '../../server/src/playground/example-operations';
import type { GraphQLResponse, TestServer } from './server';

/** The operations of an example's document, in order (a tab may hold a look-up and then the mutation it feeds). */
export function operationsOf(example: ExampleOperation): OperationDefinitionNode[] {
  return parse(example.query).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
}

/** [tab, operation name, example] for every operation of every tab, for it.each. */
export const EXAMPLE_OPERATION_NAMES = EXAMPLE_OPERATIONS.flatMap((example) =>
  operationsOf(example).map((operation) => [example.name, operation.name!.value, example] as const),
);

export const example = (name: string): ExampleOperation => EXAMPLE_OPERATIONS.find((op) => op.name === name)!;

/**
 * Runs one operation of an example over HTTP as GraphiQL sends it (the whole
 * document, the operation's name and the variables), with the token of the
 * tab's demo user pasted in the headers, or anonymously when it names none.
 */
export async function runExample(
  server: TestServer,
  tab: ExampleOperation,
  operationName: string,
  variables: Record<string, unknown> | undefined = tab.variables,
): Promise<GraphQLResponse> {
  const token = tab.role ? (await server.as(tab.role)).token : null;
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query: tab.query, operationName, variables }),
  });
  return (await res.json()) as GraphQLResponse;
}
