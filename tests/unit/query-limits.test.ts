import 'reflect-metadata';
import { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, parse, print, typeFromAST, type DocumentNode, type GraphQLSchema, type GraphQLType } from 'graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import * as generated from '../../sdk/src/generated/graphql';
import { refusalsOf } from '../../server/src/graphql/limits/check-document';
import { decide } from '../../server/src/graphql/limits/cost-plugin';
import { listFieldsWithoutBound } from '../../server/src/graphql/limits/cost';
import { expandedSelections } from '../../server/src/graphql/limits/expanded-size';
import { DEFAULT_QUERY_LIMITS } from '../../server/src/graphql/limits/query-limits';
import { MAX_PAGE_SIZE } from '../../server/src/graphql/relay/connection';
import { buildCdpSchema } from '../../server/src/graphql/schema';
import { EXAMPLE_OPERATION_NAMES } from '../support/playground-examples';
import { fragmentFanOut } from '../../server/src/bench/hostile-catalog';
import { postgresRuns } from '../support/databases';

/** A value for a variable, at its most costly: full pages, a full list of ids. */
function worstCase(name: string, type: GraphQLType): unknown {
  if (isNonNullType(type)) return worstCase(name, type.ofType);
  if (isListType(type)) return Array.from({ length: MAX_PAGE_SIZE }, () => worstCase(name, type.ofType));
  const named = getNamedType(type);
  // The name, as a client sends it (an enum's internal value may differ, e.g. WebhookEventType's catalogue names).
  if (isEnumType(named)) return named.getValues()[0].name;
  // A mutation's input: every field at its worst case.
  if (isInputObjectType(named)) {
    return Object.fromEntries(Object.values(named.getFields()).map((f) => [f.name, worstCase(f.name, f.type)]).filter(([, v]) => v !== undefined));
  }
  switch (named.name) {
    case 'Int':
      return /^(first|last)$/.test(name) ? MAX_PAGE_SIZE : 1;
    case 'Boolean':
      return true;
    case 'CountryCode':
      return 'JP';
    case 'Date':
      return '2027-01-01';
    case 'DateTime':
      return '2027-01-01T00:00:00Z';
    case 'ID':
    case 'String':
      return 'x';
    case 'Date':
      return '2026-11-26';
    case 'DateTime':
      return '2026-11-26T12:00:00Z';
    case 'URL':
      return 'https://example.org/x';
    default:
      return undefined;
  }
}

function worstCaseVariables(schema: GraphQLSchema, document: DocumentNode): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const definition of document.definitions) {
    if (definition.kind !== 'OperationDefinition') continue;
    for (const v of definition.variableDefinitions ?? []) {
      if (v.defaultValue) continue;
      const value = worstCase(v.variable.name.value, typeFromAST(schema, v.type as never)!);
      if (value !== undefined) variables[v.variable.name.value] = value;
    }
  }
  return variables;
}

const SDK_DOCUMENTS = Object.entries(generated).filter(
  ([name, value]) => name.endsWith('Document') && (value as DocumentNode)?.kind === 'Document' &&
    (value as DocumentNode).definitions.some((d) => d.kind === 'OperationDefinition'),
) as Array<[string, DocumentNode]>;

describe('query limits', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildCdpSchema();
  });

  it.each(SDK_DOCUMENTS)('the SDK operation %s passes every default limit with full pages', (_name, document) => {
    expect(refusalsOf(schema, print(document), worstCaseVariables(schema, document), DEFAULT_QUERY_LIMITS)).toEqual([]);
  });

  it('covers every SDK operation', () => {
    expect(SDK_DOCUMENTS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(EXAMPLE_OPERATION_NAMES)('the playground example %s, operation %s, passes every default limit', (_tab, name, op) => {
    expect(refusalsOf(schema, op.query, op.variables ?? {}, DEFAULT_QUERY_LIMITS, name)).toEqual([]);
  });

  it('knows the size of every list field that is not a connection', () => {
    expect(listFieldsWithoutBound(schema)).toEqual([]);
  });

  it('refuses a query whose cost cannot be estimated, never allows it', () => {
    const document = parse('{ regions { totalCount } }');
    const failing: ComplexityEstimator = () => {
      throw new Error('estimator broke');
    };
    const verdict = decide(schema, DEFAULT_QUERY_LIMITS, [failing], document.definitions[0] as never, { document, variables: {} });
    expect('refusal' in verdict && verdict.refusal.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost' });
  });

  it('measures a fragment fan-out in linear time', () => {
    const document = parse(fragmentFanOut(40));
    const started = performance.now();
    expect(expandedSelections(document, document.definitions[0] as never)).toBeGreaterThan(2 ** 40);
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('the PostgreSQL runs of the database suites', () => {
  it('run with TEST_POSTGRES_URL, are skipped without it, and fail without it under CI', () => {
    expect(postgresRuns({ TEST_POSTGRES_URL: 'postgres://x', CI: 'true' })).toBe('run');
    expect(postgresRuns({})).toBe('skip');
    expect(postgresRuns({ CI: 'true' })).toBe('fail');
  });
});
