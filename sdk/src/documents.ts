import type { DocumentNode } from 'graphql';
import * as Operations from './generated/graphql.js';

type Definition = { readonly kind: string; readonly name?: { readonly value: string } };
type DocumentLike = { readonly definitions: ReadonlyArray<Definition>; readonly loc?: { readonly source: { readonly body: string } } };

// The generated documents carry no source text; pair each with the text codegen printed for it.
const generatedSources = new WeakMap<object, string>();
for (const value of Object.values(Operations)) {
  if (value === null || typeof value !== 'object' || !('definitions' in value)) continue;
  const operation = (value as DocumentLike).definitions.find((d) => d.kind === 'OperationDefinition');
  const source = operation?.name && Operations.operationSources[operation.name.value];
  if (source) generatedSources.set(value, source);
}

/**
 * The text to send for a document: an SDK document, any parsed document that
 * kept its source (graphql-tag's `gql`, graphql's `parse`), or a string.
 */
export function sourceOf(document: DocumentNode | string): string {
  if (typeof document === 'string') return document;
  const source = generatedSources.get(document) ?? (document as DocumentLike).loc?.source.body;
  if (source === undefined) {
    throw new TypeError('This document has no source text: pass an SDK document, a gql/parse document or a string');
  }
  return source;
}
