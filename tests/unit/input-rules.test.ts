/**
 * The input rules (issue #14): every text, e-mail, password, date and URL
 * that a client can send has a rule, so none reaches the database unchecked;
 * the rules themselves count and refuse what the findings sent.
 */
import 'reflect-metadata';
import { getNamedType, isInputObjectType, isListType, isNonNullType, isObjectType, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { isDateInRange } from '../../server/src/graphql/input/date-range';
import { isEmailAddress, normaliseEmailAddress } from '../../server/src/graphql/input/email-address';
import { inputRuleOf, type InputRule } from '../../server/src/graphql/input/input-rules';
import { codePointLength, isUnstorable, normaliseText, textProblem } from '../../server/src/graphql/input/text';
import { ConnectionArgs } from '../../server/src/graphql/relay/connection';
import { buildCdpSchema } from '../../server/src/graphql/schema';
import { EmailAddressScalar } from '../../server/src/graphql/scalars/email-address';

/** Which rules suit a field of each scalar type. */
const RULES_FOR: Record<string, Array<InputRule['kind']>> = {
  String: ['text', 'email', 'secret', 'reference'],
  Date: ['date'],
  DateTime: ['date'],
  URL: ['url'],
};

/**
 * Root arguments of a scalar type, outside any input type: they are only
 * looked up (a miss answers null or UNKNOWN_SERIAL), and the request-level
 * check refuses NUL and lone surrogates in them before any SQL runs. A new
 * one must be added here on purpose.
 */
const LOOKUP_ARGUMENTS = [
  'Query.cohort(label)',
  'Query.cohort(programmeCode)',
  'Query.programme(code)',
  'Query.programmeStatistics(programmeCode)',
  'Query.searchResearch(query)',
  'Query.verifyCertificate(serial)',
];

const isList = (type: GraphQLInputType): boolean => isListType(isNonNullType(type) ? type.ofType : type);

function inputTypeClasses(): Map<string, Function> {
  return new Map(getMetadataStorage().inputTypes.map((t) => [t.name, t.target]));
}

function problemsOfInputTypes(schema: GraphQLSchema): string[] {
  const classes = inputTypeClasses();
  const problems: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isInputObjectType(type) || type.name.startsWith('__')) continue;
    const inputClass = classes.get(type.name);
    if (!inputClass) {
      problems.push(`${type.name}: no TypeGraphQL input class`);
      continue;
    }
    for (const field of Object.values(type.getFields())) {
      const allowed = RULES_FOR[getNamedType(field.type).name];
      if (!allowed) continue;
      const rule = inputRuleOf(inputClass, field.name);
      const where = `${type.name}.${field.name}`;
      if (!rule) problems.push(`${where}: no input rule`);
      else if (!allowed.includes(rule.kind)) problems.push(`${where}: a ${rule.kind} rule on a ${getNamedType(field.type).name}`);
      else if ('each' in rule && rule.each !== isList(field.type)) problems.push(`${where}: each is ${rule.each} on ${isList(field.type) ? 'a list' : 'a single value'}`);
    }
  }
  return problems;
}

function problemsOfArguments(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      for (const arg of field.args) {
        if (!RULES_FOR[getNamedType(arg.type).name]) continue;
        const where = `${type.name}.${field.name}(${arg.name})`;
        if (['after', 'before'].includes(arg.name) && inputRuleOf(ConnectionArgs, arg.name)) continue;
        if (!LOOKUP_ARGUMENTS.includes(where)) problems.push(`${where}: a scalar argument without a rule`);
      }
    }
  }
  return problems;
}

