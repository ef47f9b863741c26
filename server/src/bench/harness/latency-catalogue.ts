/**
 * The queries of the latency table (issue 10's scale goal): the cohort page,
 * the first page of every root connection in every ordering, both kinds of
 * research search and the programme statistics. The connections and their
 * orderings are read from the schema, so a new list or ordering is measured
 * without editing this file. A first page is measured as a list shows it
 * (nodes and pageInfo), and each connection's totalCount in a row of its
 * own: a count reads every matching row, so at 1,000x data it costs what a
 * page does not, and the table shows where.
 */
import { isEnumType, isInputObjectType, isNonNullType, isObjectType, getNamedType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { DEFAULT_PROGRAMME_CODE } from '../../modules/programme/programme.types';
import { cohortPageRequest } from './cohort-page-request';
import type { GraphQLRequest } from './graphql-post';

export interface LatencyQuery {
  name: string;
  request: GraphQLRequest;
}

const PAGE = 20;

const FIXED: LatencyQuery[] = [
  { name: 'cohort page', request: cohortPageRequest('text') },
  {
    name: 'searchResearch(query: "valuation", first: 10)',
    request: { query: '{ searchResearch(query: "valuation", first: 10) { nodes { id title } pageInfo { hasNextPage endCursor } } }' },
  },
  {
    name: 'searchResearch(query: "valuation", first: 10) { totalCount }',
    request: { query: '{ searchResearch(query: "valuation", first: 10) { totalCount nodes { id title } } }' },
  },
  {
    name: 'searchResearch(query: "orig", first: 10) (prefix)',
    request: { query: '{ searchResearch(query: "orig", first: 10) { nodes { id title } pageInfo { hasNextPage endCursor } } }' },
  },
  {
    name: 'searchResearch(query: "orig", first: 10) (prefix) { totalCount }',
    request: { query: '{ searchResearch(query: "orig", first: 10) { totalCount nodes { id title } } }' },
  },
  {
    name: `programmeStatistics(programmeCode: "${DEFAULT_PROGRAMME_CODE}")`,
    request: {
      query: `{ programmeStatistics(programmeCode: "${DEFAULT_PROGRAMME_CODE}") {
        totalAssociates totalCohorts completedCohorts administrationsRepresented regionsRepresented
        byRegion { region { code } associateCount administrationCount } byCohort { cohort { label } associateCount }
        byAdministration { administration { iso2 } associateCount } topThemes { theme researchCount } neverRepresented { iso2 } } }`,
    },
  },
  {
    name: 'administration(iso2: "GT") { associates(first: 20) }',
    request: { query: `{ administration(iso2: "GT") { associates(first: ${PAGE}) { totalCount nodes { id fullName } } } }` },
  },
  {
    name: 'administrations(first: 20) { associates(first: 20) } (a nested page for each of 20 parents)',
    request: { query: `{ administrations(first: ${PAGE}) { nodes { iso2 associates(first: ${PAGE}) { nodes { id fullName } } } } }` },
  },
];

const FIRST_PAGE = 'nodes { id } pageInfo { hasNextPage endCursor }';

/** A root field is a connection when it returns a type with `nodes` and takes `first`. */
function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  const type = getNamedType(field.type);
  return isObjectType(type) && 'nodes' in type.getFields() && field.args.some((a) => a.name === 'first');
}

/** The `{ field, direction }` pairs of a connection's orderBy argument; one empty ordering when it has none. */
function orderings(field: GraphQLField<unknown, unknown>): string[] {
  const orderBy = field.args.find((a) => a.name === 'orderBy');
  const input = orderBy && getNamedType(orderBy.type);
  if (!input || !isInputObjectType(input)) return [''];
  const { field: orderField, direction } = input.getFields();
  const fields = getNamedType(orderField.type);
  const directions = getNamedType(direction.type);
  if (!isEnumType(fields) || !isEnumType(directions)) return [''];
  return fields.getValues().flatMap((f) => directions.getValues().map((d) => `orderBy: { field: ${f.name}, direction: ${d.name} }`));
}

export function latencyCatalogue(schema: GraphQLSchema): { queries: LatencyQuery[]; skipped: string[] } {
  const queries = [...FIXED];
  const skipped: string[] = [];
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    if (!isConnection(field)) continue;
    const required = field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);
    if (required.length) {
      if (field.name !== 'searchResearch') skipped.push(`${field.name} (requires ${required.map((a) => a.name).join(', ')})`);
      continue;
    }
    for (const ordering of orderings(field)) {
      const args = [`first: ${PAGE}`, ordering].filter(Boolean).join(', ');
      queries.push({ name: `${field.name}(${args})`, request: { query: `{ ${field.name}(${args}) { ${FIRST_PAGE} } }` } });
    }
    if ('totalCount' in (getNamedType(field.type) as { getFields(): object }).getFields()) {
      queries.push({ name: `${field.name}(first: ${PAGE}) { totalCount }`, request: { query: `{ ${field.name}(first: ${PAGE}) { totalCount ${FIRST_PAGE} } }` } });
    }
  }
  return { queries, skipped };
}
