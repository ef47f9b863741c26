import { UserRole } from './user-role';
import type { Viewer } from './viewer';

/** A user is seen by ADMIN and by themself: node(id), and the reviewer of a review. */
export function canSeeUser(viewer: Viewer | null, userId: string): boolean {
  return viewer?.role === UserRole.ADMIN || viewer?.userId === userId;
}
