import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit entries written before this migration name related objects in their
 * before/after values by raw UUIDs, which neither node(id:) nor the auditLog
 * filters accept; audit() now writes global IDs. Up rewrites the old values
 * the same way, down turns them back into UUIDs. Both leave a value that is
 * already in the wanted form as it is, so either may run on a log that holds
 * both forms.
 *
 * The field-to-type map and the global ID format are copied from
 * modules/audit/audit-references.ts and graphql/relay/global-id.ts as they
 * stood when this migration was written: a migration must keep doing what it
 * did when it ran first, whatever those files become.
 */
const REFERENCES: Readonly<Record<string, string>> = {
  actorId: 'User',
  administrationId: 'Administration',
  alumniProfileId: 'AlumniProfile',
  associateId: 'ProfessionalAssociate',
  ceremonyId: 'Event',
  certificateId: 'Certificate',
  cohortId: 'Cohort',
  eventId: 'Event',
  invitedAdministrationIds: 'Administration',
  milestoneId: 'Milestone',
  nominationId: 'Nomination',
  presentedAtId: 'Event',
  programmeId: 'Programme',
  researchProjectId: 'ResearchProject',
  reviewerId: 'User',
  userId: 'User',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Rows read and rewritten per round trip: the log may be long, and a batch is held in memory. */
const BATCH = 500;

type Values = Record<string, unknown>;
type Convert = (typeName: string, value: string) => string;

const toGlobalId: Convert = (typeName, value) =>
  UUID.test(value) ? Buffer.from(`${typeName}:${value.toLowerCase()}`, 'utf8').toString('base64url') : value;

const fromGlobalId: Convert = (typeName, value) => {
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return value;
  const decoded = Buffer.from(value, 'base64url').toString('utf8');
  const prefix = `${typeName}:`;
  return decoded.startsWith(prefix) && UUID.test(decoded.slice(prefix.length)) ? decoded.slice(prefix.length) : value;
};

/** The stored JSON with each reference converted, or null when nothing changes. */
function rewrite(json: string | null, convert: Convert): string | null {
  if (json == null) return null;
  const values: unknown = JSON.parse(json);
  if (values == null || typeof values !== 'object' || Array.isArray(values)) return null;
  let changed = false;
  const one = (typeName: string, value: unknown) => {
    if (typeof value !== 'string') return value;
    const converted = convert(typeName, value);
    if (converted !== value) changed = true;
    return converted;
  };
  const out: Values = {};
  for (const [field, value] of Object.entries(values as Values)) {
    const typeName = Object.hasOwn(REFERENCES, field) ? REFERENCES[field] : undefined;
    out[field] = !typeName ? value : Array.isArray(value) ? value.map((v) => one(typeName, v)) : one(typeName, value);
  }
  return changed ? JSON.stringify(out) : null;
}

async function rewriteAll(queryRunner: QueryRunner, convert: Convert): Promise<void> {
  const type = queryRunner.connection.options.type;
  if (type !== 'postgres' && type !== 'better-sqlite3') throw new Error(`CDP Hub has no migrations for database type ${type}`);
  const postgres = type === 'postgres';
  const p = (n: number) => (postgres ? `$${n}` : '?');
  let last: string | null = null;
  for (;;) {
    // Keyset by id, so rows rewritten in one batch are never read again.
    const rows: Array<{ id: string; before: string | null; after: string | null }> = await queryRunner.query(
      `SELECT "id", "before", "after" FROM "audit_entry"
       WHERE ("before" IS NOT NULL OR "after" IS NOT NULL)${last == null ? '' : ` AND "id" > ${p(1)}`}
       ORDER BY "id" LIMIT ${BATCH}`,
      last == null ? [] : [last],
    );
    for (const row of rows) {
      const before = rewrite(row.before, convert);
      const after = rewrite(row.after, convert);
      if (before == null && after == null) continue;
      await queryRunner.query(`UPDATE "audit_entry" SET "before" = ${p(1)}, "after" = ${p(2)} WHERE "id" = ${p(3)}`, [
        before ?? row.before,
        after ?? row.after,
        row.id,
      ]);
    }
    if (rows.length < BATCH) return;
    last = rows[rows.length - 1].id;
  }
}

export class AuditGlobalIds1795950000000 implements MigrationInterface {
  name = 'AuditGlobalIds1795950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await rewriteAll(queryRunner, toGlobalId);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await rewriteAll(queryRunner, fromGlobalId);
  }
}
