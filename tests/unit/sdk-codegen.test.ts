import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, Kind, parse, type DocumentNode } from 'graphql';

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

describe('the generated SDK', () => {
  it('is what codegen.yml generates from schema.graphql and the operations (run `npm run codegen` when this fails)', () => {
    const stdout = execFileSync(process.execPath, ['-e', GENERATE_WITHOUT_SAVING], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const outputs = JSON.parse(stdout) as Array<{ filename: string; content: string }>;
    expect(outputs.map((o) => path.relative(ROOT, path.resolve(ROOT, o.filename))).sort()).toEqual([
      'sdk/src/generated/graphql.ts',
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

  it("gives no operation a name that would hide the client's own methods", () => {
    const names = operationDocuments()
      .flatMap((d) => d.definitions)
      .flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : []));
    const methods = names.map((n) => n.charAt(0).toLowerCase() + n.slice(1));
    expect(methods.filter((m) => m === 'request' || m === 'paginate')).toEqual([]);
    expect(new Set(methods).size).toBe(methods.length);
  });
});
