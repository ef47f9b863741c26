import { LRUCache } from 'lru-cache';
import type { ResponseStore, StoredResponse } from './response-store';

interface Entry extends StoredResponse {
  version: string;
}

/**
 * The in-process store: an LRU bounded by the serialized size of its answers
 * (each is kept as text and as objects, which take a small multiple of the
 * text). An answer of an
 * older version stays until it is replaced or pushed out; it is never returned.
 */
export class MemoryResponseStore implements ResponseStore {
  private readonly entries: LRUCache<string, Entry>;

  constructor(maxBytes: number) {
    this.entries = new LRUCache<string, Entry>({ maxSize: maxBytes });
  }

  async get(key: string, version: string): Promise<StoredResponse | undefined> {
    const entry = this.entries.get(key);
    return entry?.version === version ? entry : undefined;
  }

  async set(key: string, version: string, response: StoredResponse): Promise<void> {
    // An answer larger than the whole cache is not kept (lru-cache refuses it).
    this.entries.set(key, { ...response, version }, { size: response.text.length });
  }
}
