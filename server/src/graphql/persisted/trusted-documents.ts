import { UserRole } from '../../modules/user/user-role';
import type { RequestContext } from '../context';
import { AppError } from '../errors';
import type { PersistedManifest } from './manifest';

/** TRUSTED_DOCUMENTS: `only` runs the manifest's documents alone (ADMIN callers excepted); `allow` runs any document. */
export const TRUSTED_DOCUMENTS_MODES = ['only', 'allow'] as const;
export type TrustedDocumentsMode = (typeof TRUSTED_DOCUMENTS_MODES)[number];

const untrusted = () =>
  new AppError(
    'UNTRUSTED_DOCUMENT',
    'This server runs only the operations of @cdp-hub/sdk (its persisted-operations manifest); send one of those, by hash or as its exact text.',
    { http: { status: 400 } },
  );

/** Throws to refuse a request's document before anything is estimated or executed. */
export type DocumentGate = (queryHash: string, ctx: RequestContext) => void;

/**
 * Refuses, under TRUSTED_DOCUMENTS=only, a document whose sha256 is not in
 * the manifest, whether it came as a hash or as full text (Apollo hashes the
 * text it receives: `queryHash`). An ADMIN may run anything, so the
 * playground keeps working for the secretariat. The cost plugin calls it
 * first in its didResolveOperation (where Apollo turns a thrown error into a
 * response, before anything executes and before a registration is stored),
 * so an untrusted document is refused as such and never priced.
 */
export function trustedDocumentsGate(manifest: PersistedManifest): DocumentGate {
  return (queryHash, ctx) => {
    if (manifest.has(queryHash) || ctx.viewer?.role === UserRole.ADMIN) return;
    throw untrusted();
  };
}
