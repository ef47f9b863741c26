import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { DEFAULT_PROGRAMME_CODE } from '../programme/programme.types';
import { StatisticsService } from './statistics.service';
import { ProgrammeStatistics } from './statistics.types';

@Resolver(() => ProgrammeStatistics)
export class StatisticsResolver {
  private readonly statisticsService = new StatisticsService();

  @Query(() => ProgrammeStatistics, { nullable: true, description: 'Figures about a programme; null for an unknown code.' })
  programmeStatistics(
    @Arg('programmeCode', () => String, { defaultValue: DEFAULT_PROGRAMME_CODE, description: 'Code of the programme.' })
    programmeCode: string,
    @Ctx() ctx: RequestContext,
  ): Promise<ProgrammeStatistics | null> {
    return this.statisticsService.forProgramme(ctx, programmeCode);
  }
}
