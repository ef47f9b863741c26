import fc from 'fast-check';
import { isEnumType } from 'graphql';
import { isDateInRange } from '../../../server/src/graphql/input/date-range';
import { isEmailAddress, normaliseEmailAddress } from '../../../server/src/graphql/input/email-address';
import { isUnstorable, normaliseText, textProblem } from '../../../server/src/graphql/input/text';
import { toGlobalId } from '../../../server/src/graphql/relay/global-id';
import { DateScalar, DateTimeScalar } from '../../../server/src/graphql/scalars/dates';
import type { InputLeaf } from './input-fields';

/**
 * Generated values for every kind of input, and what the server's declared
 * rules say of each: whether its form is acceptable, and what is stored
 * (the documented normalisation) when it is.
 */

/** Code points that test the edges: NUL and other controls, lone surrogates, separators, padding, combining marks, every plane. */
const AWKWARD = [
  '\u0000', '\u0001', '\u0007', '\u001b', '\u007f', '\u0085', '\u009f', '\t', '\n', '\r', '\u2028', '\u2029',
  '\uD800', '\uDBFF', '\uDC00', '\uDFFF', ' ', '\u00a0', '\u2003', '\u3000', '\u200b', '\u200d', '\uFEFF', '\u202e',
  '\uFE0F', '\u0301', '\u0308', 'e\u0301', 'A\u030a', '\uFB00', '\uFFFD', '\uFFFE', '\uFFFF',
  '\u{1F600}', '\u{1F469}\u200d\u{1F4BB}', '\u{10000}', '\u{1D11E}', '\u{20000}', '\u{E0001}', '\u{F0000}', '\u{10FFFF}',
  'é', 'ß', 'İ', 'ﬀ', 'Ω', 'Ж', 'ქ', 'ع', '中', '%', '_', "'", '"', '\\', '<', '$1',
];

/** One code point or grapheme, from anywhere in Unicode or from the awkward ones. */
const unit = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.constantFrom(...AWKWARD) },
);

const PADDING = fc.constantFrom('', '', ' ', '   ', '\t', '\n ', '\u00a0', '\u3000 ');

/** Printable text as people type it: letters of any script, digits, punctuation, spaces between words. */
const printable = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-composite', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constant(' ') },
);

/**
 * Text whose length is near the bounds, or anywhere, padded now and then:
 * half of it printable (what a form sends), half from anywhere in Unicode
 * and the awkward code points.
 */
export function textAround(bounds: number[], maxAnywhere = 300): fc.Arbitrary<string> {
  const lengths = fc.oneof(
    fc.constantFrom(...bounds.filter((n) => n >= 0)),
    fc.integer({ min: 0, max: Math.min(maxAnywhere, Math.max(...bounds, 1)) }),
  );
  const body = lengths.chain((n) =>
    fc.oneof(
      fc.array(printable, { minLength: n, maxLength: n }).map((units) => units.join('')),
      fc.array(unit, { minLength: n, maxLength: n }).map((units) => units.join('')),
      // One repeated unit: 150 × "a\uFE0F" has 300 code points in 150 graphemes.
      fc.tuple(unit, fc.constant(n)).map(([u, count]) => u.repeat(count)),
    ),
  );
  return fc.tuple(PADDING, body, PADDING).map(([before, text, after]) => before + text + after);
}

const boundsOf = (rule: { min: number; max: number }) => [0, 1, rule.min - 1, rule.min, rule.min + 1, rule.max - 1, rule.max, rule.max + 1, rule.max + 3];

export const emailValues: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.emailAddress() },
  fc.emailAddress().map((e) => ` ${e.toUpperCase()} `),
  fc.tuple(fc.emailAddress(), fc.constantFrom(...AWKWARD)).map(([e, c]) => e.replace('@', `${c}@`)),
  fc.tuple(fc.emailAddress(), fc.constantFrom(...AWKWARD)).map(([e, c]) => `${e}${c}`),
  fc.tuple(fc.emailAddress(), fc.integer({ min: 50, max: 300 })).map(([e, n]) => `${'x'.repeat(n)}${e}`),
  fc.constantFrom('josé-1@probe.example', 'rené@x.example', 'x@rené.example', 'a@b', '@x.example', 'a@', '', 'a@@b.example', 'a b@x.example'),
  textAround([0, 1, 64, 254, 255]),
);

const pad2 = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
const anyInstant = fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true });
const plausibleInstant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2032-12-31T00:00:00Z'), noInvalidDate: true });

export const dateValues: fc.Arbitrary<string> = fc.oneof(
  plausibleInstant.map(isoDay),
  anyInstant.map(isoDay),
  fc.constantFrom('0000-01-01', '1899-12-31', '1900-01-01', '2999-12-31', '3000-01-01', '9999-12-31', '2027-02-29', '2028-02-29', '2027-13-01', '2027-1-1', '', '2027-03-31T00:00:00Z'),
);

