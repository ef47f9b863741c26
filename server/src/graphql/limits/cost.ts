import {
  executeSync,
  getIntrospectionQuery,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  parse,
  type GraphQLSchema,
} from 'graphql';
import { simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../relay/connection';
import { listBound } from './list-bounds';

const isConnection = (type: { name: string }) => type.name.endsWith('Connection');

/** Pages above the cap are refused by the resolver (INVALID_PAGINATION), so the cap is the most a page costs. */
function pageSize(args: Record<string, unknown>): number {
  const asked = Number(args.first ?? args.last ?? DEFAULT_PAGE_SIZE);
  return Number.isFinite(asked) ? Math.min(Math.max(asked, 0), MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
}

/** The number of values in a result: what answering it costs. */
function countValues(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, item) => n + countValues(item), 1);
  if (value !== null && typeof value === 'object') return Object.values(value).reduce((n: number, item) => n + countValues(item), 1);
  return 1;
}

/**
 * Introspection is priced by what it can return, measured once on this
 * schema: the values of the fullest introspection query for __schema, those
 * of the largest type for __type.
 */
function introspectionCosts(schema: GraphQLSchema) {
  const query = getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true, directiveIsRepeatable: true, specifiedByUrl: true });
  const result = executeSync({ schema, document: parse(query) }).data as { __schema: { types: unknown[] } };
  return {
    schema: countValues(result.__schema),
    type: Math.max(...result.__schema.types.map(countValues)),
  };
}

/**
 * Every field costs 1 plus what is selected under it; a field returning a
 * list costs what is selected per item times the most items it can return:
 * a connection its page size (`first` or `last`), `nodes(ids:)` its ids, any
 * other list its bound in LIST_BOUNDS. A list of scalars costs its items.
 */
export function costEstimators(schema: GraphQLSchema): ComplexityEstimator[] {
  const introspection = introspectionCosts(schema);
  const list: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
    if (field.name === '__schema') return introspection.schema;
    if (field.name === '__type') return introspection.type;
    const perItem = Math.max(childComplexity, 1);
    if (Array.isArray(args.ids)) return 1 + perItem * Math.min(args.ids.length, MAX_PAGE_SIZE);
    if (isConnection(getNamedType(field.type))) return 1 + perItem * pageSize(args);
    // A connection's nodes and edges are its page, already counted at the connection.
    if (!isListType(getNullableType(field.type)) || isConnection(type)) return undefined;
    const bound = listBound(type.name, field.name) ?? MAX_PAGE_SIZE;
    return 1 + perItem * bound;
  };
  return [list, simpleEstimator({ defaultComplexity: 1 })];
}

/** List fields of the schema that are neither connections nor in LIST_BOUNDS; a test keeps this empty. */
export function listFieldsWithoutBound(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type)) || isConnection(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const root = type === schema.getQueryType();
      if (!isListType(getNullableType(field.type)) || (root && field.args.some((a) => a.name === 'ids'))) continue;
      if (listBound(type.name, field.name) === undefined) missing.push(`${type.name}.${field.name}`);
    }
  }
  return missing;
}
