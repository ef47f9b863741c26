import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, type GraphQLSchema } from 'graphql';
import { readChangePlan, SDK_PACKAGE, type ChangePlan } from './change-plan';
import { releasedSchemaFile, releasedVersions, sdkVersion } from './released-versions';
import { diffSchemas, type SchemaChange } from './schema-diff';
import { bumpRank, parseVersion, type Bump } from './versions';

/** A deprecation reason names its replacement: "Use `credential` ...". */
export const NAMES_A_REPLACEMENT = /\bUse\b/;

export type GateRule = 'change-file' | 'bump' | 'major-version' | 'declaration' | 'deprecation';

export interface Violation {
  rule: GateRule;
  /** The schema element at fault, when there is one. */
  path?: string;
  message: string;
}

export interface GateInput {
  /** The last release's schema (or, for a report, any schema to compare with). Undefined before the first release. */
  baseline: { label: string; version?: string; sdl: string } | undefined;
  /** The schema being checked (schema.graphql). */
  sdl: string;
  /** Every released schema, oldest first: where removed elements must have been deprecated. */
  releases: Array<{ version: string; schema: GraphQLSchema }>;
  plan: ChangePlan;
}

export interface GateVerdict {
  input: Omit<GateInput, 'releases' | 'sdl'>;
  changes: SchemaChange[];
  /** The least bump of @cdp-hub/sdk the changes need. */
  requiredBump: Bump;
  violations: Violation[];
  ok: boolean;
}

const mentions = (summary: string, change: SchemaChange) =>
  summary.includes(change.path) || (change.removal !== undefined && summary.includes(change.removal.coordinate));

/**
 * The gate's rules, over the changes GraphQL Inspector found:
 * - any change needs a pending change file that bumps @cdp-hub/sdk (every API change reaches the changelog);
 * - the bump is at least what the changes need: major for a breaking change, minor for a dangerous change,
 *   an addition or a deprecation, patch otherwise; with a breaking change the SDK's major version rises;
 * - each breaking change is declared: a change file that bumps the SDK by major names its path
 *   (e.g. `CreateUserInput.password`);
 * - a removed field, input field, argument or enum value was deprecated in at least one release, with a
 *   reason that names its replacement ("Use ...").
 */
export async function evaluateGate(input: GateInput): Promise<GateVerdict> {
  const { baseline, sdl, releases, plan } = input;
  const changes = baseline ? await diffSchemas(baseline.sdl, sdl) : [];
  const requiredBump = changes.reduce<Bump>((bump, change) => (bumpRank(change.bump) > bumpRank(bump) ? change.bump : bump), 'none');
  const violations: Violation[] = [];

  if (changes.length > 0 && plan.sdk.bump === 'none') {
    violations.push({
      rule: 'change-file',
      message: `The schema changed since ${baseline!.label}, but no pending change file bumps ${SDK_PACKAGE}: add one with \`npx changeset\` (a ${requiredBump} bump, and a line for the changelog).`,
    });
  } else if (bumpRank(plan.sdk.bump) < bumpRank(requiredBump)) {
    violations.push({
      rule: 'bump',
      message: `The changes need a ${requiredBump} bump of ${SDK_PACKAGE}; the pending change files give ${plan.sdk.bump} (${plan.sdk.oldVersion} -> ${plan.sdk.newVersion}).`,
    });
  }

  const breaking = changes.filter((change) => change.level === 'BREAKING');
  // With a major bump planned, the version must still rise past the last release's major (sdk/package.json may have been edited by hand).
  if (breaking.length > 0 && baseline?.version && plan.sdk.bump === 'major') {
    const [from, to] = [parseVersion(baseline.version), parseVersion(plan.sdk.newVersion)];
    if (from && to && to.major <= from.major) {
      violations.push({
        rule: 'major-version',
        message: `Breaking changes need a new major version: the next release would be ${plan.sdk.newVersion}, after ${baseline.version}.`,
      });
    }
  }

  const majorSummaries = plan.changesets.filter((changeset) => changeset.sdkBump === 'major').map((changeset) => changeset.summary);
  for (const change of breaking) {
    if (!majorSummaries.some((summary) => mentions(summary, change))) {
      violations.push({
        rule: 'declaration',
        path: change.path,
        message: `Breaking change not declared: a change file that bumps ${SDK_PACKAGE} by major must name \`${change.path}\` (${change.message}).`,
      });
    }
  }

  for (const change of changes) {
    const removal = change.removal;
    if (!removal) continue;
    const deprecations = releases.flatMap(({ version, schema }) => {
      const reason = removal.deprecationIn(schema);
      return reason === undefined ? [] : [{ version, reason }];
    });
    if (deprecations.length === 0) {
      violations.push({
        rule: 'deprecation',
        path: removal.coordinate,
        message: `The ${removal.kind} ${removal.coordinate} was removed without being deprecated in a release: deprecate it first (@deprecated(reason: "Use ...")), release that, and remove it in a later major version.`,
      });
    } else if (!deprecations.some(({ reason }) => NAMES_A_REPLACEMENT.test(reason))) {
      violations.push({
        rule: 'deprecation',
        path: removal.coordinate,
        message: `The ${removal.kind} ${removal.coordinate} was deprecated (in ${deprecations.map((d) => d.version).join(', ')}) with a reason that names no replacement ("${deprecations[0]!.reason}"): the reason must say what to use instead ("Use ...").`,
      });
    }
  }

  return { input: { baseline, plan }, changes, requiredBump, violations, ok: violations.length === 0 };
}

export interface SchemaGateOptions {
  /** The repository root: schema.graphql, sdk/schema/, sdk/package.json, .changeset/. */
  root: string;
  /** The schema to check; schema.graphql at the root by default. */
  schemaFile?: string;
  /** Compare with this schema file instead of the last release (for a report over any two schemas). */
  againstFile?: string;
}

/** Reads the schema, the released baselines and the pending change files, and applies the gate. */
export async function runSchemaGate({ root, schemaFile = path.join(root, 'schema.graphql'), againstFile }: SchemaGateOptions): Promise<GateVerdict> {
  const versions = releasedVersions(root);
  const latest = versions.at(-1);
  const releases = versions.map((version) => ({ version, schema: buildSchema(fs.readFileSync(releasedSchemaFile(root, version), 'utf8')) }));
  const baseline = againstFile
    ? { label: path.relative(root, againstFile).startsWith('..') ? againstFile : path.relative(root, againstFile), sdl: fs.readFileSync(againstFile, 'utf8') }
    : latest
      ? { label: `release ${latest} (${path.relative(root, releasedSchemaFile(root, latest))})`, version: latest, sdl: fs.readFileSync(releasedSchemaFile(root, latest), 'utf8') }
      : undefined;
  const plan = await readChangePlan(root);
  if (plan.sdk.bump === 'none') plan.sdk.oldVersion = plan.sdk.newVersion = sdkVersion(root);
  return evaluateGate({ baseline, sdl: fs.readFileSync(schemaFile, 'utf8'), releases, plan });
}