export const dateTimeValues: fc.Arbitrary<string> = fc.oneof(
  plausibleInstant.map((d) => d.toISOString()),
  anyInstant.map((d) => d.toISOString()),
  fc.tuple(plausibleInstant, fc.constantFrom('+14:00', '-12:00', '+05:30', 'Z'), fc.constantFrom('', '.1', '.123456789')).map(
    ([d, zone, fraction]) => `${d.toISOString().slice(0, 19)}${fraction}${zone}`,
  ),
  fc.constantFrom('0000-01-01T00:00:00Z', '1899-12-31T23:59:59.999Z', '1900-01-01T00:00:00Z', '2999-12-31T23:59:59.999Z', '3000-01-01T00:00:00Z', '2999-12-31T23:30:00-01:00', '2027-02-30T00:00:00Z', '2027-06-15'),
);

export const intValues: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -2147483648, max: 2147483647 }),
  fc.integer({ min: -5, max: 60 }),
  fc.constantFrom(0, -1, 1, 5, 45, 46, 50, 51, 100, 101, 2147483647, -2147483648, 2147483648, 1e12, 1.5),
);

const NODE_TYPES = ['Cohort', 'Nomination', 'ProfessionalAssociate', 'User', 'Event', 'ResearchProject', 'Milestone', 'Administration', 'Certificate'];
export const idValues: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom(...NODE_TYPES), fc.uuid()).map(([type, uuid]) => toGlobalId(type, uuid)),
  fc.uuid(),
  textAround([0, 1, 60, 200, 201]),
);

export const urlValues: fc.Arbitrary<string> = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.integer({ min: 470, max: 530 }).map((n) => `https://reports.example/${'r'.repeat(n)}`),
  fc.constantFrom('javascript:alert(1)', 'data:text/html,x', 'ftp://x.example/a', 'https://', 'not a url', 'https://ex ample.org', 'https://例え.テスト/報告'),
);

/** Values for a field's type and rule; `near` gives plausible values (e.g. existing IDs) a share of the runs. */
export function valuesFor(leaf: InputLeaf, near?: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const one = singleValues(leaf);
  const generated = leaf.isList ? fc.oneof(fc.array(one, { maxLength: 3 }), fc.array(one, { minLength: 8, maxLength: 12 })) : one;
  const values = near ? fc.oneof(near, generated) : generated;
  return leaf.isRequired ? values : fc.oneof({ weight: 5, arbitrary: values }, { weight: 1, arbitrary: fc.constant(null) });
}

function singleValues(leaf: InputLeaf): fc.Arbitrary<unknown> {
  const rule = leaf.rule;
  if (isEnumType(leaf.named)) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...leaf.named.getValues().map((v) => v.name)) }, { weight: 1, arbitrary: textAround([0, 5]) });
  switch (leaf.named.name) {
    case 'Int':
      return intValues;
    case 'Boolean':
      return fc.oneof({ weight: 9, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom('true', 0) });
    case 'ID':
      return idValues;
    case 'Date':
      return dateValues;
    case 'DateTime':
      return dateTimeValues;
    case 'URL':
      return urlValues;
    case 'CountryCode':
      return fc.oneof(fc.constantFrom('GT', 'gt', 'RW', 'ZZ', 'XK'), textAround([0, 2, 3]));
  }
  if (rule?.kind === 'text') return textAround(boundsOf(rule), rule.max);
  if (rule?.kind === 'email') return emailValues;
  if (rule?.kind === 'secret' || rule?.kind === 'reference') return textAround([0, 1, 12, rule.max - 1, rule.max, rule.max + 1], rule.max);
  return textAround([0, 1, 10, 100]);
}

/** What the declared rule says of a value: `invalid` must be refused; `valid` must not be refused for its form. */
export interface Expectation {
  form: 'valid' | 'invalid' | 'unknown';
  /** What the API answers for the value once stored (the documented normalisation). */
  stored?: unknown;
}

const unstorableIn = (value: unknown): boolean =>
  typeof value === 'string' ? isUnstorable(value) : Array.isArray(value) ? value.some(unstorableIn) : false;

function parsed(scalar: typeof DateScalar | typeof DateTimeScalar, value: unknown): Date | undefined {
  try {
    return scalar.parseValue(value) as Date;
  } catch {
    return undefined;
  }
}

export function expectationOf(leaf: InputLeaf, value: unknown): Expectation {
  if (unstorableIn(value)) return { form: 'invalid' };
  if (value === null || value === undefined || leaf.isList) return { form: 'unknown' };
  const rule = leaf.rule;
  if (rule?.kind === 'text' && typeof value === 'string') {
    const stored = normaliseText(value);
    return { form: textProblem(stored, rule) ? 'invalid' : 'valid', stored };
  }
  if (rule?.kind === 'email' && typeof value === 'string') {
    const stored = normaliseEmailAddress(value);
    if (rule.lookup) return { form: 'unknown' };
    return { form: isEmailAddress(stored) ? 'valid' : 'invalid', stored };
  }
  if (rule?.kind === 'date' && typeof value === 'string') {
    const scalar = leaf.named.name === 'Date' ? DateScalar : DateTimeScalar;
    const date = parsed(scalar, value);
    if (!date || !isDateInRange(date)) return { form: 'invalid' };
    const answered = scalar.serialize(date);
    return { form: 'valid', stored: answered instanceof Date ? answered.toISOString() : answered };
  }
  return { form: 'unknown' };
}
