import type { UserRole } from './user-role';

/** Who is calling. Always null until sign-in exists; rules are already written against it. */
export interface Viewer {
  userId: string;
  role: UserRole;
  administrationId: string | null;
  associateId: string | null;
}
