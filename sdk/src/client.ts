import { operationName, sourceOf } from './documents.js';
import { getSdk, type Requester, type Sdk } from './generated/sdk.js';
import {
  paginate,
  type ConnectionSelector,
  type PageFetcher,
  type PageVariables,
  type RootConnectionNode,
} from './paginate.js';
import { createTransport, type CallOptions, type CdpClientOptions } from './transport.js';
import type { TypedDocumentNode } from './typed-document-node.js';

/** Generated methods, named like the root fields they query: `cohort`, `searchResearch`, ... */
export type CdpOperations = { [K in keyof Sdk as Uncapitalize<K & string>]: Sdk[K] };

// `any`: a method's own variables type is read back with Parameters<F>.
type PageMethod = (variables: any, options?: CallOptions) => Promise<unknown>;
type DataOf<F extends PageMethod> = Awaited<ReturnType<F>>;
type VariablesOf<F extends PageMethod> = NonNullable<Parameters<F>[0]> & PageVariables;
type Operation<TData, TVariables> = TypedDocumentNode<TData, TVariables> | PageFetcher<TData, TVariables>;

/** A document's variables, then per-call options; the variables may be left out only when none is required. */
export type RequestArguments<TVariables> = {} extends TVariables
  ? [variables?: TVariables, options?: CallOptions]
  : [variables: TVariables, options?: CallOptions];

export interface CdpClient extends CdpOperations {
  /** Runs any document: an SDK document, a `gql`/`parse` document or a string. */
  request<TData, TVariables = Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables> | string,
    ...args: RequestArguments<TVariables>
  ): Promise<TData>;

  /**
   * Every node of a connection, fetching pages forward with `after`:
   * `for await (const cohort of client.paginate(client.cohorts, { first: 50 }))`.
   * Takes a client method or a document; without `select` (pass undefined
   * to give options only), the result's single root connection is walked.
   */
  paginate<F extends PageMethod>(
    method: F,
    variables: VariablesOf<F>,
    select?: undefined,
    options?: CallOptions,
  ): AsyncGenerator<RootConnectionNode<DataOf<F>>, void, undefined>;
  paginate<F extends PageMethod, TNode>(
    method: F,
    variables: VariablesOf<F>,
    select: ConnectionSelector<DataOf<F>, TNode>,
    options?: CallOptions,
  ): AsyncGenerator<TNode, void, undefined>;
  paginate<TData, TVariables extends PageVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    select?: undefined,
    options?: CallOptions,
  ): AsyncGenerator<RootConnectionNode<TData>, void, undefined>;
  paginate<TData, TVariables extends PageVariables, TNode>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    select: ConnectionSelector<TData, TNode>,
    options?: CallOptions,
  ): AsyncGenerator<TNode, void, undefined>;
}

const uncapitalize = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** A client for the CDP Hub API with one typed method per SDK operation. */
export function createCdpClient(options: CdpClientOptions): CdpClient {
  const send = createTransport(options);
  // async, so that a document without source text rejects like every other failure.
  const request = async <TData, TVariables>(document: TypedDocumentNode<TData, TVariables> | string, variables?: TVariables, call?: CallOptions) => {
    const operation = { query: sourceOf(document), variables, operationName: typeof document === 'string' ? undefined : operationName(document) };
    return (await send(operation, call)) as TData;
  };
  const requester: Requester<CallOptions> = (document, variables, call) => request(document, variables, call);

  const operations = Object.fromEntries(
    Object.entries(getSdk(requester)).map(([name, method]) => [uncapitalize(name), method]),
  ) as CdpOperations;

  const pageFetcher = <TData, TVariables>(operation: Operation<TData, TVariables>): PageFetcher<TData, TVariables> =>
    typeof operation === 'function' ? operation : (variables, call) => request(operation, variables, call);

  return {
    ...operations,
    request: request as CdpClient['request'],
    paginate: <TData, TVariables extends PageVariables, TNode>(
      operation: Operation<TData, TVariables>,
      variables: TVariables,
      select?: ConnectionSelector<TData, TNode>,
      call?: CallOptions,
    ) => paginate(pageFetcher(operation), variables, select, call),
  } as CdpClient;
}
