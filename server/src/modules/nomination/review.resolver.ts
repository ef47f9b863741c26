import { Authorized, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { UserRole } from '../user/user-role';
import { Nomination } from './nomination.entity';
import { Review } from './review.entity';

@Resolver(() => Nomination)
export class NominationReviewsResolver {
  @Authorized(UserRole.ADMIN, UserRole.REVIEWER)
  @FieldResolver(() => [Review], { description: 'Reviews of the nomination, oldest first. ADMIN and REVIEWER only.' })
  reviews(@Root() nomination: Nomination, @Ctx() ctx: RequestContext): Promise<Review[]> {
    return ctx.loaders.manyBy(Review, 'nominationId', { createdAt: 'ASC' }).load(nomination.uuid);
  }
}

@Resolver(() => Review)
export class ReviewResolver {
  @FieldResolver(() => Nomination, { description: 'The reviewed nomination.' })
  nomination(@Root() review: Review, @Ctx() ctx: RequestContext): Promise<Nomination> {
    return ctx.loaders.required(Nomination, review.nominationId);
  }
}
