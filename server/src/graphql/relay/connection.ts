// Its decorators read design-time types: loaded first by modules that no longer import typeorm (which loads the polyfill) before it.
import 'reflect-metadata';
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { Reference } from '../input/input-rules';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;
/** Cursors carry a row's sort value (a 300-character title at most), base64url-encoded. */
const MAX_CURSOR_LENGTH = 4096;

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Returns the first n elements (at most ${MAX_PAGE_SIZE}). Defaults to ${DEFAULT_PAGE_SIZE} when neither first nor last is given.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Returns the elements that come after this cursor.' })
  @Reference(MAX_CURSOR_LENGTH, { optional: true })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Returns the last n elements (at most ${MAX_PAGE_SIZE}).` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Returns the elements that come before this cursor.' })
  @Reference(MAX_CURSOR_LENGTH, { optional: true })
  before?: string | null;
}

@ObjectType({ description: 'Information to aid in pagination.' })
export class PageInfo {
  @Field(() => Boolean, {
    description:
      'When paginating forwards, are there more items? When paginating backwards with `before`, true because the cursor itself follows the page.',
  })
  hasNextPage: boolean;

  @Field(() => Boolean, {
    description:
      'When paginating backwards, are there more items? When paginating forwards with `after`, true because the cursor itself precedes the page.',
  })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the first item of the page; null on an empty page.' })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: 'The cursor of the last item of the page; null on an empty page.' })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** What a paginated query produces; the total is counted only when a client asks for it. */
export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  count: () => Promise<number>;
}

/**
 * Builds the `<Name>Connection` and `<Name>Edge` object types for a node type.
 * Connection instances are created with `connectionOf(Type, page)`.
 */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name: string, plural: string) {
  @ObjectType(`${name}Edge`, { description: `An edge in a connection of ${plural}.` })
  class EdgeType {
    @Field(() => String, { description: 'An opaque cursor for this edge; pass it as `after` or `before`.' })
    cursor: string;

    @Field(() => nodeType, { description: `The ${name} at the end of the edge.` })
    node: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${plural}.` })
  class ConnectionClass {
    constructor(private readonly page: Page<T>) {}

    @Field(() => [EdgeType], { description: 'The edges of this page, each with its cursor.' })
    get edges(): Edge<T>[] {
      return this.page.edges;
    }

    @Field(() => [nodeType], { description: 'The nodes of this page, without cursors.' })
    get nodes(): T[] {
      return this.page.edges.map((e) => e.node);
    }

    @Field(() => PageInfo, { description: 'Information to aid in pagination.' })
    get pageInfo(): PageInfo {
      return this.page.pageInfo;
    }

    @Field(() => Int, { description: `The total number of ${plural} that match, across all pages.` })
    get totalCount(): Promise<number> {
      return this.page.count();
    }
  }
  return ConnectionClass;
}
