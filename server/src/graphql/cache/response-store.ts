import type { FormattedExecutionResult } from 'graphql';

/** An answer as the cache keeps it: what is sent, and its entity tag. */
export interface StoredResponse {
  /** The strong entity tag of `text`, quoted as in the ETag header. */
  etag: string;
  /** The answer (data alone); shared by every request that hits it, so never changed. */
  result: FormattedExecutionResult & { data: Record<string, unknown> };
  /** The answer as it is sent (see answerText). */
  text: string;
}

/**
 * Where cached answers live. An answer is stored with the data version it was
 * computed at, and a lookup names the current version: an answer of another
 * version is never returned, so any committed write retires every answer at once.
 */
export interface ResponseStore {
  get(key: string, version: string): Promise<StoredResponse | undefined>;
  set(key: string, version: string, response: StoredResponse): Promise<void>;
}
