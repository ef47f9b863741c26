import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { isoDate } from '../../common/clock';
import type { RequestContext } from '../context';
import { answerText, rememberText } from './answer-text';
import { isCacheableOperation } from './cacheable-operation';
import { cacheKey, entityTag } from './cache-key';
import { CACHE_CONTROL, isNotModified } from './http-revalidation';
import type { ResponseStore, StoredResponse } from './response-store';
import { visibilityScope } from './visibility-scope';

export interface ResponseCacheOptions {
  store: ResponseStore;
  /** The number of committed writes, read afresh for every cacheable request on its reader (see DataVersion). */
  currentVersion: (ctx: RequestContext) => Promise<string>;
  /** Told whether each lookup found an answer (the metrics). */
  onLookup?: (hit: boolean) => void;
}

/**
 * Whole answers of cacheable queries, per visibility scope (see
 * isCacheableOperation and visibilityScope). The lookup comes after the
 * request's checks (limits, cost) have passed, so a refused request never
 * touches the database, and before execution: a hit runs no resolver. Each
 * lookup reads the data version first and only accepts an answer computed at
 * that version; any committed write moves it, so no answer is served once the
 * write has returned. Answers with errors are never kept. Cacheable answers
 * carry an ETag, and a GET whose If-None-Match names it gets a 304.
 */
export function responseCachePlugin({ store, currentVersion, onLookup }: ResponseCacheOptions): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let key: string | undefined;
      let version: string | undefined;
      let hit: StoredResponse | undefined;
      return {
        async responseForOperation({ document, operation, queryHash, operationName, request, contextValue }) {
          if (!operation || !queryHash || !isCacheableOperation(document, operation)) return null;
          key = cacheKey({
            queryHash,
            operationName,
            variables: request.variables,
            scope: visibilityScope(contextValue.viewer),
            day: isoDate(contextValue.clock.now()),
          });
          // Read before the answer is computed: an answer stored under this version is at least this fresh.
          version = await currentVersion(contextValue);
          hit = await store.get(key, version);
          onLookup?.(hit !== undefined);
          if (!hit) return null;
          rememberText(hit.result.data, hit.text);
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: hit.result } };
        },

        async willSendResponse({ response, request }) {
          if (key === undefined || version === undefined || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors?.length || result.data == null) return;
          let etag = hit?.etag;
          if (!etag) {
            // Data alone: extensions, if a plugin ever adds some, belong to one request.
            const answer = { data: result.data };
            const text = answerText(answer.data);
            etag = entityTag(text);
            rememberText(answer.data, text);
            await store.set(key, version, { etag, result: answer, text });
          }
          response.http.headers.set('etag', etag);
          response.http.headers.set('cache-control', CACHE_CONTROL);
          if (isNotModified(request.http?.method, request.http?.headers, etag)) {
            response.http.status = 304;
            // Nothing of the body is sent with a 304; an empty one spares serializing it.
            response.body = { kind: 'single', singleResult: {} };
          }
        },
      };
    },
  };
}
