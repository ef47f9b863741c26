import { validate, type ValidationError } from 'class-validator';
import { AppError } from '../errors';
import type { UserErrorCode } from '../mutations/user-error-code';
import { normaliseInput } from './input-rules';

/** One broken rule of an input: where (property path), what to tell people, and the rule's own user error code if it has one. */
export interface InputFailure {
  path: string[];
  message: string;
  code?: UserErrorCode;
}

function failures(errors: ValidationError[], path: string[] = []): InputFailure[] {
  return errors.flatMap((error) => {
    const field = [...path, error.property];
    const own = Object.entries(error.constraints ?? {}).map(([name, message]) => ({
      path: field,
      message,
      code: (error.contexts?.[name] as { code?: UserErrorCode } | undefined)?.code,
    }));
    return [...own, ...failures(error.children ?? [], field)];
  });
}

/**
 * Normalises an input object in place (see normaliseInput), then checks it
 * with class-validator: the first broken rule of each field, nested inputs
 * included. The refused value is never echoed back (it may be 50,000
 * characters).
 */
export async function normaliseAndValidate(input: object): Promise<InputFailure[]> {
  normaliseInput(input);
  return failures(await validate(input, { forbidUnknownValues: false, stopAtFirstError: true, validationError: { target: false, value: false } }));
}

/**
 * TypeGraphQL's validateFn for every argument but a mutation's `input`
 * (which runMutation answers with userErrors): filters, orderings and
 * pagination arguments are normalised and checked before the resolver runs;
 * a broken rule is BAD_USER_INPUT, and no SQL runs.
 */
export async function validateArgument(value: unknown): Promise<void> {
  if (value === null || typeof value !== 'object') return;
  for (const item of Array.isArray(value) ? value : [value]) {
    if (item === null || typeof item !== 'object') continue;
    const [first, ...more] = await normaliseAndValidate(item);
    if (first) {
      throw new AppError('BAD_USER_INPUT', `${first.path.join('.')}: ${first.message}`, { field: first.path, failureCount: more.length + 1 });
    }
  }
}
