import type { RequestContext } from '../../graphql/context';
import { AuditEntry } from './audit-entry.entity';
import { auditReference } from './audit-references';

/** Fields whose values are personal or secret (names included): the audit log records that they changed, never what they hold. */
const REDACTED_FIELDS = new Set([
  'email',
  'phone',
  'password',
  'passwordHash',
  'token',
  'tokenHash',
  'displayName',
  'fullName',
  'candidateEmail',
  'candidatePhone',
  'candidateFullName',
  'officiantName',
  'supervisorName',
  'comment',
  'focalPointName',
  'focalPointEmail',
  'focalPointPhone',
  'secret',
  'secretSealed',
  'previousSecretSealed',
]);
export const REDACTED = '[redacted]';

type Values = Record<string, unknown>;

/** The values as the audit log may keep them: personal ones redacted, references as global IDs. */
export function auditable(values: Values): Values {
  return Object.fromEntries(
    Object.entries(values).map(([field, value]) => [
      field,
      REDACTED_FIELDS.has(field) ? REDACTED : value instanceof Date ? value.toISOString() : auditReference(field, value),
    ]),
  );
}

/** Before and after of the fields that differ, for an update's audit entry. */
export function changedFields(before: Values, after: Values): { before: Values; after: Values } {
  const fields = Object.keys(after).filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
  return {
    before: Object.fromEntries(fields.map((f) => [f, before[f]])),
    after: Object.fromEntries(fields.map((f) => [f, after[f]])),
  };
}

export interface AuditRecord {
  /** The mutation or event, e.g. "createUser", "login.failed". */
  operation: string;
  entityType: string;
  entityId: string | null;
  before?: Values | null;
  after?: Values | null;
  /** Who acted when it is not the signed-in viewer (e.g. the user who just signed in). */
  actorId?: string | null;
  /** Defaults to the viewer's role ("user:ADMIN"), else the context's actorLabel (e.g. "system:cli"), else "anonymous". */
  actorLabel?: string;
}

/**
 * Writes one audit entry inside the caller's transaction, so it commits or
 * vanishes with the change. Time comes from the request's clock.
 */
export async function audit(tx: RequestContext, record: AuditRecord): Promise<void> {
  if (!tx.inTransaction) throw new Error(`audit(${record.operation}) must run inside withTransaction`);
  const actorId = record.actorId !== undefined ? record.actorId : (tx.viewer?.userId ?? null);
  await tx.db.save(
    tx.db.create(AuditEntry, {
    occurredAt: tx.clock.now(),
    actorId,
    actorLabel: record.actorLabel ?? (tx.viewer ? `user:${tx.viewer.role}` : (tx.actorLabel ?? 'anonymous')),
    requestId: tx.requestId,
    operation: record.operation,
    entityType: record.entityType,
    entityId: record.entityId,
    before: record.before ? auditable(record.before) : null,
    after: record.after ? auditable(record.after) : null,
    }),
  );
}
