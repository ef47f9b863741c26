import { getOperationAST, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { costEstimators } from './cost';
import { decide } from './cost-plugin';
import type { QueryLimits } from './query-limits';
import { limitValidationRules } from './validation-rules';

/**
 * Why the server would refuse a document before running it, or [] when it
 * would run it: the same token limit, validation rules and cost verdict as a
 * request. Tests hold our own operations (the SDK's, the playground's) to it.
 * A document of several operations is checked for the one named, as a
 * request with that operationName is.
 */
export function refusalsOf(
  schema: GraphQLSchema,
  source: string,
  variables: Record<string, unknown>,
  limits: QueryLimits,
  operationName?: string,
): string[] {
  let document;
  try {
    document = parse(source, { maxTokens: limits.maxTokens });
  } catch (err) {
    return [(err as Error).message];
  }
  const invalid = validate(schema, document, [...specifiedRules, ...limitValidationRules(limits)]);
  if (invalid.length) return invalid.map((e) => e.message);
  const operation = getOperationAST(document, operationName);
  if (!operation) return [operationName ? `no operation ${operationName}` : 'no single operation to run'];
  const verdict = decide(schema, limits, costEstimators(schema), operation, { document, variables, operationName });
  return 'refusal' in verdict ? [verdict.refusal.message] : [];
}
