import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import type { QueryLimits } from './query-limits';
import { tooComplex, type LimitName } from './refusal';

/** Armor reports "Syntax Error: <what>"; the refusal keeps what was found and gets our code and limit. */
const reportAs =
  (limit: LimitName, max: number) =>
  (context: ValidationContext | null, error: GraphQLError): void =>
    context?.reportError(tooComplex(limit, max, error.message.replace(/^Syntax Error: /, '')));

/**
 * GraphQL Armor's rules for aliases, depth and directives. Each counts a
 * fragment once and reuses the count at every spread, so a fragment fan-out
 * is measured in linear time. Apollo caches validation per document, so they
 * run once per document text. Token counting is graphql-js's own (the
 * `maxTokens` parse option, see app.ts).
 */
export function limitValidationRules(limits: QueryLimits): ValidationRule[] {
  const common = { propagateOnRejection: false, exposeLimits: true };
  return [
    // Armor exempts __typename by default; 5,000 aliased __typename are still 5,000 fields to answer.
    maxAliasesRule({ ...common, n: limits.maxAliases, allowList: [], onReject: [reportAs('aliases', limits.maxAliases)] }),
    // Fragments flattened: depth counts fields, as clients read it. Introspection is priced by the cost instead.
    maxDepthRule({ ...common, n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, onReject: [reportAs('depth', limits.maxDepth)] }),
    maxDirectivesRule({ ...common, n: limits.maxDirectives, onReject: [reportAs('directives', limits.maxDirectives)] }),
  ];
}
