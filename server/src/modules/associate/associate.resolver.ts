import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { Administration } from '../administration/administration.entity';
import { AlumniProfile } from '../alumni/alumni-profile.entity';
import { Certificate } from '../certificate/certificate.entity';
import { CertificateService } from '../certificate/certificate.service';
import { Cohort } from '../cohort/cohort.entity';
import { Nomination } from '../nomination/nomination.entity';
import { canSeeNomination } from '../nomination/nomination-visibility';
import { Region } from '../region/region.entity';
import { ResearchProject } from '../research/research-project.entity';
import { ResearchService } from '../research/research.service';
import { ProfessionalAssociate } from './associate.entity';
import { AssociateService } from './associate.service';
import { ProfessionalAssociateConnection, ProfessionalAssociateFilter, ProfessionalAssociateOrder } from './associate.types';

@Resolver(() => ProfessionalAssociate)
export class AssociateResolver {
  private readonly associateService = new AssociateService();
  private readonly researchService = new ResearchService();
  private readonly certificateService = new CertificateService();

  @Query(() => ProfessionalAssociateConnection, {
    description: 'Professional Associates of all cohorts. Those who DECLINED before their placement started are listed only with filter status DECLINED.',
  })
  async associates(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => ProfessionalAssociateFilter, { nullable: true, description: 'Conditions the associates must meet.' })
    filter: ProfessionalAssociateFilter | null,
    @Arg('orderBy', () => ProfessionalAssociateOrder, { nullable: true, description: 'Ordering; by name when omitted.' })
    orderBy: ProfessionalAssociateOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<ProfessionalAssociateConnection> {
    return new ProfessionalAssociateConnection(await this.associateService.list(ctx, args, filter, orderBy));
  }

  @FieldResolver(() => Cohort, { description: 'The cohort of the associate.' })
  cohort(@Root() associate: ProfessionalAssociate, @Ctx() ctx: RequestContext): Promise<Cohort> {
    return ctx.loaders.required(Cohort, associate.cohortId);
  }

  @FieldResolver(() => Administration, { description: 'The administration that nominated the associate.' })
  administration(@Root() associate: ProfessionalAssociate, @Ctx() ctx: RequestContext): Promise<Administration> {
    return ctx.loaders.required(Administration, associate.administrationId);
  }

  @FieldResolver(() => Region, { description: "The WCO region of the associate's administration." })
  async region(@Root() associate: ProfessionalAssociate, @Ctx() ctx: RequestContext): Promise<Region> {
    const administration = await ctx.loaders.required(Administration, associate.administrationId);
    return ctx.loaders.required(Region, administration.regionId);
  }

  @FieldResolver(() => ResearchProject, {
    nullable: true,
    description: 'The research project of the associate; null when there is none yet or it is not visible to the caller.',
  })
  research(@Root() associate: ProfessionalAssociate, @Ctx() ctx: RequestContext): Promise<ResearchProject | null> {
    return this.researchService.forAssociate(ctx, associate.uuid);
  }

  @FieldResolver(() => [Certificate], { description: 'Certificates awarded to the associate, newest first; at most one is valid.' })
  certificates(@Root() associate: ProfessionalAssociate, @Ctx() ctx: RequestContext): Promise<Certificate[]> {
    return this.certificateService.forAssociate(ctx, associate.uuid);
  }

  @FieldResolver(() => AlumniProfile, { nullable: true, description: 'The alumni profile, once the placement is completed.' })
  alumniProfile(@Root() associate: ProfessionalAssociate, @Ctx() ctx: RequestContext): Promise<AlumniProfile | null> {
    return ctx.loaders.oneBy(AlumniProfile, 'associateId').load(associate.uuid);
  }

  @FieldResolver(() => Nomination, {
    nullable: true,
    description:
      'The nomination whose selection created this placement; null for historical records, and for callers who may not see the nomination (ADMIN and REVIEWER see it, a FOCAL_POINT its own administration’s).',
  })
  nomination(@Root() associate: ProfessionalAssociate, @Ctx() ctx: RequestContext): Promise<Nomination | null> | null {
    // The nomination came from the associate's administration, so its visibility is known before the read.
    if (!associate.nominationId || !canSeeNomination(ctx.viewer, associate)) return null;
    return ctx.loaders.byId(Nomination).load(associate.nominationId);
  }
}
