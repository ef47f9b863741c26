import { Field, ObjectType } from 'type-graphql';
import { UserErrorCode } from './user-error-code';

@ObjectType('UserError', {
  description:
    'A validation or business-rule failure of a mutation. The mutation changed nothing when it returns any; authentication and authorization failures are GraphQL errors instead.',
})
export class UserError {
  @Field(() => UserErrorCode, { description: 'Which rule failed; stable, for programs.' })
  code: UserErrorCode;

  @Field(() => [String], {
    nullable: true,
    description: 'Path of the offending input field from the argument, e.g. ["input", "email"]; null when no single field is at fault.',
  })
  field: string[] | null;

  @Field(() => String, { description: 'What went wrong, in English, for people.' })
  message: string;
}

/**
 * Thrown by a service when a rule refuses the request. The transaction seam
 * rolls back, and the mutation answers the errors in `userErrors`.
 */
export class UserFailure extends Error {
  constructor(
    readonly errors: UserError[],
    /** Payload fields that explain the refusal, e.g. LoginPayload.retryAfterSeconds. */
    readonly payload: Record<string, unknown> = {},
  ) {
    super(errors.map((e) => e.message).join(' '));
    this.name = 'UserFailure';
  }
}

/** One user error; `field` is relative to the mutation's `input` argument. */
export function userError(code: UserErrorCode, message: string, field?: string | string[]): UserError {
  const path = field === undefined ? null : ['input', ...(Array.isArray(field) ? field : [field])];
  return Object.assign(new UserError(), { code, field: path, message });
}

/** Refuses the mutation with one error. */
export function fail(code: UserErrorCode, message: string, field?: string | string[]): never {
  throw new UserFailure([userError(code, message, field)]);
}
