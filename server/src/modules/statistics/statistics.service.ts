import type { RequestContext } from '../../graphql/context';
import { Administration } from '../administration/administration.entity';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { countedAssociateSql } from '../associate/counted-associates';
import { Cohort } from '../cohort/cohort.entity';
import { CohortStatus } from '../cohort/cohort-status';
import { Programme } from '../programme/programme.entity';
import { Region } from '../region/region.entity';
import { ResearchProject } from '../research/research-project.entity';
import { ResearchTheme } from '../research/research-theme.entity';
import { scopeVisibleResearch } from '../research/research-visibility';
import type { ProgrammeStatistics } from './statistics.types';

export const TOP_THEMES = 10;

type Counted = { key: string; n: number | string };

/** Programme figures from a fixed handful of aggregate statements, whatever the size of the programme; associates are the counted ones (counted-associates.ts). */
export class StatisticsService {
  async forProgramme(ctx: RequestContext, code: string): Promise<ProgrammeStatistics | null> {
    const programme = await ctx.db.getRepository(Programme).findOneBy({ code });
    if (!programme) return null;
    const ds = ctx.db;

    const cohorts = await ds.getRepository(Cohort).find({ where: { programmeId: programme.uuid }, order: { label: 'ASC' } });
    const perCohort = await ds
      .getRepository(ProfessionalAssociate)
      .createQueryBuilder('pa')
      .innerJoin(Cohort, 'co', 'co.uuid = pa.cohortId')
      .where('co.programmeId = :programmeId', { programmeId: programme.uuid })
      .andWhere(countedAssociateSql('pa.status'))
      .select('pa.administrationId', 'key')
      .addSelect('pa.cohortId', 'cohortId')
      .addSelect('COUNT(*)', 'n')
      .groupBy('pa.administrationId')
      .addGroupBy('pa.cohortId')
      .getRawMany<Counted & { cohortId: string }>();

    const administrations = await ds.getRepository(Administration).find({ order: { name: 'ASC' } });
    const regions = await ds.getRepository(Region).find({ order: { code: 'ASC' } });

    const themeQb = ds
      .getRepository(ResearchTheme)
      .createQueryBuilder('t')
      .innerJoin(ResearchProject, 'rp', 'rp.uuid = t.researchProjectId')
      .innerJoin(ProfessionalAssociate, 'tpa', 'tpa.uuid = rp.associateId')
      .innerJoin(Cohort, 'tco', 'tco.uuid = tpa.cohortId')
      .where('tco.programmeId = :programmeId', { programmeId: programme.uuid });
    scopeVisibleResearch(themeQb, 'rp', ctx.viewer);
    const themes = await themeQb
      .select('t.theme', 'key')
      .addSelect('COUNT(*)', 'n')
      .groupBy('t.theme')
      .orderBy('n', 'DESC')
      .addOrderBy('t.theme', 'ASC')
      .limit(TOP_THEMES)
      .getRawMany<Counted>();

    const byAdministrationId = new Map<string, number>();
    const byCohortId = new Map<string, number>();
    for (const row of perCohort) {
      const n = Number(row.n);
      byAdministrationId.set(row.key, (byAdministrationId.get(row.key) ?? 0) + n);
      byCohortId.set(row.cohortId, (byCohortId.get(row.cohortId) ?? 0) + n);
    }
    const represented = administrations.filter((a) => byAdministrationId.has(a.uuid));
    const byRegion = regions.map((region) => {
      const inRegion = represented.filter((a) => a.regionId === region.uuid);
      return {
        region,
        administrationCount: inRegion.length,
        associateCount: inRegion.reduce((sum, a) => sum + byAdministrationId.get(a.uuid)!, 0),
      };
    });

    return {
      programme,
      totalAssociates: [...byCohortId.values()].reduce((a, b) => a + b, 0),
      totalCohorts: cohorts.length,
      completedCohorts: cohorts.filter((c) => c.status === CohortStatus.COMPLETED).length,
      administrationsRepresented: represented.length,
      regionsRepresented: byRegion.filter((r) => r.associateCount > 0).length,
      byRegion,
      byCohort: cohorts.map((cohort) => ({ cohort, associateCount: byCohortId.get(cohort.uuid) ?? 0 })),
      byAdministration: represented
        .map((administration) => ({ administration, associateCount: byAdministrationId.get(administration.uuid)! }))
        // A stable sort of a list already in the database's name order: ties stay by name.
        .sort((a, b) => b.associateCount - a.associateCount),
      topThemes: themes.map((t) => ({ theme: t.key, researchCount: Number(t.n) })),
      neverRepresented: administrations.filter((a) => a.isEligible && !byAdministrationId.has(a.uuid)),
    };
  }
}
