import Database from 'better-sqlite3';
import { COHORT_PAGE_SIZE } from '../cohort-page-query';
import { cohortPageJson, type CohortPageRows, type CohortRow } from './cohort-page-shape';
import { cohortPageSql } from './cohort-page-sql';

/** SQLite keeps instants as "YYYY-MM-DD HH:MM:SS.SSS" in UTC (TypeORM's format). */
const instant = (value: unknown) => `${String(value).replace(' ', 'T')}Z`;

/** The cohort page from a read-only connection to the same file as CDP Hub, with statements prepared once. */
export function sqliteCohortPage(file: string, programmeCode: string): (label: string) => string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const sql = cohortPageSql('sqlite');
  const prepared = Object.fromEntries(Object.entries(sql).map(([name, text]) => [name, db.prepare(text)])) as {
    [K in keyof typeof sql]: Database.Statement;
  };
  return (label) => {
    const cohort = prepared.cohort.get(label, programmeCode) as CohortRow | undefined;
    if (!cohort) return cohortPageJson(null, instant);
    const associates = prepared.associates.all(cohort.id, COHORT_PAGE_SIZE) as CohortPageRows['associates'];
    const associateIds = JSON.stringify(associates.map((a) => a.id));
    const research = prepared.research.all(associateIds) as CohortPageRows['research'];
    const researchIds = JSON.stringify(research.map((r) => r.id));
    const rows: CohortPageRows = {
      cohort,
      totalCount: (prepared.totalCount.get(cohort.id) as { n: number }).n,
      associates,
      research,
      themes: prepared.themes.all(researchIds) as CohortPageRows['themes'],
      milestones: prepared.milestones.all(researchIds) as CohortPageRows['milestones'],
      certificates: prepared.certificates.all(associateIds) as CohortPageRows['certificates'],
      events: prepared.events.all(cohort.id) as CohortPageRows['events'],
    };
    return cohortPageJson(rows, instant);
  };
}
