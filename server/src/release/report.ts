import type { GateVerdict } from './gate';
import type { ChangeLevel, SchemaChange } from './schema-diff';

const LEVEL_ORDER: ChangeLevel[] = ['BREAKING', 'DANGEROUS', 'SAFE'];
const HEADINGS: Record<ChangeLevel, string> = { BREAKING: 'Breaking', DANGEROUS: 'Dangerous', SAFE: 'Safe' };

const count = (changes: SchemaChange[], level: ChangeLevel) => changes.filter((change) => change.level === level).length;

/** The changes, breaking first, in the order the diff found them within a level. */
export const byLevel = (changes: SchemaChange[]) => LEVEL_ORDER.flatMap((level) => changes.filter((change) => change.level === level));

/** The gate's report, as `npm run schema:check` prints it: the comparison, every change with its level, the verdict. */
export function formatGateReport(verdict: GateVerdict): string {
  const { baseline, plan } = verdict.input;
  const lines: string[] = [];
  if (!baseline) {
    lines.push('Schema gate: no release yet, so nothing to compare with; the first `npm run release` keeps schema.graphql as the baseline.');
  } else {
    lines.push(`Schema gate: schema.graphql against ${baseline.label}`);
  }
  const files = plan.changesets.map((changeset) => `${changeset.id} (${changeset.sdkBump})`);
  lines.push(`Pending change files: ${files.length ? files.join(', ') : 'none'}`);
  lines.push(
    plan.sdk.bump === 'none'
      ? `Next release of @cdp-hub/sdk: none planned (${plan.sdk.oldVersion})`
      : `Next release of @cdp-hub/sdk: ${plan.sdk.oldVersion} -> ${plan.sdk.newVersion} (${plan.sdk.bump})`,
  );
  const { changes } = verdict;
  lines.push(
    `Changes: ${changes.length} (${count(changes, 'BREAKING')} breaking, ${count(changes, 'DANGEROUS')} dangerous, ${count(changes, 'SAFE')} safe)` +
      (changes.length ? `; they need a ${verdict.requiredBump} bump` : ''),
  );
  if (changes.length) lines.push('');
  const width = Math.max(...changes.map((change) => change.type.length), 0);
  for (const change of byLevel(changes)) {
    lines.push(`${change.level.padEnd(9)}  ${change.type.padEnd(width)}  ${change.path}: ${change.message}`);
    if (change.reason) lines.push(`${' '.repeat(11 + width + 2)}(${change.reason})`);
  }
  lines.push('');
  if (verdict.ok) {
    lines.push('Verdict: PASS');
  } else {
    lines.push(`Verdict: FAIL (${verdict.violations.length} violation${verdict.violations.length === 1 ? '' : 's'})`);
    for (const violation of verdict.violations) lines.push(`  - [${violation.rule}] ${violation.message}`);
  }
  return `${lines.join('\n')}\n`;
}

const escapeMarkdown = (text: string) => text.replace(/([\\`*_[\]<>])/g, '\\$1');

/** The "Schema changes" part of a release's changelog entry: what the diff found, grouped by level. */
export function formatChangelogSection(version: string, changes: SchemaChange[], comparedWith: string | undefined): string {
  const lines = ['### Schema changes', ''];
  if (!comparedWith) {
    lines.push(`The first release: its schema, \`sdk/schema/${version}.graphql\`, is the baseline later releases are compared with.`);
    return `${lines.join('\n')}\n`;
  }
  if (changes.length === 0) {
    lines.push(`None since ${comparedWith}.`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`Since ${comparedWith} (\`sdk/schema/${comparedWith}.graphql\`), as GraphQL Inspector's diff classifies them:`);
  for (const level of LEVEL_ORDER) {
    const ofLevel = changes.filter((change) => change.level === level);
    if (!ofLevel.length) continue;
    lines.push('', `#### ${HEADINGS[level]}`, '');
    for (const change of ofLevel) lines.push(`- \`${change.path}\`: ${escapeMarkdown(change.message)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Puts the schema changes into the new version's entry, after the lines Changesets wrote from the change files. */
export function insertIntoChangelog(changelog: string, version: string, section: string): string {
  const heading = `## ${version}\n`;
  const start = changelog.indexOf(heading);
  if (start < 0) throw new Error(`sdk/CHANGELOG.md has no "## ${version}" entry`);
  const next = changelog.indexOf('\n## ', start + heading.length);
  const end = next < 0 ? changelog.length : next + 1;
  const entry = changelog.slice(0, end).replace(/\n*$/, '\n\n');
  return `${entry}${section}${next < 0 ? '' : `\n${changelog.slice(end)}`}`;
}
