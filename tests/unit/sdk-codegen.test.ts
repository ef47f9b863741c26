import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSchema, Kind, parse, type DocumentNode } from 'graphql';
import { createHash } from 'node:crypto';
import { CDP_ERROR_CODES, type CdpErrorCode } from '../../sdk/src/generated/error-codes';
import { operationHashes, operationSources } from '../../sdk/src/generated/graphql';
import { ERROR_CODES, type ErrorCode } from '../../server/src/graphql/errors';

const ROOT = path.resolve(__dirname, '..', '..');
const OPERATIONS_DIR = path.join(ROOT, 'sdk', 'src', 'operations');

// graphql-codegen loads ESM modules, which jest's CommonJS runtime cannot, so it runs in its own Node process.
const GENERATE_WITHOUT_SAVING = `
const { generate, loadCodegenConfig } = require('@graphql-codegen/cli');
loadCodegenConfig({ configFilePath: 'codegen.yml' })
  .then(({ config }) => generate({ ...config, cwd: process.cwd(), silent: true }, false))
  .then((outputs) => process.stdout.write(JSON.stringify(outputs.map(({ filename, content }) => ({ filename, content })))));
`;

function operationDocuments(dir: string = OPERATIONS_DIR): DocumentNode[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return operationDocuments(full);
    return entry.name.endsWith('.graphql') ? [parse(fs.readFileSync(full, 'utf8'))] : [];
  });
}

// Compile-time proof that the SDK's union and the server's codes are the same set, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const ERROR_CODE_UNIONS_MATCH: Same<CdpErrorCode, ErrorCode> = true;

/** Runs sdk/codegen/error-codes.cjs on a file of this text and returns what it emits or throws. */
function errorCodesFrom(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'error-codes-'));
  try {
    fs.writeFileSync(path.join(dir, 'errors.ts'), text);
    const { plugin } = require(path.join(ROOT, 'sdk', 'codegen', 'error-codes.cjs')) as {
      plugin: (schema: unknown, documents: unknown[], config: { source: string }) => string;
    };
    return plugin(null, [], { source: path.join(dir, 'errors.ts') });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the generated SDK', () => {
  it('is what codegen.yml generates from schema.graphql and the operations (run `npm run codegen` when this fails)', () => {
    const stdout = execFileSync(process.execPath, ['-e', GENERATE_WITHOUT_SAVING], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const outputs = JSON.parse(stdout) as Array<{ filename: string; content: string }>;
    expect(outputs.map((o) => path.relative(ROOT, path.resolve(ROOT, o.filename))).sort()).toEqual([
      'sdk/src/generated/error-codes.ts',
      'sdk/src/generated/graphql.ts',
      'sdk/src/generated/persisted-operations.json',
      'sdk/src/generated/schema.ts',
      'sdk/src/generated/sdk.ts',
    ]);
    for (const output of outputs) {
      const committed = fs.readFileSync(path.resolve(ROOT, output.filename), 'utf8');
      expect({ file: output.filename, content: committed }).toEqual({ file: output.filename, content: output.content });
    }
  }, 120_000);

  it('has an operation for every root field of the schema', () => {
    const schema = buildSchema(fs.readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8'));
    const used = new Set<string>();
    for (const document of operationDocuments()) {
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        for (const selection of definition.selectionSet.selections) {
          if (selection.kind === Kind.FIELD) used.add(`${definition.operation}.${selection.name.value}`);
        }
      }
    }
    const rootFields = [
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}).map((f) => `query.${f}`),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((f) => `mutation.${f}`),
    ];
    expect(rootFields.filter((f) => !used.has(f))).toEqual([]);
  });

  it('lists in the persisted-operations manifest every operation the SDK sends, under the sha256 of its exact text', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'sdk', 'src', 'generated', 'persisted-operations.json'), 'utf8'));
    expect({ format: manifest.format, version: manifest.version }).toEqual({ format: 'apollo-persisted-query-manifest', version: 1 });
    const sent = Object.entries(operationSources).map(([name, body]) => ({ id: createHash('sha256').update(body).digest('hex'), name, body }));
    expect(manifest.operations.map(({ id, name, body }: { id: string; name: string; body: string }) => ({ id, name, body }))).toEqual(sent);
    expect(operationHashes).toEqual(Object.fromEntries(sent.map(({ name, id }) => [name, id])));
    expect(sent.length).toBeGreaterThan(50);
  });

  it("types CdpGraphQLError.code with exactly the server's ERROR_CODES, in order", () => {
    expect(ERROR_CODE_UNIONS_MATCH).toBe(true);
    expect(CDP_ERROR_CODES).toEqual(Object.keys(ERROR_CODES));
  });

  it('reads ERROR_CODES whatever its formatting, and refuses what it cannot read instead of guessing', () => {
    // String.raw: the fixture is TypeScript source as it would be on disk, escapes included.
    const emitted = errorCodesFrom(String.raw`
      // a comment { NOT_A_CODE: 'x' }
      export const ERROR_CODES = {
        'QUOTED': "A \"quoted\" key.",
        PLAIN: ${'`'}A template */ with a comment end.${'`'},
      } as const;`);
    expect(emitted).toContain(`export type CdpErrorCode =\n  /** A "quoted" key. */\n  | 'QUOTED'\n  /** A template *\\/ with a comment end. */\n  | 'PLAIN';`);
    expect(emitted).toContain(`export const CDP_ERROR_CODES: ReadonlyArray<CdpErrorCode> = [\n  'QUOTED',\n  'PLAIN',\n];`);
    expect(emitted).not.toContain('NOT_A_CODE');
    expect(() => errorCodesFrom('export const OTHER = {};')).toThrow(/no ERROR_CODES object/);
    expect(() => errorCodesFrom('const X = "a"; export const ERROR_CODES = { A: X };')).toThrow(/description of A must be a string literal/);
    expect(() => errorCodesFrom('export const ERROR_CODES = { ...OTHER };')).toThrow(/must be `CODE: \'description\'`/);
    expect(() => errorCodesFrom("export const ERROR_CODES = { notUpper: 'x' };")).toThrow(/UPPER_SNAKE_CASE/);
  });

  it("gives no operation a name that would hide the client's own methods", () => {
    const names = operationDocuments()
      .flatMap((d) => d.definitions)
      .flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : []));
    const methods = names.map((n) => n.charAt(0).toLowerCase() + n.slice(1));
    expect(methods.filter((m) => m === 'request' || m === 'paginate')).toEqual([]);
    expect(new Set(methods).size).toBe(methods.length);
  });
});
