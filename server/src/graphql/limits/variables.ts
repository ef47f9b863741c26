import { getVariableValues, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { refusedInput } from './refusal';

/** Coercion stops after this many errors: each costs a message, and a client needs the first few. */
export const MAX_VARIABLE_ERRORS = 10;

/**
 * The path of the first list in the variables longer than `max`, if any. It
 * walks with its own stack: variables are parsed JSON, and may nest deeper
 * than the call stack would allow.
 */
export function oversizedList(variables: Record<string, unknown>, max: number): string | undefined {
  const stack: Array<[unknown, string]> = Object.entries(variables).map(([name, value]) => [value, `$${name}`]);
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (Array.isArray(value)) {
      if (value.length > max) return path;
      value.forEach((item, i) => stack.push([item, `${path}[${i}]`]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) stack.push([item, `${path}.${key}`]);
    }
  }
  return undefined;
}

/**
 * Refuses variables with an oversized list before anything coerces them,
 * then coerces them with graphql-js's error cap. Execution coerces them
 * again; this makes sure the cost estimate never meets invalid ones.
 */
export function checkVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  maxListItems: number,
): void {
  const path = oversizedList(variables, maxListItems);
  if (path) {
    throw refusedInput(`The variable ${path} is a list of more than ${maxListItems} items.`, { maxItems: maxListItems });
  }
  const { errors } = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: MAX_VARIABLE_ERRORS });
  if (errors?.length) {
    throw refusedInput(errors[0].message, { errorCount: errors.length });
  }
}
