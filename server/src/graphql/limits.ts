import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, validate, type GraphQLSchema } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { AppError } from './errors';
import { DEFAULT_PAGE_SIZE } from './relay/connection';

export const MAX_QUERY_DEPTH = 12;
export const MAX_QUERY_COMPLEXITY = 50_000;

/** A connection costs its page size times what is selected per node; `nodes(ids:)` costs one per id. */
const listEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (Array.isArray(args.ids)) return 1 + childComplexity * args.ids.length;
  if (!getNamedType(field.type).name.endsWith('Connection')) return undefined;
  const size = Number(args.first ?? args.last ?? DEFAULT_PAGE_SIZE);
  return 1 + childComplexity * (Number.isFinite(size) ? Math.max(size, 0) : DEFAULT_PAGE_SIZE);
};

/** Refusals happen before execution, so they are HTTP 400 like other invalid requests. */
const tooComplex = (message: string, details: Record<string, unknown>) =>
  new AppError('QUERY_TOO_COMPLEX', message, { ...details, http: { status: 400 } });

/**
 * Rejects operations that are too deep or whose estimated cost is too high,
 * before any resolver runs. Both failures are QUERY_TOO_COMPLEX, so clients
 * handle one code.
 */
export function queryLimitsPlugin(schema: GraphQLSchema, max = MAX_QUERY_COMPLEXITY): ApolloServerPlugin {
  const depthRule = depthLimit(MAX_QUERY_DEPTH);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          if (validate(schema, document, [depthRule]).length) {
            throw tooComplex(`The query is nested more than ${MAX_QUERY_DEPTH} levels deep.`, { maxDepth: MAX_QUERY_DEPTH });
          }
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              operationName: request.operationName ?? undefined,
              estimators: [listEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch {
            // Variables that do not fit the operation: execution reports them as BAD_USER_INPUT.
            return;
          }
          if (complexity > max) {
            throw tooComplex(`The query costs ${complexity}, above the limit of ${max}. Ask for smaller pages or fewer fields.`, {
              complexity,
              maxComplexity: max,
            });
          }
        },
      };
    },
  };
}
