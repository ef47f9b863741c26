import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../../graphql/context';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { withTransaction } from '../../graphql/transaction';
import { recordEvent } from '../../outbox/record-event';
import { audit, changedFields } from '../audit/audit.service';
import { CohortStatus } from '../cohort/cohort-status';
import { Cohort } from '../cohort/cohort.entity';
import { FINAL_STATUSES } from './nomination-decision';
import { lockNomination } from './nomination-locks';
import { NominationStatus } from './nomination-status';
import { Nomination } from './nomination.entity';
import type { ReviewNominationInput } from './nomination.inputs';
import { Review } from './review.entity';
import { nominationFacts } from './submission.service';

/** Most reviews one nomination may have: the declared bound of Nomination.reviews (LIST_BOUNDS). */
export const MAX_REVIEWS_PER_NOMINATION = 20;

export const REVIEWABLE_COHORT = [CohortStatus.NOMINATIONS_OPEN, CohortStatus.SELECTION];

const auditedReview = (r: Review) => ({ nominationId: r.nominationId, reviewerId: r.reviewerId, score: r.score, comment: r.comment });

/**
 * Stores the nomination's mean score and review count from its reviews. Runs
 * in the review's transaction with the nomination locked, so two reviewers
 * scoring at once each count the other's committed review.
 */
export async function refreshScore(db: EntityManager, nomination: Nomination): Promise<void> {
  const scores = (await db.find(Review, { select: { score: true }, where: { nominationId: nomination.uuid } })).map((r) => r.score);
  await storeScore(db, nomination, scores);
}

/** Stores the mean and count of these scores, all of the nomination's reviews. */
async function storeScore(db: EntityManager, nomination: Nomination, scores: number[]): Promise<void> {
  nomination.reviewCount = scores.length;
  nomination.meanScore = scores.length ? scores.reduce((sum, s) => sum + s, 0) / scores.length : null;
  await db.update(Nomination, nomination.uuid, { meanScore: nomination.meanScore, reviewCount: nomination.reviewCount });
}

export class ReviewService {
  async review(ctx: RequestContext, input: ReviewNominationInput): Promise<{ review: Review; nomination: Nomination }> {
    return withTransaction(ctx, async (tx) => {
      const nomination = await lockNomination(tx, input.nominationId);
      if (nomination.status === NominationStatus.WITHDRAWN) {
        fail(UserErrorCode.NOMINATION_WITHDRAWN, 'The nomination was withdrawn and cannot be reviewed.', 'nominationId');
      }
      if (nomination.decidedAt || FINAL_STATUSES.includes(nomination.status)) {
        fail(UserErrorCode.REVIEW_CLOSED, `The nomination is decided (${nomination.status}); its reviews are closed.`, 'nominationId');
      }
      const cohort = await tx.db.findOneByOrFail(Cohort, { uuid: nomination.cohortId });
      if (!REVIEWABLE_COHORT.includes(cohort.status)) {
        fail(
          UserErrorCode.REVIEW_CLOSED,
          `The cohort ${cohort.label} is ${cohort.status}; reviews are taken until selection ends.`,
          'nominationId',
        );
      }
      const reviewerId = tx.viewer!.userId;
      // Every review of the nomination, read once (at most 20): this reviewer's, the count, and the mean after the change.
      const reviews = await tx.db.findBy(Review, { nominationId: nomination.uuid });
      const existing = reviews.find((r) => r.reviewerId === reviewerId);
      if (!existing && reviews.length >= MAX_REVIEWS_PER_NOMINATION) {
        fail(UserErrorCode.TOO_MANY_REVIEWS, `A nomination takes at most ${MAX_REVIEWS_PER_NOMINATION} reviews.`, 'nominationId');
      }
      const review = existing ?? tx.db.create(Review, { nominationId: nomination.uuid, reviewerId });
      const before = existing ? auditedReview(existing) : null;
      Object.assign(review, { score: input.score, comment: input.comment || null });
      await tx.db.save(review);
      await storeScore(tx.db, nomination, (existing ? reviews : [...reviews, review]).map((r) => r.score));
      const change = before ? changedFields(before, auditedReview(review)) : { before: null, after: auditedReview(review) };
      await audit(tx, { operation: 'reviewNomination', entityType: 'Review', entityId: review.uuid, ...change });
      await recordEvent(tx, 'NominationReviewed', nominationFacts(nomination));
      return { review, nomination };
    });
  }
}
