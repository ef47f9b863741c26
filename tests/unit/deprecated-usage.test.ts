import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, concatAST, NoDeprecatedCustomRule, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { EXAMPLE_OPERATIONS, NEW_TAB_QUERY } from '../../server/src/playground/example-operations';

/**
 * The deprecation policy's check on our own clients: no SDK operation and no
 * playground example may use a deprecated field, argument, input field or
 * enum value (graphql-js's NoDeprecatedCustomRule, the check docs/api.md
 * tells frontend teams to run on their own documents). A deprecated element
 * may be removed in the next major release, so the SDK must stop using it
 * first.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const OPERATIONS_DIR = path.join(ROOT, 'sdk', 'src', 'operations');

function graphqlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? graphqlFiles(full) : entry.name.endsWith('.graphql') ? [full] : [];
  });
}

/** The deprecated usages of a document, one line each: "where: message". */
function deprecatedUsages(schema: GraphQLSchema, document: DocumentNode, where: string): string[] {
  return validate(schema, document, [NoDeprecatedCustomRule]).map((error) => `${where}: ${error.message}`);
}

describe('deprecated usage in our own documents', () => {
  const schema = buildSchema(fs.readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8'));

  it('the schema has deprecated elements for the check to find (Certificate.signature)', () => {
    const certificate = schema.getType('Certificate') as { getFields(): Record<string, { deprecationReason?: string | null }> };
    expect(certificate.getFields().signature?.deprecationReason).toMatch(/\bUse\b/);
  });

  it('finds a deprecated field where a document selects one', () => {
    const document = parse('query Old($serial: String!) { verifyCertificate(serial: $serial) { certificate { serial signature } } }');
    expect(deprecatedUsages(schema, document, 'Old')).toEqual([
      'Old: The field Certificate.signature is deprecated. Use credential: its proof.proofValue is this value.',
    ]);
  });

  it("no SDK operation or fragment uses a deprecated field, argument or enum value (sdk/src/operations)", () => {
    const files = graphqlFiles(OPERATIONS_DIR);
    expect(files.length).toBeGreaterThan(10);
    // Fragments are spread across files: the operations are checked as the one document codegen reads.
    const document = concatAST(files.map((file) => parse(fs.readFileSync(file, 'utf8'))));
    expect(validate(schema, document)).toEqual([]);
    expect(deprecatedUsages(schema, document, 'sdk/src/operations')).toEqual([]);
  });

  it('no playground example uses one', () => {
    const usages = [...EXAMPLE_OPERATIONS.map(({ name, query }) => [name, query] as const), ['new tab', NEW_TAB_QUERY] as const].flatMap(([name, query]) =>
      deprecatedUsages(schema, parse(query), `playground example ${name}`),
    );
    expect(usages).toEqual([]);
  });
});
