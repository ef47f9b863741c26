import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { CohortService } from '../cohort/cohort.service';
import { CohortConnection, CohortOrder } from '../cohort/cohort.types';
import { Programme } from './programme.entity';
import { ProgrammeService } from './programme.service';
import { ProgrammeConnection, ProgrammeOrder } from './programme.types';

@Resolver(() => Programme)
export class ProgrammeResolver {
  private readonly programmeService = new ProgrammeService();
  private readonly cohortService = new CohortService();

  @Query(() => Programme, { nullable: true, description: 'The programme with this code, or null.' })
  programme(
    @Arg('code', () => String, { description: 'Programme code, e.g. "WCO-JAPAN-CDP".' }) code: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Programme | null> {
    return this.programmeService.findByCode(ctx, code);
  }

  @Query(() => ProgrammeConnection, { description: 'All programmes.' })
  async programmes(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('orderBy', () => ProgrammeOrder, { nullable: true, description: 'Ordering; by code when omitted.' })
    orderBy: ProgrammeOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ProgrammeConnection> {
    return new ProgrammeConnection(await this.programmeService.list(ctx, args, orderBy));
  }

  @FieldResolver(() => CohortConnection, { description: 'Cohorts of this programme.' })
  async cohorts(
    @Root() programme: Programme,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('orderBy', () => CohortOrder, { nullable: true, description: 'Ordering; by label when omitted.' }) orderBy: CohortOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CohortConnection> {
    return new CohortConnection(await this.cohortService.pageForProgramme(ctx, programme.uuid, args, orderBy));
  }
}
