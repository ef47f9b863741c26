/**
 * Proves that schema.graphql is Relay-compatible: relay-compiler compiles the Relay-style
 * operations in tests/relay (pagination fragments with @connection over root and nested
 * connections, @refetchable fragments refetched through `node(id:)`, node/nodes lookups)
 * against the committed schema without errors.
 *
 * relay-compiler checks what a Relay client relies on and a plain GraphQL validator does not:
 * a `Node` interface with `id: ID!` and `Query.node(id: ID!): Node` (for @refetchable), and
 * connections shaped as edges { cursor node } plus pageInfo { hasNextPage hasPreviousPage
 * startCursor endCursor } with first/after/last/before arguments (for @connection).
 *
 * The compiler writes its artifacts to the git-ignored tests/.artifacts/relay/__generated__.
 * The negative cases compile in temporary directories, to show the check fails when the
 * operations or the schema stop fitting Relay.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';

const ROOT = path.resolve(__dirname, '..', '..');
const RELAY_DIR = path.join(ROOT, 'tests', 'relay');
const SCHEMA_FILE = path.join(ROOT, 'schema.graphql');
const ARTIFACTS_ROOT = path.join(ROOT, 'tests', '.artifacts', 'relay');
/** Must match `artifactDirectory` in tests/relay/relay.config.json. */
const ARTIFACTS = path.join(ARTIFACTS_ROOT, '__generated__');

/**
 * The native compiler binary for this platform, as resolved by the relay-compiler package
 * (its cli.js wrapper only spawns this binary). Null on platforms Relay ships no binary for.
 */
const RELAY_BINARY: string | null = require('relay-compiler');

const COMPILE_TIMEOUT_MS = 120_000;

interface CompileResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, without colour codes. */
  output: string;
}

const stripAnsi = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

/**
 * Runs relay-compiler in `cwd` with the config file there. An explicitly named config's
 * relative paths are resolved from the working directory, so the compiler runs where the
 * config lives.
 */
function compile(cwd: string): CompileResult {
  if (!RELAY_BINARY) throw new Error(`relay-compiler ships no binary for ${process.platform}/${process.arch}`);
  const result = spawnSync(RELAY_BINARY, ['relay.config.json', '--noWatchman', '--output', 'verbose'], {
    cwd,
    encoding: 'utf8',
    timeout: COMPILE_TIMEOUT_MS,
  });
  if (result.error) throw result.error;
  const stdout = stripAnsi(result.stdout);
  const stderr = stripAnsi(result.stderr);
  return { status: result.status, signal: result.signal, stdout, stderr, output: `${stdout}\n${stderr}` };
}

/** The operation text Relay would send to the server, read from a generated request artifact. */
function operationText(artifact: string): string {
  const source = fs.readFileSync(path.join(ARTIFACTS, artifact), 'utf8');
  const match = /"text": ("(?:[^"\\]|\\.)*")/.exec(source);
  if (!match) throw new Error(`${artifact} has no operation text`);
  return JSON.parse(match[1]) as string;
}

