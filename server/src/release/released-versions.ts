import fs from 'node:fs';
import path from 'node:path';
import { compareVersions, parseVersion } from './versions';

/** The repository root, from server/src/release or server/dist/release. */
export const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * Where a release is kept (committed, so that CI and the server need nothing
 * but the repository): its schema, the baseline later schemas are compared
 * with, and the persisted-operations manifest of its SDK, the documents
 * clients of that version send.
 */
export const releasedSchemaFile = (root: string, version: string) => path.join(root, 'sdk', 'schema', `${version}.graphql`);
export const releasedManifestFile = (root: string, version: string) => path.join(root, 'sdk', 'releases', version, 'persisted-operations.json');

/** The versions released so far (those with a schema baseline), oldest first. */
export function releasedVersions(root: string = REPOSITORY_ROOT): string[] {
  const dir = path.join(root, 'sdk', 'schema');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.graphql') && parseVersion(file.slice(0, -'.graphql'.length)))
    .map((file) => file.slice(0, -'.graphql'.length))
    .sort(compareVersions);
}

/** The version in sdk/package.json: the released one, or the one being prepared by `npm run release`. */
export function sdkVersion(root: string = REPOSITORY_ROOT): string {
  return (JSON.parse(fs.readFileSync(path.join(root, 'sdk', 'package.json'), 'utf8')) as { version: string }).version;
}
