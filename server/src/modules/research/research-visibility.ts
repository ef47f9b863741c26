import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Viewer } from '../user/viewer';
import { UserRole } from '../user/user-role';
import type { ResearchProject } from './research-project.entity';
import { ResearchStatus } from './research-status';

/**
 * Who may see a research project: everyone once it is PUBLISHED; before that
 * only the secretariat (ADMIN) and the associate who carries it out. Every
 * path that returns research (root lists, search, nested fields, node)
 * applies one of these two functions.
 */
export function canSeeResearch(viewer: Viewer | null, research: ResearchProject): boolean {
  if (research.status === ResearchStatus.PUBLISHED) return true;
  if (!viewer) return false;
  if (viewer.role === UserRole.ADMIN) return true;
  return viewer.role === UserRole.ASSOCIATE && viewer.associateId === research.associateId;
}

export function scopeVisibleResearch<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  viewer: Viewer | null,
): SelectQueryBuilder<T> {
  if (viewer?.role === UserRole.ADMIN) return qb;
  if (viewer?.role === UserRole.ASSOCIATE && viewer.associateId) {
    return qb.andWhere(`(${alias}.status = :publishedStatus OR ${alias}.associateId = :viewerAssociateId)`, {
      publishedStatus: ResearchStatus.PUBLISHED,
      viewerAssociateId: viewer.associateId,
    });
  }
  return qb.andWhere(`${alias}.status = :publishedStatus`, { publishedStatus: ResearchStatus.PUBLISHED });
}
