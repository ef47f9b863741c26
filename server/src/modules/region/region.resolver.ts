import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { AdministrationService } from '../administration/administration.service';
import { AdministrationConnection, AdministrationOrder } from '../administration/administration.types';
import { Region } from './region.entity';
import { RegionService } from './region.service';
import { RegionConnection, RegionOrder } from './region.types';

@Resolver(() => Region)
export class RegionResolver {
  private readonly regionService = new RegionService();
  private readonly administrationService = new AdministrationService();

  @Query(() => RegionConnection, { description: "The WCO's six regions." })
  async regions(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('orderBy', () => RegionOrder, { nullable: true, description: 'Ordering; by code when omitted.' }) orderBy: RegionOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<RegionConnection> {
    return new RegionConnection(await this.regionService.list(ctx, args, orderBy));
  }

  @FieldResolver(() => AdministrationConnection, { description: 'Member administrations of this region.' })
  async administrations(
    @Root() region: Region,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('orderBy', () => AdministrationOrder, { nullable: true, description: 'Ordering; by name when omitted.' })
    orderBy: AdministrationOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AdministrationConnection> {
    return new AdministrationConnection(await this.administrationService.pageForRegion(ctx, region.uuid, args, orderBy));
  }
}
