import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runSchemaGate, type GateRule, type GateVerdict } from '../../server/src/release/gate';
import { releasedManifestFile, releasedVersions, sdkVersion } from '../../server/src/release/released-versions';
import { diffSchemas } from '../../server/src/release/schema-diff';
import { formatChangelogSection, formatGateReport, insertIntoChangelog } from '../../server/src/release/report';
import { schemaEdits as edit } from '../support/schema-edits';

/**
 * The breaking-change gate (server/src/release/gate.ts): schema.graphql
 * against the last release's schema and the pending change files. The first
 * test is the gate CI runs on the working tree; the others feed it
 * deliberate edits in a scratch repository (root package.json, sdk/, the
 * released baselines, .changeset/) and check its verdicts.
 */

const ROOT = path.resolve(__dirname, '..', '..');
/** The first release's schema, which never changes: the deliberate edits stay valid whatever later issues do to schema.graphql. */
const SCHEMA = fs.readFileSync(path.join(ROOT, 'sdk', 'schema', '1.0.0.graphql'), 'utf8');
const CLI = path.join(ROOT, 'server', 'dist', 'release', 'schema-check-cli.js');

const DEPRECATED_PASSWORD = 'Use the invitation link the new user receives: they choose their own password.';

interface Scratch {
  /** Released schemas by version; the last one is sdk/package.json's version. */
  releases: Record<string, string>;
  schema: string;
  /** Change files by id: the SDK's bump and the changelog text. */
  changesets?: Record<string, { bump: 'major' | 'minor' | 'patch'; summary: string }>;
}

const scratchRoots: string[] = [];

function scratchRepository({ releases, schema, changesets = {} }: Scratch): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-gate-'));
  scratchRoots.push(root);
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  const versions = Object.keys(releases);
  write('package.json', JSON.stringify({ name: 'scratch', private: true, workspaces: ['sdk'] }));
  write('sdk/package.json', JSON.stringify({ name: '@cdp-hub/sdk', version: versions.at(-1) }));
  write('.changeset/config.json', fs.readFileSync(path.join(ROOT, '.changeset', 'config.json'), 'utf8'));
  for (const [version, sdl] of Object.entries(releases)) write(`sdk/schema/${version}.graphql`, sdl);
  write('schema.graphql', schema);
  for (const [id, { bump, summary }] of Object.entries(changesets)) write(`.changeset/${id}.md`, `---\n"@cdp-hub/sdk": ${bump}\n---\n\n${summary}\n`);
  return root;
}

const gate = (scratch: Scratch) => runSchemaGate({ root: scratchRepository(scratch) });
const rules = (verdict: GateVerdict): GateRule[] => verdict.violations.map((violation) => violation.rule).sort();
const levels = (verdict: GateVerdict) => verdict.changes.map((change) => `${change.level} ${change.type} ${change.path}`);

/** The schema of 1.1.0 in the password story: createUser's password optional and deprecated, naming its replacement. */
const withDeprecatedPassword = (reason = DEPRECATED_PASSWORD) =>
  edit.deprecate(edit.replaceInputField(SCHEMA, 'CreateUserInput', 'password', 'password: String'), 'CreateUserInput', 'password', reason);
const withoutPassword = edit.removeField(SCHEMA, 'CreateUserInput', 'password');

afterAll(() => {
  for (const root of scratchRoots) fs.rmSync(root, { recursive: true, force: true });
});

describe('the schema gate on this repository (what CI runs)', () => {
  it('passes: schema.graphql against the last release and the pending change files', async () => {
    expect(releasedVersions(ROOT).length).toBeGreaterThan(0);
    const verdict = await runSchemaGate({ root: ROOT });
    // The report is the failure message: it lists every change with its level and each violation.
    expect({ ok: verdict.ok, report: formatGateReport(verdict) }).toEqual({ ok: true, report: expect.stringContaining('Verdict: PASS') });
  });
});

