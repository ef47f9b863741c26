import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../user/viewer';
import { UserRole } from '../user/user-role';
import type { Nomination } from './nomination.entity';

/** ADMIN and REVIEWER see every nomination; a FOCAL_POINT sees their own administration's; nobody else any. */
export function canSeeNomination(viewer: Viewer | null, nomination: Pick<Nomination, 'administrationId'>): boolean {
  if (!viewer) return false;
  if (viewer.role === UserRole.ADMIN || viewer.role === UserRole.REVIEWER) return true;
  return viewer.role === UserRole.FOCAL_POINT && viewer.administrationId === nomination.administrationId;
}

export function scopeVisibleNominations<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, alias: string, viewer: Viewer | null) {
  if (viewer?.role === UserRole.ADMIN || viewer?.role === UserRole.REVIEWER) return qb;
  if (viewer?.role === UserRole.FOCAL_POINT && viewer.administrationId) {
    return qb.andWhere(`${alias}.administrationId = :viewerAdministrationId`, { viewerAdministrationId: viewer.administrationId });
  }
  return qb.andWhere('1 = 0');
}
