import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { User } from '../user/user.entity';
import { Nomination } from './nomination.entity';
import { Review } from './review.entity';
import { canSeeReview } from './review-visibility';

@Resolver(() => Nomination)
export class NominationReviewsResolver {
  @FieldResolver(() => [Review], {
    nullable: true,
    description: 'Reviews of the nomination, oldest first. Reviewers see their own until the nomination is decided, then all.',
  })
  async reviews(@Root() nomination: Nomination, @Ctx() ctx: RequestContext): Promise<Review[]> {
    const reviews = await ctx.loaders.manyBy(Review, 'nominationId', { createdAt: 'ASC' }).load(nomination.uuid);
    return reviews.filter((review) => canSeeReview(ctx.viewer, review, nomination));
  }
}

@Resolver(() => Review)
export class ReviewResolver {
  @FieldResolver(() => Nomination, { description: 'The reviewed nomination.' })
  nomination(@Root() review: Review, @Ctx() ctx: RequestContext): Promise<Nomination> {
    return ctx.loaders.required(Nomination, review.nominationId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who wrote the review.' })
  reviewer(@Root() review: Review, @Ctx() ctx: RequestContext): Promise<User | null> {
    return ctx.loaders.byId(User).load(review.reviewerId);
  }
}
