import { GraphQLCountryCode } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { AssociateService } from '../associate/associate.service';
import { ProfessionalAssociateConnection, ProfessionalAssociateOrder } from '../associate/associate.types';
import { Region } from '../region/region.entity';
import { Administration } from './administration.entity';
import { AdministrationService } from './administration.service';
import { AdministrationConnection, AdministrationFilter, AdministrationOrder } from './administration.types';

@Resolver(() => Administration)
export class AdministrationResolver {
  private readonly administrationService = new AdministrationService();
  private readonly associateService = new AssociateService();

  @Query(() => AdministrationConnection, { description: 'WCO Member administrations known to the programme.' })
  async administrations(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => AdministrationFilter, { nullable: true, description: 'Conditions the administrations must meet.' })
    filter: AdministrationFilter | null,
    @Arg('orderBy', () => AdministrationOrder, { nullable: true, description: 'Ordering; by name when omitted.' })
    orderBy: AdministrationOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AdministrationConnection> {
    return new AdministrationConnection(await this.administrationService.list(ctx, args, filter, orderBy));
  }

  @Query(() => Administration, { nullable: true, description: 'The administration with this ISO code, or null.' })
  administration(
    @Arg('iso2', () => GraphQLCountryCode, { description: 'ISO 3166-1 alpha-2 code, e.g. "RW".' }) iso2: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Administration | null> {
    return this.administrationService.findByIso2(ctx, iso2);
  }

  @FieldResolver(() => Region, { description: 'The WCO region of the administration.' })
  region(@Root() administration: Administration, @Ctx() ctx: RequestContext): Promise<Region> {
    return ctx.loaders.required(Region, administration.regionId);
  }

  @FieldResolver(() => ProfessionalAssociateConnection, {
    description: 'Professional Associates this administration has sent, without those who DECLINED before the start.',
  })
  async associates(
    @Root() administration: Administration,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('orderBy', () => ProfessionalAssociateOrder, { nullable: true, description: 'Ordering; by name when omitted.' })
    orderBy: ProfessionalAssociateOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ProfessionalAssociateConnection> {
    return new ProfessionalAssociateConnection(
      await this.associateService.pageFor(ctx, 'administrationId', administration.uuid, args, orderBy),
    );
  }
}