/** A scratch Relay project: the given sources, a schema text, an empty artifact directory. */
function scratchProject(sources: Record<string, string>, schemaText: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-relay-'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.mkdirSync(path.join(dir, '__generated__'));
  for (const [name, text] of Object.entries(sources)) fs.writeFileSync(path.join(dir, 'src', name), text);
  fs.writeFileSync(path.join(dir, 'schema.graphql'), schemaText);
  const config = JSON.parse(fs.readFileSync(path.join(RELAY_DIR, 'relay.config.json'), 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(
    path.join(dir, 'relay.config.json'),
    JSON.stringify({ ...config, src: 'src', schema: 'schema.graphql', artifactDirectory: '__generated__' }),
  );
  return dir;
}

const fixture = (name: string) => fs.readFileSync(path.join(RELAY_DIR, name), 'utf8');

/** Replaces exactly one occurrence of `pattern` in the schema, so a no-op edit cannot pass. */
function editedSchema(pattern: RegExp, replacement: string): string {
  const schema = fs.readFileSync(SCHEMA_FILE, 'utf8');
  expect(schema.match(new RegExp(pattern.source, `${pattern.flags}g`))).toHaveLength(1);
  return schema.replace(pattern, replacement);
}

describe('relay-compiler against schema.graphql', () => {
  const scratchDirs: string[] = [];
  afterAll(() => {
    for (const dir of scratchDirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('the Relay-style operations in tests/relay', () => {
    let result: CompileResult;

    beforeAll(() => {
      // A stale artifact from an earlier run must not make this pass.
      fs.rmSync(ARTIFACTS_ROOT, { recursive: true, force: true });
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      result = compile(RELAY_DIR);
    }, COMPILE_TIMEOUT_MS);

    it('compile without errors or warnings', () => {
      expect({ status: result.status, signal: result.signal, stderr: result.stderr }).toEqual({
        status: 0,
        signal: null,
        stderr: '',
      });
      expect(result.stdout).not.toMatch(/\[(ERROR|WARN)\]/);
      expect(result.stdout).toMatch(/Compilation completed/);
    });

    it('generate an artifact for every operation, fragment and refetch query', () => {
      expect(fs.readdirSync(ARTIFACTS).sort()).toEqual(
        expect.arrayContaining([
          'CohortAssociatesPaginationQuery.graphql.ts',
          'CohortAssociates_cohort.graphql.ts',
          'CohortListPaginationQuery.graphql.ts',
          'CohortListQuery.graphql.ts',
          'CohortList_query.graphql.ts',
          'NodeLookupManyQuery.graphql.ts',
          'NodeLookupQuery.graphql.ts',
          'NodeLookupResearchRefetchQuery.graphql.ts',
          'NodeLookup_research.graphql.ts',
          'ResearchSearchPaginationQuery.graphql.ts',
          'ResearchSearchQuery.graphql.ts',
          'ResearchSearch_query.graphql.ts',
        ]),
      );
    });

    it('refetch fragments on Node types through Query.node(id:)', () => {
      for (const [artifact, fragmentType] of [
        ['CohortAssociatesPaginationQuery.graphql.ts', 'Cohort'],
        ['NodeLookupResearchRefetchQuery.graphql.ts', 'ResearchProject'],
      ]) {
        const text = operationText(artifact);
        expect(text).toMatch(/\$id: ID!/);
        expect(text).toContain('node(id: $id) {');
        expect(text).toContain(` on ${fragmentType} {`);
      }
      const fragment = fs.readFileSync(path.join(ARTIFACTS, 'CohortAssociates_cohort.graphql.ts'), 'utf8');
      expect(fragment).toMatch(/"fragmentPathInResult": \[\s*"node"\s*\]/);
      expect(fragment).toMatch(/"identifierField": "id"/);
    });

    it('add the connection selections Relay needs to paginate', () => {
      // Forward-only connections: Relay asks for cursor, endCursor and hasNextPage.
      for (const artifact of ['CohortListPaginationQuery.graphql.ts', 'ResearchSearchPaginationQuery.graphql.ts']) {
        const text = operationText(artifact);
        expect(text).toMatch(/edges \{[\s\S]*__typename\s+\}\s+cursor\s+\}/);
        expect(text).toMatch(/pageInfo \{\s+endCursor\s+hasNextPage\s+\}/);
      }
      // The bidirectional nested connection also needs the backward half of PageInfo.
      expect(operationText('CohortAssociatesPaginationQuery.graphql.ts')).toMatch(
        /pageInfo \{\s+endCursor\s+hasNextPage\s+hasPreviousPage\s+startCursor\s+\}/,
      );
      // searchResearch's required `query` argument keys the connection in the store.
      const search = fs.readFileSync(path.join(ARTIFACTS, 'ResearchSearch_query.graphql.ts'), 'utf8');
      expect(search).toContain('"__ResearchSearch_searchResearch_connection"');
    });

    it('produce operation texts the server schema accepts', () => {
      const schema = buildSchema(fs.readFileSync(SCHEMA_FILE, 'utf8'));
      const requests = fs
        .readdirSync(ARTIFACTS)
        .filter((file) => /Query\.graphql\.ts$/.test(file))
        .sort();
      expect(requests).toHaveLength(8);
      for (const artifact of requests) {
        const errors = validate(schema, parse(operationText(artifact))).map((error) => error.message);
        expect({ artifact, errors }).toEqual({ artifact, errors: [] });
      }
    });
  });

  describe('fails when Relay cannot use what it is given', () => {
    it('an operation selecting a field the schema lacks', () => {
      const dir = scratchProject(
        {
          'graphql.ts': fixture('graphql.ts'),
          'Broken.ts': [
            "import { graphql } from './graphql';",
            'export const brokenQuery = graphql`',
            '  query BrokenQuery {',
            '    cohorts(first: 1) @connection(key: "Broken_cohorts") {',
            '      edges { node { id notARealField } }',
            '    }',
            '  }',
            '`;',
            '',
          ].join('\n'),
        },
        fs.readFileSync(SCHEMA_FILE, 'utf8'),
      );
      scratchDirs.push(dir);
      const result = compile(dir);
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/The type `Cohort` has no field `notARealField`/);
    }, COMPILE_TIMEOUT_MS);

    it('a schema whose PageInfo has no endCursor, for every @connection', () => {
      const dir = scratchProject(
        {
          'graphql.ts': fixture('graphql.ts'),
          'CohortList.ts': fixture('CohortList.ts'),
          'CohortAssociates.ts': fixture('CohortAssociates.ts'),
          'ResearchSearch.ts': fixture('ResearchSearch.ts'),
        },
        editedSchema(/^ {2}endCursor: String$/m, '  lastCursor: String'),
      );
      scratchDirs.push(dir);
      const result = compile(dir);
      expect(result.status).not.toBe(0);
      for (const connection of ['CohortConnection', 'ProfessionalAssociateConnection', 'ResearchProjectConnection']) {
        expect(result.output).toContain(
          `Expected the field type '${connection}' to expose a 'pageInfo { endCursor }' field`,
        );
      }
    }, COMPILE_TIMEOUT_MS);

    it('a schema without Query.node(id:), for a @refetchable fragment on a Node type', () => {
      const dir = scratchProject(
        { 'graphql.ts': fixture('graphql.ts'), 'CohortAssociates.ts': fixture('CohortAssociates.ts') },
        editedSchema(/^ {2}node\($/m, '  objectById('),
      );
      scratchDirs.push(dir);
      const result = compile(dir);
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/Invalid use of @refetchable on fragment 'CohortAssociates_cohort'/);
    }, COMPILE_TIMEOUT_MS);
  });
});
