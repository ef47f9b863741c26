import { Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * Root fields whose answers depend only on the data and the caller's
 * visibility scope, so they may be cached per scope. Left out on purpose:
 * `viewer` (the signed-in user, per session), `users` and `auditLog` (ADMIN
 * tools, rarely repeated, and the log changes with every write), and
 * introspection (the playground's, served from Apollo's own caches).
 */
export const CACHEABLE_ROOT_FIELDS: ReadonlySet<string> = new Set([
  '__typename',
  'node',
  'nodes',
  'programme',
  'programmes',
  'regions',
  'administrations',
  'administration',
  'cohorts',
  'cohort',
  'associates',
  'nominations',
  'researchProjects',
  'searchResearch',
  'events',
  'alumni',
  'alumniNetwork',
  'programmeStatistics',
  'verifyCertificate',
]);

/** The root fields a selection set asks for, through fragments; false when one of them may not be cached. */
function onlyCacheableFields(selectionSet: SelectionSetNode, document: DocumentNode, seen: Set<string>): boolean {
  return selectionSet.selections.every((selection) => {
    if (selection.kind === Kind.FIELD) return CACHEABLE_ROOT_FIELDS.has(selection.name.value);
    if (selection.kind === Kind.INLINE_FRAGMENT) return onlyCacheableFields(selection.selectionSet, document, seen);
    const name = selection.name.value;
    // Validation has refused cycles already; `seen` keeps a fragment spread twice from being walked twice.
    if (seen.has(name)) return true;
    seen.add(name);
    const fragment = document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name);
    return fragment?.kind === Kind.FRAGMENT_DEFINITION && onlyCacheableFields(fragment.selectionSet, document, seen);
  });
}

/** Apollo hands out the same parsed document for the same query text, so each operation is judged once. */
const verdicts = new WeakMap<OperationDefinitionNode, boolean>();

/** Whether answers to this operation may be cached: a query (never a mutation) of cacheable root fields only. */
export function isCacheableOperation(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  let verdict = verdicts.get(operation);
  if (verdict === undefined) {
    verdict = operation.operation === 'query' && onlyCacheableFields(operation.selectionSet, document, new Set());
    verdicts.set(operation, verdict);
  }
  return verdict;
}
