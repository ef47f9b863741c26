import { GraphQLCountryCode } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { AssociateService } from '../associate/associate.service';
import { AdministrationAssociateFilter, ProfessionalAssociateConnection, ProfessionalAssociateOrder } from '../associate/associate.types';
import { CohortService } from '../cohort/cohort.service';
import { AdministrationInvitationFilter, InvitationConnection, InvitationOrder } from '../cohort/cohort.types';
import { NominationService } from '../nomination/nomination.service';
import { AdministrationNominationFilter, NominationConnection, NominationOrder } from '../nomination/nomination.types';
import { Region } from '../region/region.entity';
import { UserService } from '../user/user.service';
import { UserConnection, UserOrder } from '../user/user.types';
import { Administration } from './administration.entity';
import { AdministrationService } from './administration.service';
import { AdministrationConnection, AdministrationFilter, AdministrationOrder } from './administration.types';

@Resolver(() => Administration)
export class AdministrationResolver {
  private readonly administrationService = new AdministrationService();
  private readonly associateService = new AssociateService();
  private readonly cohortService = new CohortService();
  private readonly nominationService = new NominationService();
  private readonly userService = new UserService();

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
    description:
      'Professional Associates this administration has sent, without those who DECLINED before the start; filter statusIn: [COMPLETED] for its alumni.',
  })
  async associates(
    @Root() administration: Administration,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('orderBy', () => ProfessionalAssociateOrder, { nullable: true, description: 'Ordering; by name when omitted.' })
    orderBy: ProfessionalAssociateOrder | null,
    @Arg('filter', () => AdministrationAssociateFilter, { nullable: true, description: 'Conditions the associates must meet.' })
    filter: AdministrationAssociateFilter | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ProfessionalAssociateConnection> {
    return new ProfessionalAssociateConnection(
      await this.associateService.pageFor(ctx, 'administrationId', administration.uuid, args, orderBy, filter?.statusIn),
    );
  }

  @FieldResolver(() => InvitationConnection, {
    description: 'Invitations this administration received, for every cohort; ask open ones (filter open: true) first, with their nominationDeadline.',
  })
  async invitations(
    @Root() administration: Administration,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => AdministrationInvitationFilter, { nullable: true, description: 'Conditions the invitations must meet.' })
    filter: AdministrationInvitationFilter | null,
    @Arg('orderBy', () => InvitationOrder, { nullable: true, description: 'Ordering; by sending time when omitted.' }) orderBy: InvitationOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<InvitationConnection> {
    return new InvitationConnection(await this.cohortService.invitationsForAdministration(ctx, administration.uuid, args, filter?.open, orderBy));
  }

  @FieldResolver(() => NominationConnection, {
    description:
      'Nominations from this administration, as the nominations list shows them: all to ADMIN and REVIEWER, to a FOCAL_POINT only its own administration’s; an empty page to anyone else.',
  })
  async nominations(
    @Root() administration: Administration,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => AdministrationNominationFilter, { nullable: true, description: 'Conditions the nominations must meet, e.g. one cohort.' })
    filter: AdministrationNominationFilter | null,
    @Arg('orderBy', () => NominationOrder, { nullable: true, description: 'Ordering; by submission time when omitted.' }) orderBy: NominationOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<NominationConnection> {
    return new NominationConnection(await this.nominationService.pageForAdministration(ctx, administration.uuid, args, filter, orderBy));
  }

  @FieldResolver(() => UserConnection, { nullable: true, description: 'The FOCAL_POINT users acting for this administration, active or not.' })
  async focalPoints(
    @Root() administration: Administration,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('orderBy', () => UserOrder, { nullable: true, description: 'Ordering; by creation time when omitted.' }) orderBy: UserOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<UserConnection> {
    return new UserConnection(await this.userService.focalPointsOf(ctx, administration.uuid, args, orderBy));
  }
}
