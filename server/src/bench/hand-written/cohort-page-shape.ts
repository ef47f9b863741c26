/**
 * Turns the rows of the hand-written endpoint's statements into the JSON CDP
 * Hub answers for the cohort page: the same keys in the same order, global
 * ids, and instants as ISO-8601 in UTC with milliseconds (GraphQLDateTime).
 */

export interface CohortRow {
  id: string;
  label: string;
  status: string;
  startDate: string | null;
  endDate: string | null;
  programmeCode: string;
  programmeName: string;
}
export interface AssociateRow {
  id: string;
  fullName: string;
  directorate: string | null;
  status: string;
  iso2: string;
  administrationName: string;
  regionCode: string;
  regionName: string;
}
export interface ResearchRow { id: string; associateId: string; title: string; status: string }
export interface ThemeRow { researchProjectId: string; theme: string }
export interface MilestoneRow { researchProjectId: string; title: string; dueDate: string; completedAt: unknown }
export interface CertificateRow { associateId: string; serial: string; issuedAt: unknown; revokedAt: unknown }
export interface EventRow {
  kind: string;
  title: string;
  startsAt: unknown;
  datePrecision: string;
  officiantName: string | null;
  officiantTitle: string | null;
}

export interface CohortPageRows {
  cohort: CohortRow;
  totalCount: number;
  associates: AssociateRow[];
  research: ResearchRow[];
  themes: ThemeRow[];
  milestones: MilestoneRow[];
  certificates: CertificateRow[];
  events: EventRow[];
}

/** How a driver's stored instant becomes the API's text (SQLite keeps text, node-postgres gives a Date). */
export type InstantText = (value: unknown) => string;

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');

export function cohortPageJson(rows: CohortPageRows | null, instant: InstantText): string {
  if (!rows) return '{"data":{"cohort":null}}';
  const { cohort } = rows;
  // A page has at most 20 associates: scanning the child rows per parent costs less than building maps.
  const research = new Map(rows.research.map((r) => [r.associateId, r]));
  const optionalInstant = (value: unknown) => (value == null ? null : instant(value));
  return JSON.stringify({
    data: {
      cohort: {
        id: globalId('Cohort', cohort.id),
        label: cohort.label,
        status: cohort.status,
        startDate: cohort.startDate,
        endDate: cohort.endDate,
        programme: { code: cohort.programmeCode, name: cohort.programmeName },
        associates: {
          totalCount: rows.totalCount,
          nodes: rows.associates.map((a) => {
            const project = research.get(a.id);
            return {
              id: globalId('ProfessionalAssociate', a.id),
              fullName: a.fullName,
              directorate: a.directorate,
              status: a.status,
              administration: { iso2: a.iso2, name: a.administrationName, region: { code: a.regionCode, name: a.regionName } },
              research: project
                ? {
                    title: project.title,
                    status: project.status,
                    themes: rows.themes.filter((t) => t.researchProjectId === project.id).map((t) => t.theme),
                    milestones: rows.milestones.filter((m) => m.researchProjectId === project.id).map((m) => ({
                      title: m.title,
                      dueDate: m.dueDate,
                      completedAt: optionalInstant(m.completedAt),
                    })),
                  }
                : null,
              certificates: rows.certificates.filter((c) => c.associateId === a.id).map((c) => ({
                serial: c.serial,
                issuedAt: instant(c.issuedAt),
                isValid: c.revokedAt == null,
              })),
            };
          }),
        },
        events: rows.events.map((e) => ({
          kind: e.kind,
          title: e.title,
          startsAt: instant(e.startsAt),
          datePrecision: e.datePrecision,
          officiantName: e.officiantName,
          officiantTitle: e.officiantTitle,
        })),
      },
    },
  });
}
