import { Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { InputArg } from '../../graphql/mutations/input-arg';
import { runMutation } from '../../graphql/mutations/run-mutation';
import { DecisionService } from './decision.service';
import { DecideNominationInput, ReviewNominationInput, SubmitNominationInput, WithdrawNominationInput } from './nomination.inputs';
import {
  DecideNominationPayload,
  ReviewNominationPayload,
  SubmitNominationPayload,
  WithdrawNominationPayload,
} from './nomination.payloads';
import { ReviewService } from './review.service';
import { SubmissionService } from './submission.service';

@Resolver()
export class NominationMutations {
  private readonly submissions = new SubmissionService();
  private readonly reviews = new ReviewService();
  private readonly decisions = new DecisionService();

  @Mutation(() => SubmitNominationPayload, {
    description:
      'Nominates a candidate for a cohort that is NOMINATIONS_OPEN, until the end of its deadline day (UTC), for an invited and eligible administration. A FOCAL_POINT nominates for its own administration only.',
  })
  submitNomination(
    @InputArg(SubmitNominationInput, 'The cohort, the administration, the candidate and the motivation.') input: SubmitNominationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SubmitNominationPayload> {
    return runMutation(ctx, input, (c, i) => this.submissions.submit(c, i), { nomination: null });
  }

  @Mutation(() => WithdrawNominationPayload, {
    description: "Withdraws a SUBMITTED or SHORTLISTED nomination. A FOCAL_POINT withdraws its own administration's only.",
  })
  withdrawNomination(
    @InputArg(WithdrawNominationInput, 'The nomination to withdraw.') input: WithdrawNominationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<WithdrawNominationPayload> {
    return runMutation(ctx, input, (c, i) => this.submissions.withdraw(c, i), { nomination: null });
  }

  @Mutation(() => ReviewNominationPayload, {
    description:
      "Scores a nomination, or changes the caller's own score of it, until it is decided. The nomination's mean score and review count follow at once.",
  })
  reviewNomination(
    @InputArg(ReviewNominationInput, 'The nomination, the score and an optional comment.') input: ReviewNominationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReviewNominationPayload> {
    return runMutation(ctx, input, (c, i) => this.reviews.review(c, i), { review: null, nomination: null });
  }

  @Mutation(() => DecideNominationPayload, {
    description:
      'Takes a selection decision while the cohort is in SELECTION. SELECTED creates the Professional Associate in the same transaction, and never beyond the cohort’s capacity.',
  })
  decideNomination(
    @InputArg(DecideNominationInput, 'The nomination and the decision.') input: DecideNominationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DecideNominationPayload> {
    return runMutation(ctx, input, (c, i) => this.decisions.decide(c, i), { nomination: null, associate: null });
  }
}
