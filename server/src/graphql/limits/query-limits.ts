/** What one GraphQL request may ask for; each is configurable (see config.ts and the Limits table of docs/api.md). */
export interface QueryLimits {
  /** Lexical tokens in the document, counted while parsing: bounds its size and nesting before any recursion. */
  maxTokens: number;
  /** Nested field selections, fragments flattened; introspection's own nesting is not counted (it has a cost instead). */
  maxDepth: number;
  /** Aliased fields in an operation, fragments counted at each spread. */
  maxAliases: number;
  /** Directives in an operation, fragments counted at each spread. */
  maxDirectives: number;
  /** Estimated cost of an operation (see cost.ts). */
  maxCost: number;
  /** Items in any one list of the request's variables, checked before they are coerced. */
  maxVariableListItems: number;
}

/** GraphQL Armor's defaults for tokens, aliases and directives; depth and cost are what the API always allowed. */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxTokens: 1000,
  maxDepth: 12,
  maxAliases: 15,
  maxDirectives: 50,
  maxCost: 50_000,
  maxVariableListItems: 500,
};
