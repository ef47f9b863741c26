import type { Redis } from 'ioredis';

/** How the response cache runs: off, in this process's memory, or in Redis shared by every instance. */
export type ResponseCacheSettings =
  | { mode: 'off' }
  | { mode: 'memory'; maxBytes: number }
  | { mode: 'redis'; redis: Redis };

/** The in-memory store's default bound, in MiB of serialized answers. */
export const DEFAULT_RESPONSE_CACHE_MB = 64;
