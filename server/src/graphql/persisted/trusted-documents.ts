import type { Viewer } from '../../modules/user/viewer';
import { UserRole } from '../../modules/user/user-role';
import { AppError } from '../errors';
import { sha256Hex, type PersistedManifest } from './manifest';

/** TRUSTED_DOCUMENTS: `only` runs the manifest's documents alone (ADMIN callers excepted); `allow` runs any document. */
export const TRUSTED_DOCUMENTS_MODES = ['only', 'allow'] as const;
export type TrustedDocumentsMode = (typeof TRUSTED_DOCUMENTS_MODES)[number];

const untrusted = () =>
  new AppError(
    'UNTRUSTED_DOCUMENT',
    'This server runs only the operations of @cdp-hub/sdk (its persisted-operations manifest); send one of those, by hash or as its exact text.',
    { http: { status: 400 } },
  );

/** A GraphQL request over HTTP as Apollo reads it: a POST's JSON body, or a GET's URL search (`?query=...`). */
export interface GraphQLHttpRequest {
  method: string;
  body: unknown;
  search: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every document text the request gives Apollo to parse: the `query` of a
 * POST body (of each request of a batch) or each `query` of a GET's URL. A
 * request by hash alone carries none: Apollo looks its text up in the
 * persisted-query store, which under `only` holds the manifest alone.
 */
export function documentTexts({ method, body, search }: GraphQLHttpRequest): string[] {
  switch (method.toUpperCase()) {
    case 'GET':
      return new URLSearchParams(search).getAll('query');
    case 'POST':
      return (Array.isArray(body) ? body : [body]).flatMap((request) => (isRecord(request) && typeof request.query === 'string' ? [request.query] : []));
    default:
      return [];
  }
}

/** Throws to refuse a request before Apollo parses anything of it. */
export type DocumentGate = (request: GraphQLHttpRequest, viewer: Viewer | null) => void;

/**
 * Refuses, under TRUSTED_DOCUMENTS=only, a request that carries a document
 * text whose sha256 is not in the manifest. It runs when the request's
 * context is made (app.ts), before Apollo parses or validates the text: an
 * untrusted document gets no parse or validation error, so nobody but an
 * ADMIN can probe the schema with "Did you mean" hints while introspection
 * is refused. An ADMIN may run anything, so the playground keeps working
 * for the secretariat.
 */
export function trustedDocumentsGate(manifest: PersistedManifest): DocumentGate {
  return (request, viewer) => {
    if (viewer?.role === UserRole.ADMIN) return;
    if (documentTexts(request).some((text) => !manifest.has(sha256Hex(text)))) throw untrusted();
  };
}
