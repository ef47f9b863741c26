import { operationHashes, operationSources } from './generated/graphql.js';

/** The `extensions` of a persisted query (Apollo's APQ protocol, version 1). */
export interface PersistedQueryExtension {
  readonly persistedQuery: { readonly version: 1; readonly sha256Hash: string };
}

// The SDK's own operations were hashed by codegen (their ids in persisted-operations.json): nothing to compute at run time.
const knownHashes = new Map(Object.entries(operationSources).map(([name, text]) => [text, operationHashes[name]!]));

const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * sha256 (hex) of the text, as the server computes it: precomputed for the
 * SDK's operations, else by WebCrypto; undefined where the platform has none
 * (a browser page outside a secure context, Node 18 without the global), and
 * the text is then sent in full.
 */
export async function persistedHashOf(text: string): Promise<string | undefined> {
  const known = knownHashes.get(text);
  if (known) return known;
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (!subtle) return undefined;
  return hex(await subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

export const persistedQueryExtension = (sha256Hash: string): PersistedQueryExtension => ({ persistedQuery: { version: 1, sha256Hash } });
