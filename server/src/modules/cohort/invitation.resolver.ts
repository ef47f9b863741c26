import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { Administration } from '../administration/administration.entity';
import { Cohort } from './cohort.entity';
import { Invitation } from './invitation.entity';

@Resolver(() => Invitation)
export class InvitationResolver {
  @FieldResolver(() => Cohort, { description: 'The cohort the invitation is for.' })
  cohort(@Root() invitation: Invitation, @Ctx() ctx: RequestContext): Promise<Cohort> {
    return ctx.loaders.required(Cohort, invitation.cohortId);
  }

  @FieldResolver(() => Administration, { description: 'The invited administration.' })
  administration(@Root() invitation: Invitation, @Ctx() ctx: RequestContext): Promise<Administration> {
    return ctx.loaders.required(Administration, invitation.administrationId);
  }
}
