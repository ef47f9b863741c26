import type { MigrationInterface, QueryRunner } from 'typeorm';
import { indexStatements, runForDialect, type IndexSpec } from './dialect';

/**
 * Composite indexes declared on the entities (generated, then written as one
 * list: the statements are the same on both databases). Keyset pages order by
 * (sort column, id) and read these in order instead of sorting the table;
 * anonymous research pages read the status-prefixed pairs; search checks each
 * match's visibility from IDX_research_project_visibility alone.
 */
const INDEXES: IndexSpec[] = [
  ['IDX_administration_iso2_id', 'administration', ['iso2', 'id']],
  ['IDX_administration_name_id', 'administration', ['name', 'id']],
  ['IDX_cohort_createdAt_id', 'cohort', ['createdAt', 'id']],
  ['IDX_cohort_label_id', 'cohort', ['label', 'id']],
  ['IDX_nomination_candidateFullName_id', 'nomination', ['candidateFullName', 'id']],
  ['IDX_nomination_submittedAt_id', 'nomination', ['submittedAt', 'id']],
  ['IDX_professional_associate_administrationId_fullName_id', 'professional_associate', ['administrationId', 'fullName', 'id']],
  ['IDX_professional_associate_cohortId_fullName_id', 'professional_associate', ['cohortId', 'fullName', 'id']],
  ['IDX_professional_associate_createdAt_id', 'professional_associate', ['createdAt', 'id']],
  ['IDX_professional_associate_fullName_id', 'professional_associate', ['fullName', 'id']],
  ['IDX_alumni_profile_updatedAt_id', 'alumni_profile', ['updatedAt', 'id']],
  ['IDX_alumni_profile_createdAt_id', 'alumni_profile', ['createdAt', 'id']],
  ['IDX_app_user_displayName_id', 'app_user', ['displayName', 'id']],
  ['IDX_app_user_createdAt_id', 'app_user', ['createdAt', 'id']],
  ['IDX_audit_entry_occurredAt_id', 'audit_entry', ['occurredAt', 'id']],
  ['IDX_event_title_id', 'event', ['title', 'id']],
  ['IDX_event_startsAt_id', 'event', ['startsAt', 'id']],
  ['IDX_research_project_visibility', 'research_project', ['id', 'status', 'associateId']],
  ['IDX_research_project_status_createdAt_id', 'research_project', ['status', 'createdAt', 'id']],
  ['IDX_research_project_status_title_id', 'research_project', ['status', 'title', 'id']],
  ['IDX_research_project_createdAt_id', 'research_project', ['createdAt', 'id']],
  ['IDX_research_project_title_id', 'research_project', ['title', 'id']],
];

const { creates, drops } = indexStatements(INDEXES);

export class ScaleIndexes1795792655856 implements MigrationInterface {
  name = 'ScaleIndexes1795792655856';

  async up(queryRunner: QueryRunner): Promise<void> {
    await runForDialect(queryRunner, { sqlite: creates, postgres: creates });
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await runForDialect(queryRunner, { sqlite: drops, postgres: drops });
  }
}
