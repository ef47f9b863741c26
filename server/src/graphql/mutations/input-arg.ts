import { Arg } from 'type-graphql';

/** runMutation normalises and validates the input itself, answering failures as userErrors. */
const validatedByRunMutation = () => undefined;

/**
 * The `input` argument of a mutation. TypeGraphQL's validation (the schema's
 * validateFn) is replaced for it: runMutation validates with class-validator
 * and answers failures as userErrors with the field's path, instead of a
 * top-level error.
 */
export function InputArg(type: Function, description: string, options: { nullable?: boolean } = {}) {
  return Arg('input', () => type, { validateFn: validatedByRunMutation, description, ...options });
}
