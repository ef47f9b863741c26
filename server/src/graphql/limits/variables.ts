import { getVariableValues, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { isUnstorable } from '../input/text';
import { refusedInput, unstorableText } from './refusal';

/** Coercion stops after this many errors: each costs a message, and a client needs the first few. */
export const MAX_VARIABLE_ERRORS = 10;

/** What a walk of the variables found first: a list over the bound, or a string no database can store. */
type VariableProblem = { kind: 'oversizedList'; path: string } | { kind: 'unstorableText'; path: string };

/**
 * The first problem of the variables, if any. It walks with its own stack:
 * variables are parsed JSON, and may nest deeper than the call stack would
 * allow.
 */
export function variableProblem(variables: Record<string, unknown>, maxListItems: number): VariableProblem | undefined {
  const stack: Array<[unknown, string]> = Object.entries(variables).map(([name, value]) => [value, `$${name}`]);
  while (stack.length) {
    const [value, path] = stack.pop()!;
    if (typeof value === 'string') {
      if (isUnstorable(value)) return { kind: 'unstorableText', path };
    } else if (Array.isArray(value)) {
      if (value.length > maxListItems) return { kind: 'oversizedList', path };
      value.forEach((item, i) => stack.push([item, `${path}[${i}]`]));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) stack.push([item, `${path}.${key}`]);
    }
  }
  return undefined;
}

/**
 * Refuses variables with an oversized list or a string that no database
 * stores as sent (NUL, a lone surrogate) before anything coerces them or
 * any SQL runs, then coerces them with graphql-js's error cap. Execution
 * coerces them again; this makes sure the cost estimate never meets invalid
 * ones.
 */
export function checkVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  maxListItems: number,
): void {
  const problem = variableProblem(variables, maxListItems);
  if (problem?.kind === 'oversizedList') {
    throw refusedInput(`The variable ${problem.path} is a list of more than ${maxListItems} items.`, { maxItems: maxListItems });
  }
  if (problem?.kind === 'unstorableText') throw unstorableText(`The variable ${problem.path}`);
  const { errors } = getVariableValues(schema, operation.variableDefinitions ?? [], variables, { maxErrors: MAX_VARIABLE_ERRORS });
  if (errors?.length) {
    throw refusedInput(errors[0].message, { errorCount: errors.length });
  }
}
