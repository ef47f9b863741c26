import type { UserRole } from './user-role';

/** Who is calling: read afresh from the session and user rows on every request, so changes apply at once. */
export interface Viewer {
  userId: string;
  sessionId: string;
  role: UserRole;
  administrationId: string | null;
  associateId: string | null;
}
