import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The SDK's persisted-operations manifest as `npm run codegen` writes it
 * (committed, and shipped in @cdp-hub/sdk): read from the repository rather
 * than from the SDK's build, so the server never depends on `sdk/dist`.
 */
export const DEFAULT_MANIFEST_FILE = path.resolve(__dirname, '..', '..', '..', '..', 'sdk', 'src', 'generated', 'persisted-operations.json');

/** Trusted documents: sha256 (hex) of the exact text -> that text. */
export type PersistedManifest = ReadonlyMap<string, string>;

const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(z.object({ id: z.string().regex(/^[0-9a-f]{64}$/), name: z.string(), body: z.string().min(1) })),
});

/** A document's id in the manifest (and Apollo's queryHash): the sha256, in hex, of its exact text. */
export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export interface PersistedOperation {
  /** sha256 (hex) of `body`. */
  id: string;
  name: string;
  body: string;
}

/**
 * The operations of a manifest in Apollo's persisted query manifest format.
 * An id that is not the sha256 of its body stops the start: the server would
 * otherwise trust, under a known hash, a text nobody reviewed.
 */
export function readManifestOperations(file: string = DEFAULT_MANIFEST_FILE): PersistedOperation[] {
  const parsed = manifestSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a persisted query manifest: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  for (const { id, name, body } of parsed.data.operations) {
    if (sha256Hex(body) !== id) throw new Error(`${file}: the id of ${name} is not the sha256 of its body; run \`npm run codegen\``);
  }
  return parsed.data.operations.map(({ id, name, body }) => ({ id, name, body }));
}

/** The manifest as the server uses it: sha256 -> text. */
export function readManifest(file: string = DEFAULT_MANIFEST_FILE): PersistedManifest {
  return new Map(readManifestOperations(file).map(({ id, body }) => [id, body]));
}
