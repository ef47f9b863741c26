import { Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { User } from './user.entity';

@Resolver(() => User)
export class ViewerResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user, or null for anonymous callers.' })
  async viewer(@Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.viewer ? ctx.loaders.byId(User).load(ctx.viewer.userId) : null;
  }
}
