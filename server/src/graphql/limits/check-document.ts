import { getOperationAST, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { costEstimators } from './cost';
import { decide } from './cost-plugin';
import type { QueryLimits } from './query-limits';
import { limitValidationRules } from './validation-rules';

/**
 * Why the server would refuse a document before running it, or [] when it
 * would run it: the same token limit, validation rules and cost verdict as a
 * request. Tests hold our own operations (the SDK's, the playground's) to it.
 */
export function refusalsOf(schema: GraphQLSchema, source: string, variables: Record<string, unknown>, limits: QueryLimits): string[] {
  let document;
  try {
    document = parse(source, { maxTokens: limits.maxTokens });
  } catch (err) {
    return [(err as Error).message];
  }
  const invalid = validate(schema, document, [...specifiedRules, ...limitValidationRules(limits)]);
  if (invalid.length) return invalid.map((e) => e.message);
  const operation = getOperationAST(document);
  if (!operation) return ['no single operation to run'];
  const verdict = decide(schema, limits, costEstimators(schema), operation, { document, variables });
  return 'refusal' in verdict ? [verdict.refusal.message] : [];
}
