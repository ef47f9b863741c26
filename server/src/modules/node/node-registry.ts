import type { EntityTarget, ObjectLiteral } from 'typeorm';
import type { RequestContext } from '../../graphql/context';
import { nodeTypeNames } from '../../graphql/relay/node';
import { Administration } from '../administration/administration.entity';
import { AlumniActivity } from '../alumni/alumni-activity.entity';
import { AlumniProfile } from '../alumni/alumni-profile.entity';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { Certificate } from '../certificate/certificate.entity';
import { Cohort } from '../cohort/cohort.entity';
import { Invitation } from '../cohort/invitation.entity';
import { Event } from '../event/event.entity';
import { Nomination } from '../nomination/nomination.entity';
import { canSeeNomination } from '../nomination/nomination-visibility';
import { Review } from '../nomination/review.entity';
import { canSeeReview } from '../nomination/review-visibility';
import { Programme } from '../programme/programme.entity';
import { Region } from '../region/region.entity';
import { Milestone } from '../research/milestone.entity';
import { ResearchProject } from '../research/research-project.entity';
import { canSeeResearch } from '../research/research-visibility';
import { User } from '../user/user.entity';
import { canSeeUser } from '../user/user-visibility';

interface NodeSource<T extends ObjectLiteral> {
  entity: EntityTarget<T>;
  /** The same visibility rule the type's lists apply; absent for public types. */
  isVisible?: (ctx: RequestContext, row: T) => boolean | Promise<boolean>;
}

const source = <T extends ObjectLiteral>(s: NodeSource<T>) => s as NodeSource<ObjectLiteral>;

/** How `node(id)` fetches each Node type, and who may see it. */
export const NODE_SOURCES: Record<string, NodeSource<ObjectLiteral>> = {
  Region: source({ entity: Region }),
  Administration: source({ entity: Administration }),
  Programme: source({ entity: Programme }),
  Cohort: source({ entity: Cohort }),
  Invitation: source({ entity: Invitation }),
  Event: source({ entity: Event }),
  ProfessionalAssociate: source({ entity: ProfessionalAssociate }),
  Certificate: source({ entity: Certificate }),
  AlumniProfile: source({ entity: AlumniProfile }),
  AlumniActivity: source({ entity: AlumniActivity }),
  ResearchProject: source<ResearchProject>({ entity: ResearchProject, isVisible: (ctx, r) => canSeeResearch(ctx.viewer, r) }),
  Milestone: source<Milestone>({
    entity: Milestone,
    isVisible: async (ctx, m) => canSeeResearch(ctx.viewer, await ctx.loaders.required(ResearchProject, m.researchProjectId)),
  }),
  Nomination: source<Nomination>({ entity: Nomination, isVisible: (ctx, n) => canSeeNomination(ctx.viewer, n) }),
  Review: source<Review>({
    entity: Review,
    isVisible: async (ctx, r) => canSeeReview(ctx.viewer, r, await ctx.loaders.required(Nomination, r.nominationId)),
  }),
  User: source<User>({
    entity: User,
    isVisible: (ctx, u) => canSeeUser(ctx.viewer, u.uuid),
  }),
};

/** Fails at start-up when a Node type has no source, so node(id) can never miss one. */
export function assertEveryNodeTypeHasASource(): void {
  const missing = [...nodeTypeNames()].filter((name) => !NODE_SOURCES[name]);
  if (missing.length) throw new Error(`node(id) has no source for: ${missing.join(', ')}`);
}
