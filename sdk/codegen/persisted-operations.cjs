// graphql-codegen plugin: the manifest of the SDK's operations, the documents
// a server with TRUSTED_DOCUMENTS=only runs for anyone. It is in Apollo's
// persisted query manifest format (the one Apollo Router, GraphOS and
// @apollo/persisted-query-lists read), so other tools can use it as it is:
// each operation's id is the sha256 (hex) of its body, the exact text the
// SDK sends, which is what Apollo's persisted-query protocol hashes.
const { operationTexts } = require('./operation-texts.cjs');

/** @type {import('@graphql-codegen/plugin-helpers').PluginFunction} */
function plugin(_schema, documents) {
  const operations = operationTexts(documents).map(({ name, type, source, sha256 }) => ({ id: sha256, name, type, body: source }));
  return `${JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }, null, 2)}\n`;
}

module.exports = { plugin };
