// graphql-codegen plugin: emits each operation's full source text (the
// operation plus every fragment it reaches) keyed by operation name. The SDK
// sends these strings over HTTP, so it needs no GraphQL printer at run time.
const { Kind, print, visit } = require('graphql');

/** @type {import('@graphql-codegen/plugin-helpers').PluginFunction} */
function plugin(_schema, documents) {
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

  const entries = definitions
    .filter((d) => d.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => {
      if (!operation.name) throw new Error('Every SDK operation needs a name');
      const source = [operation, ...reachableFragments(operation)].map((d) => print(d)).join('\n\n');
      return `  ${JSON.stringify(operation.name.value)}: ${JSON.stringify(source)},`;
    })
    .sort();

  return [
    '/** Source text of every SDK operation with its fragments, keyed by operation name. */',
    'export const operationSources: Readonly<Record<string, string>> = {',
    ...entries,
    '};',
    '',
  ].join('\n');
}

module.exports = { plugin };
