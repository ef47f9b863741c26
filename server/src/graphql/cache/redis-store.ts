import type { Redis } from 'ioredis';
import type { Logger } from '../../common/logger';
import type { ResponseStore, StoredResponse } from './response-store';

const PREFIX = 'cdp-hub:response:';
/** Answers of a retired version are never asked for again; Redis drops them after this long. */
const TTL_SECONDS = 3600;

/**
 * The store shared by every instance. The version is part of the Redis key, so
 * a lookup after a write simply misses, and retired answers expire on their
 * own. Redis being away costs the cache, never an answer: a failed command is
 * a miss, and nothing is kept.
 */
export class RedisResponseStore implements ResponseStore {
  constructor(
    private readonly redis: Redis,
    private readonly log: Logger,
  ) {}

  async get(key: string, version: string): Promise<StoredResponse | undefined> {
    let text: string | null;
    try {
      text = await this.redis.get(`${PREFIX}${version}:${key}`);
    } catch (err) {
      this.log.debug({ err: { message: (err as Error).message } }, 'response cache: redis read failed; answering uncached');
      return undefined;
    }
    if (text === null) return undefined;
    // The tag, a newline, then the answer as it is sent.
    const newline = text.indexOf('\n');
    const answer = text.slice(newline + 1);
    return { etag: text.slice(0, newline), result: JSON.parse(answer), text: answer };
  }

  async set(key: string, version: string, response: StoredResponse): Promise<void> {
    try {
      await this.redis.set(`${PREFIX}${version}:${key}`, `${response.etag}\n${response.text}`, 'EX', TTL_SECONDS);
    } catch (err) {
      this.log.debug({ err: { message: (err as Error).message } }, 'response cache: redis write failed; the answer is not kept');
    }
  }
}
