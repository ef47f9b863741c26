import { whereEquals, whereIn } from '../../common/sql';
import type { RequestContext } from '../../graphql/context';
import type { ConnectionArgs } from '../../graphql/relay/connection';
import { fromGlobalId, fromGlobalIdOfType } from '../../graphql/relay/global-id';
import { nodeTypeNames } from '../../graphql/relay/node';
import { paginate } from '../../graphql/relay/paginate';
import { AuditEntry } from './audit-entry.entity';
import { auditOrder, type AuditEntryFilter, type AuditEntryOrder } from './audit.types';

/** Reads the audit log (writing is `audit()` in audit.service.ts, inside each mutation's transaction). */
export class AuditLogService {
  list(ctx: RequestContext, args: ConnectionArgs, filter?: AuditEntryFilter | null, orderBy?: AuditEntryOrder | null) {
    const qb = ctx.db.getRepository(AuditEntry).createQueryBuilder('audit');
    if (filter?.entityType) whereEquals(qb, 'audit.entityType', filter.entityType);
    if (filter?.entityId) {
      const { typeName, id } = fromGlobalId(filter.entityId, nodeTypeNames());
      whereEquals(qb, 'audit.entityType', typeName);
      whereEquals(qb, 'audit.entityId', id);
    }
    if (filter?.actorId) whereEquals(qb, 'audit.actorId', fromGlobalIdOfType(filter.actorId, 'User', 'filter.actorId'));
    if (filter?.operationIn) whereIn(qb, 'audit.operation', filter.operationIn);
    if (filter?.occurredFrom) qb.andWhere('audit.occurredAt >= :occurredFrom', { occurredFrom: filter.occurredFrom });
    if (filter?.occurredBefore) qb.andWhere('audit.occurredAt < :occurredBefore', { occurredBefore: filter.occurredBefore });
    return paginate(qb, args, auditOrder.toOrdering(orderBy));
  }
}