describe('the schema gate on deliberate edits', () => {
  it('passes an unchanged schema without a change file', async () => {
    const verdict = await gate({ releases: { '1.0.0': SCHEMA }, schema: SCHEMA });
    expect([verdict.ok, verdict.changes]).toEqual([true, []]);
  });

  it('classifies a new description as safe: it needs a change file, and a patch is enough', async () => {
    const schema = edit.describe(SCHEMA, 'Cohort', 'label', 'The cohort label, two consecutive years.');
    const without = await gate({ releases: { '1.0.0': SCHEMA }, schema });
    expect(levels(without)).toEqual(['SAFE FIELD_DESCRIPTION_CHANGED Cohort.label']);
    expect(rules(without)).toEqual(['change-file']);
    const withPatch = await gate({ releases: { '1.0.0': SCHEMA }, schema, changesets: { docs: { bump: 'patch', summary: 'Clearer description of `Cohort.label`.' } } });
    expect([withPatch.ok, withPatch.input.plan.sdk.newVersion]).toEqual([true, '1.0.1']);
  });

  it('classifies a new field as safe, an addition that needs a minor bump', async () => {
    const schema = edit.addField(SCHEMA, 'Cohort', 'nickname: String');
    const patch = await gate({ releases: { '1.0.0': SCHEMA }, schema, changesets: { nick: { bump: 'patch', summary: 'Add `Cohort.nickname`.' } } });
    expect(levels(patch)).toEqual(['SAFE FIELD_ADDED Cohort.nickname']);
    expect(rules(patch)).toEqual(['bump']);
    const minor = await gate({ releases: { '1.0.0': SCHEMA }, schema, changesets: { nick: { bump: 'minor', summary: 'Add `Cohort.nickname`.' } } });
    expect([minor.ok, minor.input.plan.sdk.newVersion]).toEqual([true, '1.1.0']);
  });

  it('classifies a new enum value as dangerous: a minor bump', async () => {
    const schema = edit.addEnumValue(SCHEMA, 'CohortStatus', 'POSTPONED');
    const patch = await gate({ releases: { '1.0.0': SCHEMA }, schema, changesets: { p: { bump: 'patch', summary: 'Add POSTPONED.' } } });
    expect(levels(patch)).toEqual(['DANGEROUS ENUM_VALUE_ADDED CohortStatus.POSTPONED']);
    expect(rules(patch)).toEqual(['bump']);
    const minor = await gate({ releases: { '1.0.0': SCHEMA }, schema, changesets: { p: { bump: 'minor', summary: 'Add POSTPONED.' } } });
    expect(minor.ok).toBe(true);
  });

  describe('createUser losing its password (a removed input field: breaking)', () => {
    it('fails without a change file: undeclared, no major bump, never deprecated', async () => {
      const verdict = await gate({ releases: { '1.0.0': SCHEMA }, schema: withoutPassword });
      expect(levels(verdict)).toEqual(['BREAKING INPUT_FIELD_REMOVED CreateUserInput.password']);
      expect(rules(verdict)).toEqual(['change-file', 'declaration', 'deprecation']);
      expect(formatGateReport(verdict)).toMatch(/^BREAKING +INPUT_FIELD_REMOVED +CreateUserInput\.password: Input field 'password' was removed/m);
    });

    it('fails with a minor change file: a breaking change needs a major bump that declares it', async () => {
      const verdict = await gate({
        releases: { '1.0.0': SCHEMA },
        schema: withoutPassword,
        changesets: { nopassword: { bump: 'minor', summary: 'Remove `CreateUserInput.password`.' } },
      });
      expect(rules(verdict)).toEqual(['bump', 'declaration', 'deprecation']);
    });

    it('fails with a declared major bump when the field was never deprecated in a release', async () => {
      const verdict = await gate({
        releases: { '1.0.0': SCHEMA },
        schema: withoutPassword,
        changesets: { nopassword: { bump: 'major', summary: 'Remove `CreateUserInput.password`: new users choose their own.' } },
      });
      expect(verdict.input.plan.sdk.newVersion).toBe('2.0.0');
      expect(rules(verdict)).toEqual(['deprecation']);
      expect(verdict.violations[0]!.message).toMatch(/CreateUserInput\.password was removed without being deprecated in a release/);
    });

    it('fails when the major change file does not name the breaking change', async () => {
      const verdict = await gate({
        releases: { '1.0.0': SCHEMA, '1.1.0': withDeprecatedPassword() },
        schema: withoutPassword,
        changesets: { nopassword: { bump: 'major', summary: 'New users choose their own password.' } },
      });
      expect(rules(verdict)).toEqual(['declaration']);
    });

    it("fails when the release's deprecation reason names no replacement", async () => {
      const verdict = await gate({
        releases: { '1.0.0': SCHEMA, '1.1.0': withDeprecatedPassword('No longer needed.') },
        schema: withoutPassword,
        changesets: { nopassword: { bump: 'major', summary: 'Remove `CreateUserInput.password`.' } },
      });
      expect(rules(verdict)).toEqual(['deprecation']);
      expect(verdict.violations[0]!.message).toMatch(/names no replacement/);
    });

    it('passes once deprecated with a replacement in a release (1.1.0), then removed in a declared major (2.0.0)', async () => {
      // The deprecation release itself: an input field made optional and deprecated is a safe change, a minor bump.
      const deprecation = await gate({
        releases: { '1.0.0': SCHEMA },
        schema: withDeprecatedPassword(),
        changesets: { deprecate: { bump: 'minor', summary: 'Deprecate `CreateUserInput.password`: new users will choose their own.' } },
      });
      expect(deprecation.changes.map((change) => change.level)).not.toContain('BREAKING');
      expect([deprecation.ok, deprecation.input.plan.sdk.newVersion]).toEqual([true, '1.1.0']);

      const removal = await gate({
        releases: { '1.0.0': SCHEMA, '1.1.0': withDeprecatedPassword() },
        schema: withoutPassword,
        changesets: { nopassword: { bump: 'major', summary: 'Remove `CreateUserInput.password`, deprecated since 1.1.0.' } },
      });
      expect(levels(removal)).toEqual(['BREAKING INPUT_FIELD_REMOVED CreateUserInput.password']);
      expect([removal.ok, removal.violations, removal.input.plan.sdk.newVersion]).toEqual([true, [], '2.0.0']);
    });
  });

  it('classifies a new required argument as breaking: it passes only as a declared major change', async () => {
    const schema = edit.addArgument(SCHEMA, 'Query', 'regions', 'language: String!');
    const undeclared = await gate({ releases: { '1.0.0': SCHEMA }, schema, changesets: { lang: { bump: 'minor', summary: 'Regions in a language.' } } });
    expect(levels(undeclared)).toEqual(['BREAKING FIELD_ARGUMENT_ADDED Query.regions.language']);
    expect(rules(undeclared)).toEqual(['bump', 'declaration']);
    const declared = await gate({ releases: { '1.0.0': SCHEMA }, schema, changesets: { lang: { bump: 'major', summary: '`Query.regions.language` is required.' } } });
    expect(declared.ok).toBe(true);
  });
});

