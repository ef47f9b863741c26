import type { MigrationInterface, QueryRunner } from 'typeorm';
import { bumpDataVersion } from '../data-version';
import { runForDialect } from './dialect';

/*
 * Written by hand (data only). createCohort takes six exact dates, yet
 * recorded no startDatePrecision: its cohorts said null where the seeded
 * ones whose start day is known say DAY. Only createCohort writes all six
 * dates (the seeded history has no selection dates; the demonstration cohort
 * has DAY already), so a cohort with all six and no precision is one of
 * its cohorts, and its startDate is an exact day.
 */
const SET_DAY = `UPDATE "cohort" SET "startDatePrecision" = 'DAY'
  WHERE "startDatePrecision" IS NULL
    AND "invitationDate" IS NOT NULL AND "nominationDeadline" IS NOT NULL AND "selectionDate" IS NOT NULL
    AND "notificationDate" IS NOT NULL AND "startDate" IS NOT NULL AND "endDate" IS NOT NULL`;

export class CreatedCohortsStartDay1795910000000 implements MigrationInterface {
  name = 'CreatedCohortsStartDay1795910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runForDialect(queryRunner, { sqlite: [SET_DAY], postgres: [SET_DAY] });
    // Cached answers computed before the change must not be served after it.
    await bumpDataVersion(queryRunner.manager);
  }

  /** Nothing to undo: DAY is what those dates always were, and the older code reads it as well as null. */
  async down(): Promise<void> {}
}
