import { InMemoryLRUCache, PrefixingKeyValueCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { PersistedManifest } from './manifest';

/**
 * Apollo's persisted-query (APQ) store, keyed by sha256: the manifest's
 * documents, there from the start, so a client's first hash-only request is
 * a hit; and, when registration is on, the documents clients registered
 * (hash and text sent together), in a bounded LRU as Apollo's default store.
 * With registration off (TRUSTED_DOCUMENTS=only) nothing a client sends is
 * kept, so the store is exactly the manifest.
 */
class PersistedQueryStore implements KeyValueCache<string> {
  constructor(
    private readonly manifest: PersistedManifest,
    private readonly registered: KeyValueCache<string> | undefined,
  ) {}

  async get(hash: string): Promise<string | undefined> {
    return this.manifest.get(hash) ?? (await this.registered?.get(hash));
  }

  async set(hash: string, text: string, options?: KeyValueCacheSetOptions): Promise<void> {
    if (this.registered && !this.manifest.has(hash)) await this.registered.set(hash, text, options);
  }

  async delete(hash: string): Promise<boolean | void> {
    return this.registered?.delete(hash);
  }
}

/** The `persistedQueries.cache` for Apollo Server. */
export function persistedQueryStore(manifest: PersistedManifest, { acceptRegistrations }: { acceptRegistrations: boolean }): KeyValueCache<string> {
  const store = new PersistedQueryStore(manifest, acceptRegistrations ? new InMemoryLRUCache<string>() : undefined);
  // The store holds persisted queries only, so Apollo's "apq:" key prefix isolates nothing; without it the keys are the bare hashes.
  return PrefixingKeyValueCache.cacheDangerouslyDoesNotNeedPrefixesForIsolation(store);
}
