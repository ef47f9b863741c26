import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SDK_PACKAGE } from './change-plan';
import { runSchemaGate } from './gate';
import { lintIsClean, lintPackedSdk } from './package-lint';
import { releasedManifestFile, releasedSchemaFile, REPOSITORY_ROOT, sdkVersion } from './released-versions';
import { formatChangelogSection, formatGateReport, insertIntoChangelog } from './report';

const ROOT = REPOSITORY_ROOT;
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** Where the packed SDK tarballs go: under dist/, which git ignores; `npm publish <tarball>` takes them from there. */
const TARBALL_DIR = path.join(ROOT, 'dist', 'sdk-releases');
const CHANGELOG = path.join(ROOT, 'sdk', 'CHANGELOG.md');
const MANIFEST = path.join(ROOT, 'sdk', 'src', 'generated', 'persisted-operations.json');

const run = (file: string, args: string[]) => {
  console.log(`\n$ ${path.basename(file)} ${args.join(' ')}`);
  execFileSync(file, args, { cwd: ROOT, stdio: 'inherit' });
};

class ReleaseRefused extends Error {}

/**
 * `npm run release` (after `npm run build`): the gate must pass; then
 * Changesets applies the pending change files (versions, sdk/CHANGELOG.md),
 * the new entry gets the schema changes the diff found, schema.graphql and
 * the SDK's persisted-operations manifest are kept as the release's baseline
 * (sdk/schema/<version>.graphql, sdk/releases/<version>/), and the SDK is
 * packed into dist/sdk-releases/ and checked with publint and attw.
 */
async function main(): Promise<void> {
  const verdict = await runSchemaGate({ root: ROOT });
  process.stdout.write(formatGateReport(verdict));
  if (!verdict.ok) throw new ReleaseRefused('The schema gate failed: nothing was released.');
  const { plan, baseline } = verdict.input;
  if (plan.sdk.bump === 'none') throw new ReleaseRefused(`No pending change file bumps ${SDK_PACKAGE}: nothing to release.`);
  const version = plan.sdk.newVersion;
  if (fs.existsSync(releasedSchemaFile(ROOT, version))) throw new ReleaseRefused(`${version} is already released (sdk/schema/${version}.graphql exists).`);

  run(process.execPath, [require.resolve('@changesets/cli/bin.js'), 'version']);
  if (sdkVersion(ROOT) !== version) throw new Error(`changeset version made ${SDK_PACKAGE} ${sdkVersion(ROOT)}, not the planned ${version}`);
  // Changesets edits package.json files only; the lockfile records the workspaces' versions too.
  run(NPM, ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline']);

  fs.writeFileSync(CHANGELOG, insertIntoChangelog(fs.readFileSync(CHANGELOG, 'utf8'), version, formatChangelogSection(version, verdict.changes, baseline?.version)));
  fs.mkdirSync(path.dirname(releasedSchemaFile(ROOT, version)), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'schema.graphql'), releasedSchemaFile(ROOT, version));
  fs.mkdirSync(path.dirname(releasedManifestFile(ROOT, version)), { recursive: true });
  fs.copyFileSync(MANIFEST, releasedManifestFile(ROOT, version));

  run(NPM, ['run', 'build', '-w', SDK_PACKAGE]);
  fs.mkdirSync(TARBALL_DIR, { recursive: true });
  run(NPM, ['pack', '-w', SDK_PACKAGE, '--ignore-scripts', '--pack-destination', TARBALL_DIR]);
  const tarball = path.join(TARBALL_DIR, `cdp-hub-sdk-${version}.tgz`);
  const lint = await lintPackedSdk(ROOT, tarball);
  console.log(`\n$ ${lint.publint.command}\n${lint.publint.output}\n$ ${lint.attw.command}\n${lint.attw.output}`);
  if (!lintIsClean(lint)) throw new Error('publint or attw found problems in the packed SDK (above); fix them before publishing.');

  console.log(
    [
      '',
      `Released ${SDK_PACKAGE} ${version}. Commit:`,
      '  .changeset/ (the applied change files are gone), sdk/package.json, package-lock.json, sdk/CHANGELOG.md,',
      `  sdk/schema/${version}.graphql, sdk/releases/${version}/persisted-operations.json`,
      `The tarball is ${path.relative(ROOT, tarball)}.`,
    ].join('\n'),
  );
}

main().catch((err) => {
  console.error(err instanceof ReleaseRefused ? err.message : err);
  process.exit(1);
});
