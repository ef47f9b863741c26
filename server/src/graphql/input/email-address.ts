/**
 * The one definition of an e-mail address in CDP Hub, for input and output
 * alike: an address the input rules accept is one the EmailAddress scalar
 * returns, so a stored address can never make a list unreadable.
 *
 * It is the HTML standard's "valid e-mail address" (what a browser's
 * `<input type="email">` accepts, so a frontend's form and the API agree),
 * narrowed to what mail can be delivered to: at most 254 characters, a local
 * part of at most 64 (RFC 5321), and a domain with at least one dot. It is
 * ASCII: an internationalised domain is written in its `xn--` form, and a
 * local part with accents (`josé@…`) is refused, as most mail servers would.
 */
const WHATWG_EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

export const EMAIL_MAX_LENGTH = 254;
const LOCAL_PART_MAX_LENGTH = 64;

export const EMAIL_RULE_TEXT =
  'an e-mail address such as name@customs.example: ASCII letters, digits and .!#$%&\'*+/=?^_`{|}~- before the @ (at most 64), a domain with at least one dot after it (an internationalised domain in its xn-- form), at most 254 characters in all';

export function isEmailAddress(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > EMAIL_MAX_LENGTH || !WHATWG_EMAIL.test(value)) return false;
  const at = value.indexOf('@');
  return at <= LOCAL_PART_MAX_LENGTH && value.includes('.', at);
}

/** Addresses are compared and stored without case, trimmed. */
export const normaliseEmailAddress = (email: string): string => email.trim().toLowerCase();
