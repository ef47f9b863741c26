/**
 * What CDP Hub accepts as text, in one place. Text is stored as given after
 * normalisation, so what a client reads back is what it sent, normalised:
 * trimmed of leading and trailing white space and in Unicode NFC.
 */

/** Code points that neither database can store as sent: NUL (PostgreSQL refuses it) and lone UTF-16 surrogates (both turn them into U+FFFD). */
const UNSTORABLE = /\u0000|\p{Cs}/u;
/** Control characters, and line and paragraph separators, which have no place in a one-line value such as a name. */
const NOT_IN_A_LINE = /[\p{Cc}\u2028\u2029]/u;
/** Control characters other than tab, line feed and carriage return, in text of several lines. */
const NOT_IN_PARAGRAPHS = /[^\P{Cc}\t\n\r]|[\u2028\u2029]/u;

/** True when a string holds a code point that no database stores faithfully; refused before any SQL runs. */
export const isUnstorable = (text: string): boolean => UNSTORABLE.test(text);

/** The text as CDP Hub stores it: NFC, without leading or trailing white space. */
export const normaliseText = (text: string): string => text.normalize('NFC').trim();

/**
 * Length in code points, the unit PostgreSQL's varchar(n) counts. A string's
 * `length` counts UTF-16 units, and validator.js's isLength discounts
 * variation selectors: neither is what the column holds.
 */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** Why a (normalised) text breaks the form of its field, or undefined when it is fine. */
export function textProblem(text: string, rule: { min: number; max: number; multiline: boolean }): string | undefined {
  if (isUnstorable(text)) return 'contains a NUL character or a lone surrogate, which cannot be stored';
  if ((rule.multiline ? NOT_IN_PARAGRAPHS : NOT_IN_A_LINE).test(text)) {
    return rule.multiline ? 'contains a control character other than tab and line break' : 'contains a control character or line break';
  }
  const length = codePointLength(text);
  if (length < rule.min) return rule.min === 1 ? 'is blank' : `has fewer than ${rule.min} characters`;
  if (length > rule.max) return `has more than ${rule.max} characters`;
  return undefined;
}
