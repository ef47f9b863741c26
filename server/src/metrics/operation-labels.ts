import { Kind, parse } from 'graphql';
import type { PersistedManifest } from '../graphql/persisted/manifest';
import { OTHER_OPERATION } from './metrics';

/** The names of the operations of each trusted document, by the document's sha256 (Apollo's queryHash). */
export type TrustedOperationNames = ReadonlyMap<string, ReadonlySet<string>>;

/** Read once at start from the trusted documents (the SDK's manifest and the released SDKs' operations still served). */
export function trustedOperationNames(trusted: PersistedManifest): TrustedOperationNames {
  const names = new Map<string, Set<string>>();
  for (const [hash, text] of trusted) {
    const operations = new Set<string>();
    for (const definition of parse(text).definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) operations.add(definition.name.value);
    }
    names.set(hash, operations);
  }
  return names;
}

/**
 * The label of a request: the operation's name when the document is a
 * trusted one and holds an operation of that name; "other" for every other
 * document, whatever it calls itself, so a client cannot make up label
 * values (nor put personal data in them).
 */
export function operationLabel(names: TrustedOperationNames, queryHash: string | undefined, operationName: string | undefined): string {
  if (queryHash === undefined || operationName === undefined) return OTHER_OPERATION;
  return names.get(queryHash)?.has(operationName) ? operationName : OTHER_OPERATION;
}
