import type { CallOptions } from './transport.js';

/** What paginate reads of a connection: its nodes (or edges) and pageInfo. */
export interface ConnectionLike<TNode> {
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
  readonly nodes?: ReadonlyArray<TNode>;
  readonly edges?: ReadonlyArray<{ readonly node: TNode }>;
}

/** Variables of an operation that pages forward with `after`. */
export type PageVariables = { after?: string | null };

/** A page fetcher: a generated client method, or a document bound by the client. */
export type PageFetcher<TData, TVariables> = (variables: TVariables, options?: CallOptions) => Promise<TData>;

type NodeOf<T> = T extends { readonly nodes: ReadonlyArray<infer N> }
  ? N
  : T extends { readonly edges: ReadonlyArray<{ readonly node: infer N }> }
    ? N
    : never;

/** The node type of the connection at the root of a result, e.g. CohortsQuery -> the cohort type. */
export type RootConnectionNode<TData> = { [K in keyof TData]: NodeOf<NonNullable<TData[K]>> }[keyof TData];

export type ConnectionSelector<TData, TNode> = (data: TData) => ConnectionLike<TNode> | null | undefined;

function rootConnection(data: unknown): ConnectionLike<unknown> | undefined {
  const candidates = Object.values(data as Record<string, unknown>).filter(
    (value) => value !== null && typeof value === 'object' && 'pageInfo' in value,
  );
  if (candidates.length !== 1) {
    throw new TypeError('paginate needs a selector when the result has no single root connection: paginate(op, variables, (data) => data.x.y)');
  }
  return candidates[0] as ConnectionLike<unknown>;
}

/** Walks a connection forward page by page, yielding every node once. */
export async function* paginate<TData, TVariables extends PageVariables, TNode>(
  fetchPage: PageFetcher<TData, TVariables>,
  variables: TVariables,
  select: ConnectionSelector<TData, TNode> | undefined,
  options?: CallOptions,
): AsyncGenerator<TNode, void, undefined> {
  let after = variables.after ?? null;
  for (;;) {
    const data = await fetchPage({ ...variables, after }, options);
    const connection = select ? select(data) : (rootConnection(data) as ConnectionLike<TNode>);
    if (!connection) return;
    if (!connection.pageInfo) throw new TypeError('paginate needs the connection to select pageInfo { hasNextPage endCursor }');
    const nodes = connection.nodes ?? connection.edges?.map((edge) => edge.node);
    if (!nodes) throw new TypeError('paginate needs the connection to select nodes or edges { node }');
    yield* nodes;
    const next = connection.pageInfo.endCursor;
    if (!connection.pageInfo.hasNextPage || next === null) return;
    if (next === after) throw new Error('paginate stopped: the server returned the same cursor twice');
    after = next;
  }
}
