import type { ApolloServerPlugin } from '@apollo/server';
import { getNamedType, validate, type GraphQLSchema } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { getComplexity, simpleEstimator, type ComplexityEstimator } from 'graphql-query-complexity';
import { AppError } from './errors';
import { DEFAULT_PAGE_SIZE } from './relay/connection';

export const MAX_QUERY_DEPTH = 12;
export const MAX_QUERY_COMPLEXITY = 50_000;

/** A connection costs its page size times what is selected per node. */
const connectionEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (!getNamedType(field.type).name.endsWith('Connection')) return undefined;
  const size = Number(args.first ?? args.last ?? DEFAULT_PAGE_SIZE);
  return 1 + childComplexity * (Number.isFinite(size) ? Math.max(size, 0) : DEFAULT_PAGE_SIZE);
};

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
            throw new AppError('QUERY_TOO_COMPLEX', `The query is nested more than ${MAX_QUERY_DEPTH} levels deep.`, {
              maxDepth: MAX_QUERY_DEPTH,
            });
          }
          const complexity = getComplexity({
            schema,
            query: document,
            variables: request.variables ?? {},
            operationName: request.operationName ?? undefined,
            estimators: [connectionEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
          if (complexity > max) {
            throw new AppError('QUERY_TOO_COMPLEX', `The query costs ${complexity}, above the limit of ${max}. Ask for smaller pages or fewer fields.`, {
              complexity,
              maxComplexity: max,
            });
          }
        },
      };
    },
  };
}