describe('npm run schema:check (the CLI)', () => {
  const check = (root: string) =>
    new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [CLI, '--root', root], { timeout: 30_000 }, (error, stdout) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout: String(stdout) }),
      );
    });

  beforeAll(() => {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: build the server first (\`npm run build\`; \`npm test\` builds before jest)`);
  });

  it('exits 1 on an undeclared breaking change and prints each change with its level and each violation', async () => {
    const { code, stdout } = await check(scratchRepository({ releases: { '1.0.0': SCHEMA }, schema: withoutPassword }));
    expect(code).toBe(1);
    expect(stdout).toMatch(/against release 1\.0\.0 \(sdk\/schema\/1\.0\.0\.graphql\)/);
    expect(stdout).toMatch(/Changes: 1 \(1 breaking, 0 dangerous, 0 safe\); they need a major bump/);
    expect(stdout).toMatch(/^BREAKING +INPUT_FIELD_REMOVED +CreateUserInput\.password/m);
    expect(stdout).toMatch(/Verdict: FAIL \(3 violations\)/);
    expect(stdout).toMatch(/\[declaration\] Breaking change not declared/);
  });

  it('exits 0 on a safe change with its change file', async () => {
    const root = scratchRepository({
      releases: { '1.0.0': SCHEMA },
      schema: edit.addField(SCHEMA, 'Cohort', 'nickname: String'),
      changesets: { nick: { bump: 'minor', summary: 'Add `Cohort.nickname`.' } },
    });
    const { code, stdout } = await check(root);
    expect(stdout).toMatch(/^SAFE +FIELD_ADDED +Cohort\.nickname/m);
    expect(stdout).toMatch(/Next release of @cdp-hub\/sdk: 1\.0\.0 -> 1\.1\.0 \(minor\)/);
    expect([code, stdout]).toEqual([0, expect.stringContaining('Verdict: PASS')]);
  });
});

