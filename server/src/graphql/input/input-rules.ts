import { IsOptional, MaxLength, ValidateBy, type ValidationArguments } from 'class-validator';
import type { UserErrorCode } from '../mutations/user-error-code';
import { EMAIL_MAX_LENGTH, EMAIL_RULE_TEXT, isEmailAddress, normaliseEmailAddress } from './email-address';
import { normaliseText, textProblem } from './text';
import { DATE_RANGE_TEXT, isDateInRange } from './date-range';

/**
 * The rule of every text, e-mail, secret and date field of an input type.
 * Each field's decorator records its rule here and attaches its
 * class-validator checks; `normaliseInput` applies the recorded
 * normalisation before validation. The schema walk
 * (tests/unit/input-rules.test.ts) fails when a String, Date, DateTime or URL
 * input field has no rule, so none ships unchecked.
 */
export type InputRule =
  | { kind: 'text'; min: number; max: number; multiline: boolean; each: boolean }
  /** `lookup`: only compared with stored addresses, so its form is not checked. */
  | { kind: 'email'; lookup: boolean }
  /** Compared as sent, never stored as text (passwords): bounded, not normalised. */
  | { kind: 'secret'; max: number }
  /** Looked up as sent (IDs, cursors, serials, codes): bounded, not normalised. */
  | { kind: 'reference'; max: number; each: boolean }
  | { kind: 'date' }
  | { kind: 'url'; max: number };

const rules = new Map<object, Map<string, InputRule>>();

function record(target: object, property: string | symbol, rule: InputRule): void {
  let own = rules.get(target);
  if (!own) rules.set(target, (own = new Map()));
  own.set(String(property), rule);
}

/** The rule of a field of an input class, inherited ones included. */
export function inputRuleOf(inputClass: Function, property: string): InputRule | undefined {
  for (let proto = inputClass.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const rule = rules.get(proto)?.get(property);
    if (rule) return rule;
  }
  return undefined;
}

/** "fullName" as people say it: "full name". */
const words = (property: string) => property.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

const apply =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };

export interface TextOptions {
  /** Most code points, the unit the column counts. */
  max: number;
  /** Fewest code points after trimming; 1 (not blank) by default, 0 lets an empty value through (the service decides what it means). */
  min?: number;
  /** Tab and line breaks allowed (abstracts, motivations, descriptions). */
  multiline?: boolean;
  /** The field may be null or left out. */
  optional?: boolean;
  /** The rule applies to each item of a list. */
  each?: boolean;
  /** What to tell people when the value is blank, e.g. "Enter a title." */
  blankMessage?: string;
  /** The user error code when the rule fails; INVALID_VALUE by default. */
  code?: UserErrorCode;
}

/**
 * A text field: normalised (NFC, trimmed), then checked for control
 * characters (tab and line breaks only where multiline) and for its length
 * in code points.
 */
export function Text(options: TextOptions): PropertyDecorator {
  const rule = { kind: 'text', min: options.min ?? 1, max: options.max, multiline: options.multiline ?? false, each: options.each ?? false } as const;
  const message = (args?: ValidationArguments) => {
    const problem = typeof args?.value === 'string' ? textProblem(args.value, rule) : 'is not text';
    if (problem === 'is blank' && options.blankMessage) return options.blankMessage;
    return `${rule.each ? 'One of the' : 'The'} ${words(args?.property ?? 'text')} ${problem ?? 'is invalid'}.`;
  };
  return apply(
    (target, key) => record(target, key, rule),
    ...(options.optional ? [IsOptional()] : []),
    ValidateBy(
      { name: 'text', validator: { validate: (value: unknown) => typeof value === 'string' && !textProblem(value, rule), defaultMessage: message } },
      { each: rule.each, context: options.code ? { code: options.code } : undefined },
    ),
  );
}

/**
 * An e-mail address (see email-address.ts): trimmed and lower-cased, then
 * checked. `lookup`: only compared with stored addresses (sign-in), so its
 * form is not checked (an unknown address is answered like a wrong one).
 */
export function Email(options: { optional?: boolean; lookup?: boolean } = {}): PropertyDecorator {
  const form = options.lookup
    ? MaxLength(EMAIL_MAX_LENGTH, { message: `The e-mail has more than ${EMAIL_MAX_LENGTH} characters.` })
    : ValidateBy({ name: 'email', validator: { validate: isEmailAddress, defaultMessage: () => `Enter ${EMAIL_RULE_TEXT}.` } });
  return apply((target, key) => record(target, key, { kind: 'email', lookup: options.lookup ?? false }), ...(options.optional ? [IsOptional()] : []), form);
}

/** A password: taken exactly as sent (no trimming), at most `max` characters. */
export function Secret(max: number, options: { message?: string; code?: UserErrorCode } = {}): PropertyDecorator {
  return apply(
    (target, key) => record(target, key, { kind: 'secret', max }),
    MaxLength(max, {
      message: options.message ?? `The value has more than ${max} characters.`,
      context: options.code ? { code: options.code } : undefined,
    }),
  );
}

/** A value looked up as sent (a global ID, a cursor, a serial, a code): bounded so no oversized value reaches SQL. */
export function Reference(max: number, options: { optional?: boolean; each?: boolean } = {}): PropertyDecorator {
  return apply(
    (target, key) => record(target, key, { kind: 'reference', max, each: options.each ?? false }),
    ...(options.optional ? [IsOptional()] : []),
    MaxLength(max, { each: options.each, message: `The value has more than ${max} characters.` }),
  );
}

/** A Date or DateTime within the range both databases store (see date-range.ts). */
export function InDateRange(options: { optional?: boolean } = {}): PropertyDecorator {
  return apply(
    (target, key) => record(target, key, { kind: 'date' }),
    ...(options.optional ? [IsOptional()] : []),
    ValidateBy({ name: 'dateRange', validator: { validate: isDateInRange, defaultMessage: (args?: ValidationArguments) => `The ${words(args?.property ?? 'date')} must be ${DATE_RANGE_TEXT}.` } }),
  );
}

/** A URL whose `href` is checked by `validate`, at most `max` characters. */
export function Url(max: number, validate: (url: URL) => boolean, message: string): PropertyDecorator {
  return apply(
    (target, key) => record(target, key, { kind: 'url', max }),
    ValidateBy({
      name: 'url',
      validator: { validate: (value: unknown) => value instanceof URL && value.href.length <= max && validate(value), defaultMessage: () => message },
    }),
  );
}

function normalised(rule: InputRule, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (rule.kind === 'text') return normaliseText(value);
  if (rule.kind === 'email') return normaliseEmailAddress(value);
  return value;
}

/**
 * Normalises an input object in place, nested inputs included: text as
 * stored (NFC, trimmed), e-mail addresses lower-cased. Runs before
 * validation, so the bounds are checked on what will be stored.
 */
export function normaliseInput(input: unknown): void {
  if (Array.isArray(input)) {
    input.forEach(normaliseInput);
    return;
  }
  if (input === null || typeof input !== 'object' || input instanceof Date || input instanceof URL) return;
  const fields = input as Record<string, unknown>;
  for (const [property, value] of Object.entries(fields)) {
    const rule = inputRuleOf(input.constructor, property);
    if (rule) fields[property] = Array.isArray(value) ? value.map((item) => normalised(rule, item)) : normalised(rule, value);
    else normaliseInput(value);
  }
}