describe('every input a client can send has a rule (a schema walk)', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildCdpSchema();
  });

  it('each String, Date, DateTime and URL field of every input type has a rule of its kind', () => {
    expect(problemsOfInputTypes(schema)).toEqual([]);
  });

  it('scalar arguments outside input types are pagination cursors (ruled) or the known lookups', () => {
    expect(problemsOfArguments(schema)).toEqual([]);
    const present = LOOKUP_ARGUMENTS.filter((where) => {
      const [, type, field, arg] = /^(\w+)\.(\w+)\((\w+)\)$/.exec(where)!;
      return (schema.getType(type) as any)?.getFields()[field]?.args.some((a: { name: string }) => a.name === arg);
    });
    expect(present).toEqual(LOOKUP_ARGUMENTS);
  });
});

describe('the rules', () => {
  it('text is normalised to NFC without surrounding white space, then counted in code points', () => {
    expect(normaliseText('  Jose\u0301\u00a0\t')).toBe('José');
    expect(codePointLength('a\uFE0F'.repeat(150))).toBe(300);
    expect(codePointLength('\u{1F600}'.repeat(200))).toBe(200);
    expect(textProblem('a\uFE0F'.repeat(150), { min: 1, max: 200, multiline: false })).toBe('has more than 200 characters');
    expect(textProblem('\u{1F600}'.repeat(200), { min: 1, max: 200, multiline: false })).toBeUndefined();
    expect(textProblem('', { min: 1, max: 200, multiline: false })).toBe('is blank');
  });

  it('one-line text refuses control characters and line breaks; text of several lines keeps tab and line breaks only', () => {
    const line = { min: 1, max: 200, multiline: false };
    const paragraphs = { ...line, multiline: true };
    for (const bad of ['a\nb', 'a\tb', 'a\u0007b', 'a\u0085b', 'a\u2028b']) expect({ bad, problem: textProblem(bad, line) }).toMatchObject({ problem: expect.any(String) });
    expect(textProblem('a\r\nb\tc', paragraphs)).toBeUndefined();
    for (const bad of ['a\u0000b', 'a\u0007b', 'a\u001Bb', 'a\u2029b']) expect({ bad, problem: textProblem(bad, paragraphs) }).toMatchObject({ problem: expect.any(String) });
  });

  it('NUL and lone surrogates are unstorable; paired surrogates and noncharacters are not', () => {
    expect(['\u0000', 'a\uD800', '\uDC00a', 'x\uDBFF'].map(isUnstorable)).toEqual([true, true, true, true]);
    expect(['\u{1F600}', '\uFFFF', 'e\u0301'].map(isUnstorable)).toEqual([false, false, false]);
  });

  it('an e-mail address is what the EmailAddress scalar returns, and nothing else', () => {
    const samples = [
      'name@customs.example',
      'Name.Surname+cdp@Customs.Example',
      'josé-1@probe.example',
      'x@rené.example',
      'a@b',
      `${'l'.repeat(64)}@x.example`,
      `${'l'.repeat(65)}@x.example`,
      `a@${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(60)}`,
      `a@${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(61)}`,
      '"quoted"@x.example',
    ];
    for (const sample of samples) {
      const accepted = isEmailAddress(normaliseEmailAddress(sample));
      const returned = (() => {
        try {
          EmailAddressScalar.serialize(normaliseEmailAddress(sample));
          return true;
        } catch {
          return false;
        }
      })();
      expect({ sample, accepted }).toEqual({ sample, accepted: returned });
    }
    expect(samples.filter((s) => isEmailAddress(normaliseEmailAddress(s)))).toEqual([
      'name@customs.example',
      'Name.Surname+cdp@Customs.Example',
      `${'l'.repeat(64)}@x.example`,
      `a@${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(63)}.${'d'.repeat(60)}`,
    ]);
  });

  it('dates lie from 1900-01-01 to 2999-12-31 (UTC)', () => {
    const at = (iso: string) => isDateInRange(new Date(iso));
    expect([at('1899-12-31T23:59:59.999Z'), at('1900-01-01T00:00:00Z'), at('2999-12-31T23:59:59.999Z'), at('3000-01-01T00:00:00Z')]).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(isDateInRange(new Date('0000-01-01'))).toBe(false);
    expect(isDateInRange(new Date(NaN))).toBe(false);
  });
});
