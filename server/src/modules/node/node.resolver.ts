import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { AppError } from '../../graphql/errors';
import { MAX_PAGE_SIZE } from '../../graphql/relay/connection';
import { fromGlobalId, type DecodedGlobalId } from '../../graphql/relay/global-id';
import { Node, nodeTypeNames } from '../../graphql/relay/node';
import { NODE_SOURCES } from './node-registry';

@Resolver()
export class NodeResolver {
  @Query(() => Node, {
    nullable: true,
    description: 'Fetches any object by its global ID. Null when it does not exist or is not visible to the caller.',
  })
  node(@Arg('id', () => ID, { description: 'The global ID of the object.' }) id: string, @Ctx() ctx: RequestContext) {
    return this.fetch(ctx, fromGlobalId(id, nodeTypeNames()));
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Fetches up to ${MAX_PAGE_SIZE} objects by global ID, in the order asked; null for each one that does not exist or is not visible.`,
  })
  nodes(@Arg('ids', () => [ID], { description: 'Global IDs of the objects.' }) ids: string[], @Ctx() ctx: RequestContext) {
    if (ids.length > MAX_PAGE_SIZE) {
      throw new AppError('BAD_USER_INPUT', `At most ${MAX_PAGE_SIZE} IDs can be fetched at once.`, { argument: 'ids' });
    }
    // Every id is checked before any is fetched, so one bad id fails the whole field.
    const decoded = ids.map((id) => fromGlobalId(id, nodeTypeNames()));
    return Promise.all(decoded.map((d) => this.fetch(ctx, d)));
  }

  private async fetch(ctx: RequestContext, { typeName, id }: DecodedGlobalId) {
    const source = NODE_SOURCES[typeName];
    const row = await ctx.loaders.byId(source.entity).load(id);
    if (!row) return null;
    return !source.isVisible || (await source.isVisible(ctx, row)) ? row : null;
  }
}
