// graphql-codegen plugin: emits `CdpErrorCode`, the string union of every
// `extensions.code` the server can send, from the ERROR_CODES object in
// server/src/graphql/errors.ts (the server masks any other code as
// INTERNAL_SERVER_ERROR, so the list is complete).
//
// Why parse the TypeScript source instead of importing it: codegen runs
// before any build (server/dist may be missing or stale) and the repository
// has no ts-node. TypeScript's own parser reads the object literal, so
// comments, quoting and formatting of errors.ts do not matter; anything but
// string-literal keys and descriptions fails loudly instead of being guessed.
// The schema and documents that codegen passes in are not used.
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const DEFAULT_SOURCE = 'server/src/graphql/errors.ts';

/** [code, description] pairs of `export const ERROR_CODES = { ... } as const` in `file`. */
function readErrorCodes(file) {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  let literal;
  const visit = (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === 'ERROR_CODES' && node.initializer) {
      let init = node.initializer;
      // `{ ... } as const` and `{ ... } satisfies X` wrap the literal.
      while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
      if (!ts.isObjectLiteralExpression(init)) throw new Error(`${file}: ERROR_CODES is not an object literal`);
      literal = init;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  if (!literal) throw new Error(`${file}: no ERROR_CODES object found`);
  return literal.properties.map((property) => {
    const where = `${file}:${source.getLineAndCharacterOfPosition(property.getStart()).line + 1}`;
    if (!ts.isPropertyAssignment(property)) throw new Error(`${where}: every ERROR_CODES entry must be \`CODE: 'description'\``);
    const name = property.name;
    const code = ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
    if (!code || !/^[A-Z][A-Z0-9_]*$/.test(code)) throw new Error(`${where}: an error code must be an UPPER_SNAKE_CASE name`);
    const value = property.initializer;
    if (!ts.isStringLiteral(value) && !ts.isNoSubstitutionTemplateLiteral(value)) {
      throw new Error(`${where}: the description of ${code} must be a string literal`);
    }
    return [code, value.text];
  });
}

/** @type {import('@graphql-codegen/plugin-helpers').PluginFunction<{ source?: string }>} */
function plugin(_schema, _documents, config) {
  const file = path.resolve(process.cwd(), config.source ?? DEFAULT_SOURCE);
  const codes = readErrorCodes(file);
  if (codes.length === 0) throw new Error(`${file}: ERROR_CODES is empty`);
  const comment = (text) => text.replace(/\*\//g, '*\\/');
  return [
    `/** Every \`extensions.code\` the CDP Hub server sends on a GraphQL error (ERROR_CODES in ${config.source ?? DEFAULT_SOURCE}). */`,
    'export type CdpErrorCode =',
    ...codes.flatMap(([code, description], i) => [
      `  /** ${comment(description)} */`,
      `  | '${code}'${i === codes.length - 1 ? ';' : ''}`,
    ]),
    '',
    '/** The same codes as values, in the server\'s order. */',
    'export const CDP_ERROR_CODES: ReadonlyArray<CdpErrorCode> = [',
    ...codes.map(([code]) => `  '${code}',`),
    '];',
    '',
  ].join('\n');
}

module.exports = { plugin, readErrorCodes };
