import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '../../common/logger';
import { readDataVersion } from '../../db/data-version';
import type { RequestContext } from '../context';
import type { ResponseCacheSettings } from './cache-settings';
import { MemoryResponseStore } from './memory-store';
import { RedisResponseStore } from './redis-store';
import { responseCachePlugin } from './response-cache-plugin';

export { DEFAULT_RESPONSE_CACHE_MB, type ResponseCacheSettings } from './cache-settings';

/**
 * The plugin for these settings, or none at all when the cache is off (then nothing of it runs per request);
 * `onLookup` hears of each hit and miss.
 */
export function responseCache(settings: ResponseCacheSettings, log: Logger, onLookup?: (hit: boolean) => void): ApolloServerPlugin<RequestContext>[] {
  if (settings.mode === 'off') return [];
  const store = settings.mode === 'redis' ? new RedisResponseStore(settings.redis, log) : new MemoryResponseStore(settings.maxBytes);
  return [responseCachePlugin({ store, currentVersion: (ctx) => readDataVersion(ctx.db), onLookup })];
}
