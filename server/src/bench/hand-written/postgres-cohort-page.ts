import { Pool, type QueryResultRow } from 'pg';
import { COHORT_PAGE_SIZE } from '../cohort-page-query';
import { cohortPageJson, type CohortPageRows, type CohortRow } from './cohort-page-shape';
import { cohortPageSql, type CohortPageSql } from './cohort-page-sql';

/** node-postgres gives timestamptz columns as Dates. */
const instant = (value: unknown) => (value as Date).toISOString();

/**
 * The cohort page over a pool of 10 connections (CDP Hub's pool size). Each
 * statement has a name, so node-postgres prepares it once per connection and
 * then only binds parameters.
 */
export function postgresCohortPage(url: string, programmeCode: string): { page: (label: string) => Promise<string>; close: () => Promise<void> } {
  const pool = new Pool({ connectionString: url, max: 10 });
  const sql = cohortPageSql('postgres');
  const run = async <R extends QueryResultRow>(name: keyof CohortPageSql, values: unknown[]) =>
    (await pool.query<R>({ name: `cohort-page-${name}`, text: sql[name], values })).rows;
  const page = async (label: string) => {
    const [cohort] = await run<CohortRow>('cohort', [label, programmeCode]);
    if (!cohort) return cohortPageJson(null, instant);
    const [associates, count, events] = await Promise.all([
      run<CohortPageRows['associates'][number]>('associates', [cohort.id, COHORT_PAGE_SIZE]),
      run<{ n: string }>('totalCount', [cohort.id]),
      run<CohortPageRows['events'][number]>('events', [cohort.id]),
    ]);
    const associateIds = associates.map((a) => a.id);
    const [research, certificates] = await Promise.all([
      run<CohortPageRows['research'][number]>('research', [associateIds]),
      run<CohortPageRows['certificates'][number]>('certificates', [associateIds]),
    ]);
    const researchIds = research.map((r) => r.id);
    const [themes, milestones] = await Promise.all([
      run<CohortPageRows['themes'][number]>('themes', [researchIds]),
      run<CohortPageRows['milestones'][number]>('milestones', [researchIds]),
    ]);
    return cohortPageJson({ cohort, totalCount: Number(count[0].n), associates, research, themes, milestones, certificates, events }, instant);
  };
  return { page, close: () => pool.end() };
}
