import type { HeaderMap } from '@apollo/server';
import fresh from 'fresh';

/**
 * Browsers (and the SDK, if it likes) may keep an answer but must ask again
 * each time; an unchanged answer then costs a 304 without a body. `private`:
 * the answer may belong to the signed-in caller, so no shared cache keeps it.
 */
export const CACHE_CONTROL = 'private, no-cache';

/**
 * Whether a GET's If-None-Match names the tag of the answer about to be sent
 * (a list of tags, weak comparison, or `*`). The request's Cache-Control is
 * not passed on: `no-cache` there tells caches on the way to revalidate, which
 * is what this is, and `fetch` adds it to every conditional request.
 */
export function isNotModified(method: string | undefined, requestHeaders: HeaderMap | undefined, etag: string): boolean {
  if (method !== 'GET' || !requestHeaders) return false;
  const ifNoneMatch = requestHeaders.get('if-none-match');
  return ifNoneMatch ? fresh({ 'if-none-match': ifNoneMatch }, { etag }) : false;
}
