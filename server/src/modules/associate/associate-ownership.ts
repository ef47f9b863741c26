import type { RequestContext } from '../../graphql/context';
import { AppError } from '../../graphql/errors';
import { UserRole } from '../user/user-role';

/**
 * Whether the viewer may act for this associate: ADMIN for anyone, an
 * ASSOCIATE for its own record only. The policy layer has already let only
 * these roles call the mutation; which record is theirs depends on the
 * target, so the service checks it once it knows the target's associate,
 * before any rule of the mutation runs.
 */
export function assertActsFor(ctx: RequestContext, associateId: string, what: string): void {
  const viewer = ctx.viewer;
  if (viewer?.role === UserRole.ADMIN) return;
  if (viewer?.role === UserRole.ASSOCIATE && viewer.associateId === associateId) return;
  throw new AppError('FORBIDDEN', `Only ADMIN and the associate themself may change ${what}.`);
}
