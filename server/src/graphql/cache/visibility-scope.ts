import type { Viewer } from '../../modules/user/viewer';
import { UserRole } from '../../modules/user/user-role';

/**
 * Who may see the same answer to the same query: a cached answer is only ever
 * served within the scope it was computed for.
 *
 * - Anonymous callers share one scope; so do all ADMINs, who see everything
 *   alike (`viewer`, the one field that differs per ADMIN, is never cached).
 * - Every other role is scoped to the user: what they see depends on their
 *   owner (a FOCAL_POINT's administration, an ASSOCIATE's associate, a
 *   REVIEWER's own reviews before a decision) and, through `node(id)` of a
 *   User, on the user themself. The owner is in the scope as well, so that a
 *   user moved to another administration never meets an answer of the old one,
 *   even before the write that moved them is seen.
 */
export function visibilityScope(viewer: Viewer | null): string {
  if (!viewer) return 'anonymous';
  if (viewer.role === UserRole.ADMIN) return UserRole.ADMIN;
  return [viewer.role, viewer.userId, viewer.administrationId ?? '', viewer.associateId ?? ''].join(':');
}
