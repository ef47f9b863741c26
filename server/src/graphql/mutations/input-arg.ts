import { Arg } from 'type-graphql';

/**
 * The `input` argument of a mutation. TypeGraphQL's own validation is off
 * for it: runMutation validates with class-validator and answers failures
 * as userErrors with the field's path, instead of a top-level error.
 */
export function InputArg(type: Function, description: string, options: { nullable?: boolean } = {}) {
  return Arg('input', () => type, { validate: false, description, ...options });
}
