import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { EMAIL_RULE_TEXT, isEmailAddress } from '../input/email-address';

function checked(value: unknown): string {
  if (!isEmailAddress(value)) throw new GraphQLError(`The value is not ${EMAIL_RULE_TEXT}.`);
  return value;
}

/**
 * E-mail addresses as CDP Hub returns them. It checks what it returns with
 * the same definition the input rules accept (isEmailAddress), so any
 * address the API stored, it can return.
 */
export const EmailAddressScalar = new GraphQLScalarType({
  name: 'EmailAddress',
  description: `Answered in lower case; ${EMAIL_RULE_TEXT}. It is the HTML standard's valid e-mail address, so a form's <input type="email"> and the API agree; e-mail inputs accept exactly these (INVALID_VALUE otherwise).`,
  specifiedByURL: 'https://html.spec.whatwg.org/multipage/input.html#valid-e-mail-address',
  serialize: checked,
  parseValue: checked,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('An e-mail address is a string.', { nodes: ast });
    return checked(ast.value);
  },
  extensions: { codegenScalarType: 'string' },
});
