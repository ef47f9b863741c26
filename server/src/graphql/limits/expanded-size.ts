import { Kind, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * How many selections an operation has once every fragment spread is
 * expanded. Each fragment is counted once and the count reused at every
 * spread, so `F0 { ...F1 ...F1 }`, `F1 { ...F2 ...F2 }`, ... is measured in
 * time linear in the document, though it expands to 2^levels selections.
 * The cost estimate walks the expansion, so it runs only below a bound on this.
 */
export function expandedSelections(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const counted = new Map<string, number>();
  const active = new Set<string>();
  const count = (set: SelectionSetNode | undefined): number => {
    let n = 0;
    for (const selection of set?.selections ?? []) {
      n += 1;
      if (selection.kind !== Kind.FRAGMENT_SPREAD) {
        n += count(selection.selectionSet);
        continue;
      }
      const name = selection.name.value;
      const fragment = fragments.get(name);
      // Unknown and cyclic spreads are validation errors, reported before this runs.
      if (!fragment || active.has(name)) continue;
      if (!counted.has(name)) {
        active.add(name);
        counted.set(name, count(fragment.selectionSet));
        active.delete(name);
      }
      n += counted.get(name)!;
    }
    return n;
  };
  return count(operation.selectionSet);
}
