import type { DocumentNode } from 'graphql';

/*
 * The TypedDocumentNode convention of @graphql-typed-document-node/core,
 * declared here so installing the SDK pulls in no package (that one requires
 * graphql as a peer). Clients match it by shape: Apollo Client, urql and
 * graphql-request read the result and variables types from `__apiType`.
 */

export interface DocumentTypeDecoration<TResult, TVariables> {
  /** Never set at run time; carries the result and variables types. */
  __apiType?: (variables: TVariables) => TResult;
}

export interface TypedDocumentNode<TResult = { [key: string]: unknown }, TVariables = { [key: string]: unknown }>
  extends DocumentNode,
    DocumentTypeDecoration<TResult, TVariables> {}

/** The result type of a typed document: `ResultOf<typeof CohortDocument>`. */
export type ResultOf<T> = T extends DocumentTypeDecoration<infer TResult, infer _TVariables> ? TResult : never;

/** The variables type of a typed document. */
export type VariablesOf<T> = T extends DocumentTypeDecoration<infer _TResult, infer TVariables> ? TVariables : never;
