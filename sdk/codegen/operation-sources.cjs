// graphql-codegen plugin: emits each operation's full source text (the
// operation plus every fragment it reaches) keyed by operation name, and its
// sha256. The SDK sends these strings over HTTP, so it needs no GraphQL
// printer at run time, and sends the hashes as persisted queries, so it needs
// no hashing at run time for its own operations.
const { operationTexts } = require('./operation-texts.cjs');

/** @type {import('@graphql-codegen/plugin-helpers').PluginFunction} */
function plugin(_schema, documents) {
  const operations = operationTexts(documents);
  return [
    '/** Source text of every SDK operation with its fragments, keyed by operation name. */',
    'export const operationSources: Readonly<Record<string, string>> = {',
    ...operations.map(({ name, source }) => `  ${JSON.stringify(name)}: ${JSON.stringify(source)},`),
    '};',
    '',
    '/** sha256 (hex) of each operation\'s source text, keyed by operation name: its id in persisted-operations.json. */',
    'export const operationHashes: Readonly<Record<string, string>> = {',
    ...operations.map(({ name, sha256 }) => `  ${JSON.stringify(name)}: ${JSON.stringify(sha256)},`),
    '};',
    '',
  ].join('\n');
}

module.exports = { plugin };
