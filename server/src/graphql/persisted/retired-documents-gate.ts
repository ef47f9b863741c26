import { AppError } from '../errors';
import { sha256Hex } from './manifest';
import type { RetiredOperation } from './released-operations';
import { documentTexts, type DocumentGate, type GraphQLHttpRequest } from './trusted-documents';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The persisted-query hashes a request names: `extensions.persistedQuery.sha256Hash` of a POST body (each of a batch) or of a GET's `extensions`. */
export function persistedHashes({ method, body, search }: GraphQLHttpRequest): string[] {
  let extensions: unknown[] = [];
  if (method.toUpperCase() === 'POST') {
    extensions = (Array.isArray(body) ? body : [body]).map((request) => (isRecord(request) ? request.extensions : undefined));
  } else if (method.toUpperCase() === 'GET') {
    extensions = new URLSearchParams(search).getAll('extensions').map((text) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return undefined; // Apollo answers the malformed parameter itself.
      }
    });
  }
  return extensions.flatMap((ext) => {
    const hash = isRecord(ext) && isRecord(ext.persistedQuery) ? ext.persistedQuery.sha256Hash : undefined;
    return typeof hash === 'string' ? [hash] : [];
  });
}

/**
 * Refuses, whatever TRUSTED_DOCUMENTS says and whoever asks, an operation of
 * a released SDK that no longer validates against the schema (by hash or as
 * its text) with PERSISTED_QUERY_RETIRED, HTTP 400: the client learns that
 * its SDK version is too old for this operation, instead of the
 * PERSISTED_QUERY_NOT_FOUND that would make it send the text and then a
 * validation error.
 */
export function retiredDocumentsGate(retired: ReadonlyMap<string, RetiredOperation>): DocumentGate | undefined {
  if (retired.size === 0) return undefined;
  return (request) => {
    const hashes = [...persistedHashes(request), ...documentTexts(request).map(sha256Hex)];
    const operation = hashes.map((hash) => retired.get(hash)).find((found) => found !== undefined);
    if (!operation) return;
    throw new AppError(
      'PERSISTED_QUERY_RETIRED',
      `The operation ${operation.name} of @cdp-hub/sdk ${operation.version} uses parts of the API that were removed; upgrade the SDK.`,
      { operationName: operation.name, sdkVersion: operation.version, http: { status: 400 } },
    );
  };
}
