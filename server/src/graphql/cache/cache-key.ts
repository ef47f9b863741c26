import { createHash } from 'node:crypto';

export interface CacheKeyParts {
  /** Apollo's sha256 of the query text. */
  queryHash: string;
  operationName: string | null | undefined;
  variables: Record<string, unknown> | undefined;
  /** See visibilityScope. */
  scope: string;
  /**
   * The request clock's date: `isOverdue` and other fields derived from
   * "today" change at midnight without any write, so each day has its own answers.
   */
  day: string;
}

/** One sha256 over everything an answer depends on besides the data. Variables written in another order only miss. */
export function cacheKey({ queryHash, operationName, variables, scope, day }: CacheKeyParts): string {
  return createHash('sha256')
    .update(queryHash)
    .update('\0')
    .update(operationName ?? '')
    .update('\0')
    .update(JSON.stringify(variables ?? {}))
    .update('\0')
    .update(scope)
    .update('\0')
    .update(day)
    .digest('base64url');
}

/** A strong entity tag of the serialized answer: equal answers have equal tags, whatever their version or scope. */
export function entityTag(json: string): string {
  return `"${createHash('sha256').update(json).digest('base64url')}"`;
}
