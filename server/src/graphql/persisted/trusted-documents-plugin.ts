import type { ApolloServerPlugin } from '@apollo/server';
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

/**
 * Refuses, under TRUSTED_DOCUMENTS=only, a document whose sha256 is not in
 * the manifest, whether it came as a hash or as full text (Apollo hashes the
 * text it receives: `queryHash`). An ADMIN may run anything, so the
 * playground keeps working for the secretariat; knowing the caller needs the
 * context, hence a plugin. didResolveOperation is the hook where Apollo turns
 * a thrown error into a response; it runs before anything executes and
 * before a registration is stored. Listed before the cost plugin, so an
 * untrusted document is refused as such, not for its cost.
 */
export function trustedDocumentsPlugin(manifest: PersistedManifest): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash, contextValue }) {
          if (manifest.has(queryHash) || contextValue.viewer?.role === UserRole.ADMIN) return;
          throw untrusted();
        },
      };
    },
  };
}
