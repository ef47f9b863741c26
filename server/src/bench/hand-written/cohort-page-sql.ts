/**
 * The hand-written endpoint's statements, one per table, as a developer would
 * write them for this one page. The two databases differ only in parameter
 * marks, how a list of ids is bound (SQLite: one JSON array through
 * json_each, so the statement stays prepared; PostgreSQL: a uuid[]) and how
 * a date column comes back as text.
 */
export type Dialect = 'sqlite' | 'postgres';

export function cohortPageSql(dialect: Dialect) {
  const pg = dialect === 'postgres';
  const mark = (n: number) => (pg ? `$${n}` : '?');
  const ids = (n: number) => (pg ? `= ANY(${mark(n)}::uuid[])` : `IN (SELECT value FROM json_each(${mark(n)}))`);
  const date = (column: string) => (pg ? `${column}::text AS "${column.split('.').pop()!.replaceAll('"', '')}"` : column);
  return {
    cohort: `SELECT c."id", c."label", c."status", ${date('c."startDate"')}, ${date('c."endDate"')},
                    p."code" AS "programmeCode", p."name" AS "programmeName"
             FROM "cohort" c JOIN "programme" p ON p."id" = c."programmeId"
             WHERE c."label" = ${mark(1)} AND p."code" = ${mark(2)}`,
    totalCount: `SELECT COUNT(*) AS "n" FROM "professional_associate" WHERE "cohortId" = ${mark(1)}`,
    associates: `SELECT a."id", a."fullName", a."directorate", a."status", d."iso2", d."name" AS "administrationName",
                        r."code" AS "regionCode", r."name" AS "regionName"
                 FROM "professional_associate" a
                 JOIN "administration" d ON d."id" = a."administrationId"
                 JOIN "region" r ON r."id" = d."regionId"
                 WHERE a."cohortId" = ${mark(1)} ORDER BY a."fullName", a."id" LIMIT ${mark(2)}`,
    // Anonymous callers see published research only.
    research: `SELECT "id", "associateId", "title", "status" FROM "research_project"
               WHERE "status" = 'PUBLISHED' AND "associateId" ${ids(1)}`,
    themes: `SELECT "researchProjectId", "theme" FROM "research_theme"
             WHERE "researchProjectId" ${ids(1)} ORDER BY "position", "theme"`,
    milestones: `SELECT "researchProjectId", "title", ${date('"dueDate"')}, "completedAt" FROM "milestone"
                 WHERE "researchProjectId" ${ids(1)} ORDER BY "dueDate", "id"`,
    certificates: `SELECT "associateId", "serial", "issuedAt", "revokedAt" FROM "certificate"
                   WHERE "associateId" ${ids(1)} ORDER BY "issuedAt" DESC, "id"`,
    events: `SELECT "kind", "title", "startsAt", "datePrecision", "officiantName", "officiantTitle" FROM "event"
             WHERE "cohortId" = ${mark(1)} ORDER BY "startsAt", "id"`,
  };
}

export type CohortPageSql = ReturnType<typeof cohortPageSql>;
