import type { Viewer } from '../user/viewer';
import { UserRole } from '../user/user-role';
import type { Nomination } from './nomination.entity';
import type { Review } from './review.entity';

/**
 * Blind review, as grant-review systems do it: ADMIN sees every review; a
 * REVIEWER sees its own, and the other reviewers' only once the nomination
 * is decided (decidedAt is set by SELECTED, RESERVE or NOT_SELECTED).
 */
export function canSeeReview(viewer: Viewer | null, review: Review, nomination: Nomination): boolean {
  if (viewer?.role === UserRole.ADMIN) return true;
  if (viewer?.role !== UserRole.REVIEWER) return false;
  return review.reviewerId === viewer.userId || nomination.decidedAt !== null;
}
