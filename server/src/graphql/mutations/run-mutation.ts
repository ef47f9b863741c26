import type { RequestContext } from '../context';
import { normaliseAndValidate } from '../input/validate-input';
import { UserErrorCode } from './user-error-code';
import { userError, UserFailure, type UserError } from './user-error';

/**
 * The mutation pattern, for resolvers: the input is normalised and
 * validated (class-validator; failures become userErrors with the field's
 * path, and the decorator's `context.code` or INVALID_VALUE) before any rule
 * runs, then the service does the work. Services own their transaction
 * (`withTransaction`), check their rules and write the audit entry inside
 * it; slow work that needs no lock, such as hashing a password, happens
 * before it. A rule that refuses throws UserFailure: the transaction rolls
 * back and the payload carries the errors. Authorization has already
 * happened in the policy layer.
 */
export async function runMutation<I extends object, P extends { userErrors: UserError[] }>(
  ctx: RequestContext,
  input: I,
  work: (ctx: RequestContext, input: I) => Promise<Omit<P, 'userErrors'>>,
  empty: Omit<P, 'userErrors'>,
): Promise<P> {
  const invalid = await normaliseAndValidate(input);
  if (invalid.length) {
    return { ...empty, userErrors: invalid.map((f) => userError(f.code ?? UserErrorCode.INVALID_VALUE, f.message, f.path)) } as P;
  }
  try {
    const result = await work(ctx, input);
    return { ...result, userErrors: [] } as unknown as P;
  } catch (err) {
    if (err instanceof UserFailure) return { ...empty, ...err.payload, userErrors: err.errors } as P;
    throw err;
  }
}
