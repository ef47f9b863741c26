import { dictionary } from '@zxcvbn-ts/language-common';
import { MinLength, ValidatorConstraint, Validate, type ValidatorConstraintInterface } from 'class-validator';
import { Secret } from '../graphql/input/input-rules';
import { UserErrorCode } from '../graphql/mutations/user-error-code';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

/** zxcvbn-ts's list of ~49,000 common passwords, compared case-insensitively. */
let common: Set<string> | undefined;
export function isCommonPassword(password: string): boolean {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}

@ValidatorConstraint({ name: 'notCommonPassword' })
class NotCommonPassword implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && !isCommonPassword(value);
  }

  defaultMessage(): string {
    return 'This password is too common: it appears in lists that attackers try first.';
  }
}

/** The password policy on an input field: 12 to 128 characters, and not a common password. Passwords are taken as sent, never trimmed. */
export function IsAcceptablePassword(): PropertyDecorator {
  return (target, property) => {
    MinLength(PASSWORD_MIN_LENGTH, {
      message: `The password must have at least ${PASSWORD_MIN_LENGTH} characters.`,
      context: { code: UserErrorCode.PASSWORD_TOO_SHORT },
    })(target, property as string);
    Secret(PASSWORD_MAX_LENGTH, {
      message: `The password must have at most ${PASSWORD_MAX_LENGTH} characters.`,
      code: UserErrorCode.PASSWORD_TOO_LONG,
    })(target, property);
    Validate(NotCommonPassword, { context: { code: UserErrorCode.PASSWORD_TOO_COMMON } })(target, property as string);
  };
}
