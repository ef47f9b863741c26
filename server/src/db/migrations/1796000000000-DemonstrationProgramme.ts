import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The development seed used to put its demonstration cohort in the real
 * programme, under the label of the coming real programme year, so creating
 * the real cohort failed with COHORT_LABEL_TAKEN (cohorts are never renamed
 * or deleted). The seed now puts it in a demonstration programme of its own;
 * up moves a cohort seeded the old way there (with its events), and records
 * the move in the audit log. Down moves it back when its label is free there.
 *
 * The demonstration cohort is recognised by the note the seed gave it, and the
 * programme's values and the global ID format are copied from the seed and
 * graphql/relay/global-id.ts as they stood when this was written: a migration
 * must keep doing what it did when it ran first.
 */
const REAL_CODE = 'WCO-JAPAN-CDP';
const DEMO_CODE = 'CDP-DEMO';
const DEMO_NOTE = 'Sample cohort created for demonstration; invitations and nominations are sample data.';
const DEMO_PROGRAMME = {
  name: 'CDP Hub demonstration programme (sample data)',
  organiser: 'CDP Hub (sample data)',
  partner: 'none (sample data)',
  launchedYear: 2026,
  placementMonths: 10,
  description:
    'A programme that exists only to try CDP Hub out: its cohort, invitations and nominations are sample data, not part of the record of the WCO-Japan Career Development Programme.',
  eligibility: 'Sample data: any administration may be invited.',
};

const globalId = (typeName: string, uuid: string) => Buffer.from(`${typeName}:${uuid}`, 'utf8').toString('base64url');

export class DemonstrationProgramme1796000000000 implements MigrationInterface {
  name = 'DemonstrationProgramme1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const q = query(queryRunner);
    const real = await programmeId(q, REAL_CODE);
    if (!real) return;
    const cohorts: Array<{ id: string; label: string; createdAt: unknown }> = await q(
      `SELECT "id", "label", "createdAt" FROM "cohort" WHERE "programmeId" = $1 AND "note" = $2 ORDER BY "label"`,
      [real, DEMO_NOTE],
    );
    if (!cohorts.length) return;
    let demo = await programmeId(q, DEMO_CODE);
    if (!demo) {
      demo = randomUUID();
      const p = DEMO_PROGRAMME;
      await q(
        `INSERT INTO "programme" ("id", "createdAt", "updatedAt", "code", "name", "formerName", "organiser", "partner", "launchedYear", "placementMonths", "description", "eligibility")
         VALUES ($1, $2, $2, $3, $4, NULL, $5, $6, $7, $8, $9, $10)`,
        [demo, cohorts[0].createdAt, DEMO_CODE, p.name, p.organiser, p.partner, p.launchedYear, p.placementMonths, p.description, p.eligibility],
      );
    }
    for (const cohort of cohorts) {
      if ((await q(`SELECT 1 FROM "cohort" WHERE "programmeId" = $1 AND "label" = $2`, [demo, cohort.label])).length) continue;
      await move(q, cohort.id, real, demo);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const q = query(queryRunner);
    const [real, demo] = [await programmeId(q, REAL_CODE), await programmeId(q, DEMO_CODE)];
    if (!real || !demo) return;
    const cohorts: Array<{ id: string; label: string }> = await q(`SELECT "id", "label" FROM "cohort" WHERE "programmeId" = $1 AND "note" = $2`, [demo, DEMO_NOTE]);
    for (const cohort of cohorts) {
      if ((await q(`SELECT 1 FROM "cohort" WHERE "programmeId" = $1 AND "label" = $2`, [real, cohort.label])).length) continue;
      await move(q, cohort.id, demo, real);
    }
  }
}

type Query = ((sql: string, parameters?: unknown[]) => Promise<any[]>) & { sqlite?: boolean };

/** Statements written with PostgreSQL's $n placeholders; SQLite gets `?` (every $n here is used in order, $2 possibly twice). */
function query(queryRunner: QueryRunner): Query {
  const type = queryRunner.connection.options.type;
  if (type !== 'postgres' && type !== 'better-sqlite3') throw new Error(`CDP Hub has no migrations for database type ${type}`);
  if (type === 'postgres') return (sql, parameters) => queryRunner.query(sql, parameters);
  const sqlite: Query = (sql, parameters = []) => {
    const ordered: unknown[] = [];
    const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
      ordered.push(parameters[Number(n) - 1]);
      return '?';
    });
    return queryRunner.query(text, ordered);
  };
  sqlite.sqlite = true;
  return sqlite;
}

async function programmeId(q: Query, code: string): Promise<string | null> {
  const rows: Array<{ id: string }> = await q(`SELECT "id" FROM "programme" WHERE "code" = $1`, [code]);
  return rows[0]?.id ?? null;
}

async function move(q: Query, cohortId: string, from: string, to: string): Promise<void> {
  await q(`UPDATE "cohort" SET "programmeId" = $1 WHERE "id" = $2`, [to, cohortId]);
  await q(`UPDATE "event" SET "programmeId" = $1 WHERE "cohortId" = $2`, [to, cohortId]);
  await q(
    `INSERT INTO "audit_entry" ("id", "occurredAt", "actorId", "actorLabel", "requestId", "operation", "entityType", "entityId", "before", "after")
     VALUES ($1, $2, NULL, 'system:migration', NULL, 'moveDemonstrationCohort', 'Cohort', $3, $4, $5)`,
    [
      randomUUID(),
      // TypeORM's form of a datetime on SQLite; PostgreSQL takes the ISO form.
      q.sqlite ? new Date().toISOString().replace('T', ' ').replace('Z', '') : new Date().toISOString(),
      cohortId,
      JSON.stringify({ programmeId: globalId('Programme', from) }),
      JSON.stringify({ programmeId: globalId('Programme', to) }),
    ],
  );
}
