import { Field, Int, ObjectType } from 'type-graphql';
import { Administration } from '../administration/administration.entity';
import { Cohort } from '../cohort/cohort.entity';
import { Programme } from '../programme/programme.entity';
import { Region } from '../region/region.entity';

@ObjectType({ description: 'Associates and administrations of one region.' })
export class RegionCount {
  @Field(() => Region, { description: 'The region.' })
  region: Region;

  @Field(() => Int, { description: 'Associates from administrations of this region.' })
  associateCount: number;

  @Field(() => Int, { description: 'Administrations of this region that have sent at least one associate.' })
  administrationCount: number;
}

@ObjectType({ description: 'Associates of one cohort.' })
export class CohortCount {
  @Field(() => Cohort, { description: 'The cohort.' })
  cohort: Cohort;

  @Field(() => Int, { description: 'Associates in the cohort.' })
  associateCount: number;
}

@ObjectType({ description: 'Associates sent by one administration.' })
export class AdministrationCount {
  @Field(() => Administration, { description: 'The administration.' })
  administration: Administration;

  @Field(() => Int, { description: 'Associates it has sent, across cohorts.' })
  associateCount: number;
}

@ObjectType({ description: 'How often a theme occurs in research.' })
export class ThemeCount {
  @Field(() => String, { description: 'The theme.' })
  theme: string;

  @Field(() => Int, { description: 'Research projects with this theme.' })
  researchCount: number;
}

@ObjectType({
  description:
    'Figures about a programme: who took part, from where, on what. Associates who DECLINED before their placement started are not counted anywhere in them.',
})
export class ProgrammeStatistics {
  @Field(() => Programme, { description: 'The programme the figures are about.' })
  programme: Programme;

  @Field(() => Int, { description: 'Professional Associates across all cohorts.' })
  totalAssociates: number;

  @Field(() => Int, { description: 'Cohorts recorded, whatever their status.' })
  totalCohorts: number;

  @Field(() => Int, { description: 'Cohorts with status COMPLETED.' })
  completedCohorts: number;

  @Field(() => Int, { description: 'Distinct administrations that have sent at least one associate.' })
  administrationsRepresented: number;

  @Field(() => Int, { description: 'Distinct WCO regions that have sent at least one associate.' })
  regionsRepresented: number;

  @Field(() => [RegionCount], { description: 'Counts per region, every region included, by region code.' })
  byRegion: RegionCount[];

  @Field(() => [CohortCount], { description: 'Counts per cohort, every cohort included, by label.' })
  byCohort: CohortCount[];

  @Field(() => [AdministrationCount], {
    description: 'Counts per represented administration, most associates first, then by name.',
  })
  byAdministration: AdministrationCount[];

  @Field(() => [ThemeCount], { description: 'The ten most frequent research themes (visible research only), most frequent first.' })
  topThemes: ThemeCount[];

  @Field(() => [Administration], { description: 'Eligible administrations that have never sent an associate, by name.' })
  neverRepresented: Administration[];
}
