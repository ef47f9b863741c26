import fs from 'node:fs';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { releasedManifestFile, releasedVersions, REPOSITORY_ROOT, sdkVersion } from '../../release/released-versions';
import { parseVersion } from '../../release/versions';
import { readManifestOperations, type PersistedManifest, type PersistedOperation } from './manifest';

/** An operation of a released SDK: what clients still on that version send. */
export interface ReleasedOperation extends PersistedOperation {
  /** The SDK release it comes from. */
  version: string;
}

/**
 * The releases whose operations the server keeps accepting: those of the
 * current major version of the SDK and of the one before it. A client one
 * major behind keeps working as long as its documents validate.
 */
export function supportedReleases(versions: readonly string[], current: string): string[] {
  const major = parseVersion(current)?.major;
  if (major === undefined) return [];
  return versions.filter((version) => {
    const released = parseVersion(version);
    return released !== undefined && released.major >= major - 1 && released.major <= major;
  });
}

/** The operations of the supported releases' manifests (sdk/releases/<version>/persisted-operations.json). */
export function readReleasedOperations(root: string = REPOSITORY_ROOT, current: string = sdkVersion(root)): ReleasedOperation[] {
  return supportedReleases(releasedVersions(root), current).flatMap((version) => {
    const file = releasedManifestFile(root, version);
    return fs.existsSync(file) ? readManifestOperations(file).map((operation) => ({ ...operation, version })) : [];
  });
}

/** A released operation that no longer validates against the schema. */
export interface RetiredOperation {
  name: string;
  /** The newest release that has it. */
  version: string;
}

export interface PersistedDocuments {
  /** What runs by hash (and, under TRUSTED_DOCUMENTS=only, as text): the current manifest and the released operations that still validate. */
  trusted: PersistedManifest;
  /** Released operations refused with PERSISTED_QUERY_RETIRED, by hash. */
  retired: ReadonlyMap<string, RetiredOperation>;
}

/**
 * Splits the released operations by the current schema: one that still
 * validates is trusted like the current SDK's own; one that selects a field,
 * argument or value since removed is retired, refused with a code that tells
 * its client to upgrade rather than a validation error.
 */
export function persistedDocuments(schema: GraphQLSchema, current: PersistedManifest, released: readonly ReleasedOperation[]): PersistedDocuments {
  const trusted = new Map(current);
  const retired = new Map<string, RetiredOperation>();
  for (const operation of released) {
    if (trusted.has(operation.id)) continue;
    if (validate(schema, parse(operation.body)).length === 0) {
      trusted.set(operation.id, operation.body);
      retired.delete(operation.id);
    } else {
      retired.set(operation.id, { name: operation.name, version: operation.version });
    }
  }
  return { trusted, retired };
}
