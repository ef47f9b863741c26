import type { DocumentNode } from 'graphql';
import * as Operations from './generated/graphql.js';

type Definition = { readonly kind: string; readonly name?: { readonly value: string } };
type DocumentLike = { readonly definitions: ReadonlyArray<Definition>; readonly loc?: { readonly source: { readonly body: string } } };

// The generated documents carry no source text; pair each with the text codegen printed for it.
const generatedSources = new WeakMap<object, string>();
const generatedByName = new Map<string, DocumentLike>();
for (const value of Object.values(Operations)) {
  if (value === null || typeof value !== 'object' || !('definitions' in value)) continue;
  const name = operationName(value as DocumentLike);
  const source = name && Operations.operationSources[name];
  if (!name || !source) continue;
  generatedSources.set(value, source);
  generatedByName.set(name, value as DocumentLike);
}

/** The name of the document's (first) operation. */
export function operationName(document: object): string | undefined {
  return (document as DocumentLike).definitions?.find((d) => d.kind === 'OperationDefinition')?.name?.value;
}

// A generated document from the SDK's other build (ESM or CommonJS) is equal to ours, not identical.
function sameGeneratedDocument(document: object): string | undefined {
  const name = operationName(document);
  const ours = name ? generatedByName.get(name) : undefined;
  if (!ours || JSON.stringify(ours.definitions) !== JSON.stringify((document as DocumentLike).definitions)) return undefined;
  const source = generatedSources.get(ours)!;
  generatedSources.set(document, source);
  return source;
}

/**
 * The text to send for a document: an SDK document, any parsed document that
 * kept its source (graphql-tag's `gql`, graphql's `parse`), or a string.
 */
export function sourceOf(document: DocumentNode | string): string {
  if (typeof document === 'string') return document;
  const source = generatedSources.get(document) ?? (document as DocumentLike).loc?.source.body ?? sameGeneratedDocument(document);
  if (source === undefined) {
    throw new TypeError('This document has no source text: pass an SDK document, a gql/parse document or a string');
  }
  return source;
}
