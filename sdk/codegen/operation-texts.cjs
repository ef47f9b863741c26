// The exact text the SDK sends for each operation: the operation, then every
// fragment it reaches (sorted by name), printed by graphql-js and joined by a
// blank line. operation-sources.cjs embeds these texts in the SDK and
// persisted-operations.cjs hashes them into the manifest the server trusts,
// so both must come from this one function: a text that differed by a byte
// would hash differently and the server would not know it.
const { createHash } = require('node:crypto');
const { Kind, print, visit } = require('graphql');

/** sha256 (hex) of the UTF-8 text: the hash Apollo's persisted-query protocol uses. */
const sha256Hex = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/** [{ name, type, source, sha256 }] of every operation in the documents, sorted by name. */
function operationTexts(documents) {
  const definitions = documents.flatMap((file) => (file.document ? file.document.definitions : []));
  const fragments = new Map(
    definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );

  const spreadsIn = (node) => {
    const names = [];
    visit(node, { FragmentSpread: (spread) => void names.push(spread.name.value) });
    return names;
  };

  const reachableFragments = (operation) => {
    const seen = new Set();
    const pending = spreadsIn(operation);
    while (pending.length > 0) {
      const name = pending.pop();
      if (seen.has(name)) continue;
      const fragment = fragments.get(name);
      if (!fragment) throw new Error(`Fragment "${name}" is used but not defined`);
      seen.add(name);
      pending.push(...spreadsIn(fragment));
    }
    return [...seen].sort().map((name) => fragments.get(name));
  };

  return definitions
    .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => {
      if (!operation.name) throw new Error('Every SDK operation needs a name');
      const source = [operation, ...reachableFragments(operation)].map((d) => print(d)).join('\n\n');
      return { name: operation.name.value, type: operation.operation, source, sha256: sha256Hex(source) };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

module.exports = { operationTexts, sha256Hex };
