import type { AuthCheckerFn } from 'type-graphql';
import type { UserRole } from '../modules/user/user-role';
import type { RequestContext } from './context';
import { AppError } from './errors';

/**
 * Backs `@Authorized(...roles)`. Fails with UNAUTHENTICATED when nobody is
 * signed in and FORBIDDEN when the role is not among those listed.
 */
export const authChecker: AuthCheckerFn<RequestContext, UserRole> = ({ context }, roles) => {
  if (!context.viewer) throw new AppError('UNAUTHENTICATED', 'Sign in to use this field.');
  if (roles.length && !roles.includes(context.viewer.role)) {
    throw new AppError('FORBIDDEN', `This field requires one of the roles: ${roles.join(', ')}.`);
  }
  return true;
};
