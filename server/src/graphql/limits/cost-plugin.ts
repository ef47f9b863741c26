import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';
import type { RequestContext } from '../context';
import { AppError } from '../errors';
import { costEstimators } from './cost';
import { expandedSelections } from './expanded-size';
import type { QueryLimits } from './query-limits';
import { tooComplex } from './refusal';
import { checkVariables } from './variables';

/** What was decided for one document and its variables: its cost, or the refusal to repeat. */
export type Verdict = { cost: number } | { refusal: AppError };

const CACHED_VERDICTS = 1000;

/** Beyond this many selections (fragments expanded) the estimate would take too long: the query is refused unestimated. */
const MAX_ESTIMATED_SELECTIONS = 10_000;

/** The verdict's key: Apollo's sha256 of the document text (queryHash), the operation and the variables. */
const keyOf = (queryHash: string, operationName: string | undefined, variables: unknown) =>
  createHash('sha256')
    .update(queryHash)
    .update('\0')
    .update(operationName ?? '')
    .update('\0')
    .update(JSON.stringify(variables ?? {}))
    .digest('hex');

function unsupportedOperation(schema: GraphQLSchema, operation: OperationDefinitionNode): AppError | undefined {
  if (operation.operation === 'subscription') {
    return new AppError('OPERATION_NOT_SUPPORTED', 'Subscriptions run over WebSocket (the graphql-ws protocol) at /graphql, not over HTTP.', {
      operationType: operation.operation,
      http: { status: 400 },
    });
  }
  if (schema.getRootType(operation.operation)) return undefined;
  return new AppError('OPERATION_NOT_SUPPORTED', `This API has no ${operation.operation} operations.`, {
    operationType: operation.operation,
    http: { status: 400 },
  });
}

export function decide(schema: GraphQLSchema, limits: QueryLimits, estimators: ComplexityEstimator[], operation: OperationDefinitionNode, request: {
  document: Parameters<typeof getComplexity>[0]['query'];
  operationName?: string;
  variables: Record<string, unknown>;
}): Verdict {
  try {
    checkVariables(schema, operation, request.variables, limits.maxVariableListItems);
  } catch (err) {
    if (err instanceof AppError) return { refusal: err };
    throw err;
  }
  const selections = expandedSelections(request.document, operation);
  if (selections > MAX_ESTIMATED_SELECTIONS) {
    return {
      refusal: tooComplex('cost', limits.maxCost, `The query expands to ${selections} selections once its fragments are spread; it is refused.`, {
        selections,
      }),
    };
  }
  let cost: number;
  try {
    cost = getComplexity({
      schema,
      query: request.document,
      variables: request.variables,
      operationName: request.operationName,
      estimators,
      maxQueryNodes: MAX_ESTIMATED_SELECTIONS,
    });
  } catch (err) {
    // A query whose cost cannot be known is not run: that is how a costly one would hide.
    const reason = err instanceof Error ? err.message : String(err);
    return { refusal: tooComplex('cost', limits.maxCost, `The query's cost could not be estimated (${reason}); it is refused.`) };
  }
  if (!Number.isFinite(cost) || cost > limits.maxCost) {
    return {
      refusal: tooComplex('cost', limits.maxCost, `The query costs ${cost}, above the limit of ${limits.maxCost}. Ask for smaller pages or fewer fields.`, {
        cost,
      }),
    };
  }
  return { cost };
}

/**
 * Refuses, before any resolver runs, an operation type the schema lacks (and subscriptions, which run over WebSocket),
 * variables with oversized lists or invalid values, and operations whose
 * estimated cost is above the limit or cannot be estimated. The verdict is
 * computed once per document, operation and variables, then cached by their
 * sha256. Under TRUSTED_DOCUMENTS=only an untrusted document never gets
 * here: it is refused before it is parsed (see trustedDocumentsGate).
 */
export function queryCostPlugin(schema: GraphQLSchema, limits: QueryLimits): ApolloServerPlugin<RequestContext> {
  const verdicts = new LRUCache<string, Verdict>({ max: CACHED_VERDICTS });
  const estimators = costEstimators(schema);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, operation, queryHash }) {
          // Without an operation Apollo answers OPERATION_RESOLUTION_FAILURE itself, running nothing.
          if (!operation) return;
          const unsupported = unsupportedOperation(schema, operation);
          if (unsupported) throw unsupported;
          const variables = request.variables ?? {};
          const key = keyOf(queryHash, request.operationName ?? undefined, variables);
          let verdict = verdicts.get(key);
          if (!verdict) {
            verdict = decide(schema, limits, estimators, operation, { document, operationName: request.operationName ?? undefined, variables });
            verdicts.set(key, verdict);
          }
          if ('refusal' in verdict) throw new AppError(verdict.refusal.code, verdict.refusal.message, verdict.refusal.extensions);
        },
      };
    },
  };
}
