import { operationName, sourceOf } from './documents.js';
import { CdpGraphQLError, CdpNetworkError, CdpSocketClosedError, type CdpGraphQLErrorEntry } from './errors.js';
import * as Operations from './generated/graphql.js';
import type { TypedDocumentNode } from './typed-document-node.js';

/** A graphql-ws message payload: one operation to subscribe to. */
export interface SubscribePayloadLike {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** What graphql-ws hands the sink: a result, a failure (an error list, a CloseEvent or an Error), or the end. */
export interface SubscriptionSinkLike {
  next(value: { data?: unknown; errors?: ReadonlyArray<CdpGraphQLErrorEntry> | null }): void;
  error(error: unknown): void;
  complete(): void;
}

/**
 * The one method of a graphql-ws `Client` (graphql-ws 5 or 6) the SDK calls.
 * Bring your own: `createClient({ url: 'wss://…/graphql', connectionParams: { authorization: 'Bearer …' } })`.
 * graphql-ws is an optional peer dependency; the SDK itself depends on nothing.
 */
export interface GraphQLWsClientLike {
  subscribe(payload: SubscribePayloadLike, sink: SubscriptionSinkLike): () => void;
}

/** A subscription as an async iterator: `for await (const { nominationChanged } of live.nominationChanged({ cohortId }))`. */
export type CdpSubscription<TData> = AsyncIterableIterator<TData> & {
  /** Completes the subscription (as `break` in a for-await loop does). */
  return(): Promise<IteratorResult<TData, undefined>>;
};

/** The SDK's subscriptions, one typed method each, and `subscribe` for any subscription document. */
export interface CdpSubscriptions {
  subscribe<TData, TVariables>(document: TypedDocumentNode<TData, TVariables> | string, variables?: TVariables): CdpSubscription<TData>;
  nominationChanged(variables: Operations.NominationChangedSubscriptionVariables): CdpSubscription<Operations.NominationChangedSubscription>;
  cohortChanged(variables: Operations.CohortChangedSubscriptionVariables): CdpSubscription<Operations.CohortChangedSubscription>;
  reviewQueueChanged(): CdpSubscription<Operations.ReviewQueueChangedSubscription>;
  researchChanged(variables: Operations.ResearchChangedSubscriptionVariables): CdpSubscription<Operations.ResearchChangedSubscription>;
  certificateIssued(): CdpSubscription<Operations.CertificateIssuedSubscription>;
  viewerNotifications(): CdpSubscription<Operations.ViewerNotificationsSubscription>;
}

/** Why the socket ended: graphql-ws passes the CloseEvent (4403: the session ended or expired; 1013: too slow). */
function failureOf(error: unknown): Error {
  if (error instanceof Error) return error;
  if (Array.isArray(error)) return new CdpGraphQLError(error as CdpGraphQLErrorEntry[], null, undefined, undefined);
  const close = error as { code?: unknown; reason?: unknown } | null;
  if (close && typeof close.code === 'number') return new CdpSocketClosedError(close.code, close.reason ? String(close.reason) : '');
  return new CdpNetworkError('unreachable', `The subscription failed: ${String(error)}`, undefined, undefined, undefined, { cause: error });
}

/**
 * Typed subscriptions over a graphql-ws client. Each result with errors
 * (a refusal: FORBIDDEN, QUERY_TOO_COMPLEX, …) ends the iteration with a
 * CdpGraphQLError, as the SDK's queries throw; a closed socket ends it with a
 * CdpSocketClosedError whose `closeCode` says why.
 */
export function createCdpSubscriptions(client: GraphQLWsClientLike): CdpSubscriptions {
  function subscribe<TData, TVariables>(document: TypedDocumentNode<TData, TVariables> | string, variables?: TVariables): CdpSubscription<TData> {
    const results: TData[] = [];
    const waiting: Array<{ resolve: (r: IteratorResult<TData, undefined>) => void; reject: (e: Error) => void }> = [];
    let ended = false;
    let failure: Error | null = null;
    const finish = (error: Error | null) => {
      if (ended) return;
      ended = true;
      failure = error;
      for (const waiter of waiting.splice(0)) {
        if (error) waiter.reject(error);
        else waiter.resolve({ done: true, value: undefined });
      }
    };
    const dispose = client.subscribe(
      {
        query: sourceOf(document as never),
        variables: (variables ?? {}) as Record<string, unknown>,
        operationName: typeof document === 'string' ? undefined : operationName(document),
      },
      {
        next(value) {
          if (ended) return;
          if (value.errors?.length) {
            finish(new CdpGraphQLError(value.errors, (value.data ?? null) as TData | null, undefined, undefined));
            return;
          }
          const data = value.data as TData;
          const waiter = waiting.shift();
          if (waiter) waiter.resolve({ done: false, value: data });
          else results.push(data);
        },
        error: (error) => finish(failureOf(error)),
        complete: () => finish(null),
      },
    );
    const iterator: CdpSubscription<TData> = {
      next() {
        if (results.length) return Promise.resolve({ done: false, value: results.shift()! });
        if (ended) {
          const error = failure;
          failure = null;
          return error ? Promise.reject(error) : Promise.resolve({ done: true, value: undefined });
        }
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      async return() {
        dispose();
        finish(null);
        results.length = 0;
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    return iterator;
  }

  return {
    subscribe,
    nominationChanged: (variables) => subscribe(Operations.NominationChangedDocument, variables),
    cohortChanged: (variables) => subscribe(Operations.CohortChangedDocument, variables),
    reviewQueueChanged: () => subscribe(Operations.ReviewQueueChangedDocument, {}),
    researchChanged: (variables) => subscribe(Operations.ResearchChangedDocument, variables),
    certificateIssued: () => subscribe(Operations.CertificateIssuedDocument, {}),
    viewerNotifications: () => subscribe(Operations.ViewerNotificationsDocument, {}),
  };
}
