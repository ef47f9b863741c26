import type { FormattedExecutionResult } from 'graphql';

/** An answer as the cache keeps it: what is sent, and its entity tag. */
export interface StoredResponse {
  /** The strong entity tag of the serialized answer, quoted as in the ETag header. */
  etag: string;
  /** The answer (data, no errors); shared by every request that hits it, so never changed. */
  result: FormattedExecutionResult;
}

/**
 * Where cached answers live. An answer is stored with the data version it was
 * computed at, and a lookup names the current version: an answer of another
 * version is never returned, so any committed write retires every answer at once.
 */
export interface ResponseStore {
  get(key: string, version: string): Promise<StoredResponse | undefined>;
  /** `json` is `result` serialized, for stores that keep text and to weigh the entry. */
  set(key: string, version: string, response: StoredResponse, json: string): Promise<void>;
}
