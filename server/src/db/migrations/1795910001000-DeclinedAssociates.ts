import type { MigrationInterface, QueryRunner } from 'typeorm';
import { bumpDataVersion } from '../data-version';
import { runForDialect } from './dialect';

/*
 * Written by hand (data only). completePlacement(WITHDRAWN) on a placement
 * that never started used to leave the associate WITHDRAWN, counted among
 * the cohort's associates; such an associate is now DECLINED and not
 * counted (counted-associates.ts). A WITHDRAWN associate certainly never
 * started when
 * - it has no directorate: it was never placed, and only assignPlacement,
 *   which sets the directorate, makes a placement ACTIVE; or
 * - its cohort is still before IN_PROGRESS: a placement becomes ACTIVE only
 *   while its cohort is IN_PROGRESS, and cohorts only move forward.
 * One placed during SELECTION that withdrew before a start which its cohort
 * has since passed cannot be told apart from one that withdrew after
 * starting; it stays WITHDRAWN and keeps counting, as it did. The end date
 * the old withdrawal recorded is kept (the audit log has it too).
 */
const DECLINE = `UPDATE "professional_associate" SET "status" = 'DECLINED'
  WHERE "status" = 'WITHDRAWN'
    AND ("directorate" IS NULL
      OR "cohortId" IN (SELECT "id" FROM "cohort" WHERE "status" IN ('PLANNED', 'NOMINATIONS_OPEN', 'SELECTION')))`;
/** The older code knows no DECLINED: WITHDRAWN is what it recorded for them. */
const UNDECLINE = `UPDATE "professional_associate" SET "status" = 'WITHDRAWN' WHERE "status" = 'DECLINED'`;

export class DeclinedAssociates1795910001000 implements MigrationInterface {
  name = 'DeclinedAssociates1795910001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runForDialect(queryRunner, { sqlite: [DECLINE], postgres: [DECLINE] });
    // Cached lists and statistics computed before the change must not be served after it.
    await bumpDataVersion(queryRunner.manager);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runForDialect(queryRunner, { sqlite: [UNDECLINE], postgres: [UNDECLINE] });
    await bumpDataVersion(queryRunner.manager);
  }
}