describe('the releases kept in the repository', () => {
  const versions = releasedVersions(ROOT);
  const changelog = fs.readFileSync(path.join(ROOT, 'sdk', 'CHANGELOG.md'), 'utf8');

  it("the last release is sdk/package.json's version, 1.0.0 or later", () => {
    expect(versions[0]).toBe('1.0.0');
    expect(versions.at(-1)).toBe(sdkVersion(ROOT));
  });

  it.each(versions)('%s has its schema baseline, its persisted-operations manifest and a changelog entry with its schema changes', (version) => {
    expect(fs.existsSync(releasedManifestFile(ROOT, version))).toBe(true);
    const entry = changelog.slice(changelog.indexOf(`\n## ${version}\n`));
    expect(entry).toMatch(/^\n## \S+\n[\s\S]*?\n### Schema changes\n/);
  });
});

describe("the release's changelog section", () => {
  it('lists the changes the diff found, grouped as breaking, dangerous and safe', async () => {
    const schema = edit.addEnumValue(edit.addField(withoutPassword, 'Cohort', 'nickname: String'), 'CohortStatus', 'POSTPONED');
    const section = formatChangelogSection('2.0.0', await diffSchemas(SCHEMA, schema), '1.1.0');
    expect(section).toBe(
      [
        '### Schema changes',
        '',
        "Since 1.1.0 (`sdk/schema/1.1.0.graphql`), as GraphQL Inspector's diff classifies them:",
        '',
        '#### Breaking',
        '',
        "- `CreateUserInput.password`: Input field 'password' was removed from input object type 'CreateUserInput'",
        '',
        '#### Dangerous',
        '',
        "- `CohortStatus.POSTPONED`: Enum value 'POSTPONED' was added to enum 'CohortStatus'",
        '',
        '#### Safe',
        '',
        "- `Cohort.nickname`: Field 'nickname' was added to object type 'Cohort'",
        '',
      ].join('\n'),
    );
  });

  it("goes at the end of the new version's entry, before the previous versions", () => {
    const written = '# @cdp-hub/sdk\n\n## 1.1.0\n\n### Minor Changes\n\n- Add it.\n\n## 1.0.0\n\n### Major Changes\n\n- First.\n';
    expect(insertIntoChangelog(written, '1.1.0', '### Schema changes\n\nNone since 1.0.0.\n')).toBe(
      '# @cdp-hub/sdk\n\n## 1.1.0\n\n### Minor Changes\n\n- Add it.\n\n### Schema changes\n\nNone since 1.0.0.\n\n## 1.0.0\n\n### Major Changes\n\n- First.\n',
    );
  });
});
