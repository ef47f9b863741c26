import { validate, type ValidationError } from 'class-validator';
import type { RequestContext } from '../context';
import { UserErrorCode } from './user-error-code';
import { userError, UserFailure, type UserError } from './user-error';

/** class-validator errors as user errors: the decorator's `context.code` names the rule, else INVALID_VALUE. */
function validationErrors(errors: ValidationError[], path: string[] = []): UserError[] {
  return errors.flatMap((error) => {
    const field = [...path, error.property];
    const own = Object.entries(error.constraints ?? {}).map(([name, message]) => {
      const code = (error.contexts?.[name] as { code?: UserErrorCode } | undefined)?.code ?? UserErrorCode.INVALID_VALUE;
      return userError(code, message, field);
    });
    return [...own, ...validationErrors(error.children ?? [], field)];
  });
}

/**
 * The mutation pattern, for resolvers: the input is validated
 * (class-validator) before any rule runs, then the service does the work.
 * Services own their transaction (`withTransaction`), check their rules and
 * write the audit entry inside it; slow work that needs no lock, such as
 * hashing a password, happens before it. A rule that refuses throws
 * UserFailure: the transaction rolls back and the payload carries the
 * errors. Authorization has already happened in the policy layer.
 */
export async function runMutation<I extends object, P extends { userErrors: UserError[] }>(
  ctx: RequestContext,
  input: I,
  work: (ctx: RequestContext, input: I) => Promise<Omit<P, 'userErrors'>>,
  empty: Omit<P, 'userErrors'>,
): Promise<P> {
  const invalid = validationErrors(await validate(input, { forbidUnknownValues: false, stopAtFirstError: true }));
  if (invalid.length) return { ...empty, userErrors: invalid } as P;
  try {
    const result = await work(ctx, input);
    return { ...result, userErrors: [] } as unknown as P;
  } catch (err) {
    if (err instanceof UserFailure) return { ...empty, ...err.payload, userErrors: err.errors } as P;
    throw err;
  }
}
