import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { NominationConnection } from './nomination.types';
import { ReviewConnection, ReviewOrder, ReviewQueueFilter, ReviewQueueService } from './review-queue';
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

/** A reviewer's side of the work: what awaits their score, and what they scored. */
@Resolver(() => User)
export class UserReviewsResolver {
  private readonly queues = new ReviewQueueService();

  @FieldResolver(() => NominationConnection, {
    nullable: true,
    description:
      "The nominations awaiting this user's score: undecided, in a cohort taking reviews (NOMINATIONS_OPEN or SELECTION), not scored by them yet; the oldest deadline (the cohort's selectionDate) first.",
  })
  async reviewQueue(
    @Root() user: User,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ReviewQueueFilter, { nullable: true, description: 'Conditions the nominations must meet.' }) filter: ReviewQueueFilter | null,
    @Ctx() ctx: RequestContext,
  ): Promise<NominationConnection> {
    return new NominationConnection(await this.queues.queue(ctx, user, args, filter));
  }

  @FieldResolver(() => ReviewConnection, { description: 'The reviews this user wrote; newest first when no order is given.' })
  async reviews(
    @Root() user: User,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('orderBy', () => ReviewOrder, { nullable: true, description: 'Ordering; newest first when omitted.' }) orderBy: ReviewOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ReviewConnection> {
    return new ReviewConnection(await this.queues.reviewsBy(ctx, user.uuid, args, orderBy));
  }
}
