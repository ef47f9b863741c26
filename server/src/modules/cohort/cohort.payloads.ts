import { Field, ObjectType } from 'type-graphql';
import { MutationPayload } from '../../graphql/mutations/payload';
import { Administration } from '../administration/administration.entity';
import { Cohort } from './cohort.entity';
import { Invitation } from './invitation.entity';

@ObjectType()
abstract class CohortChangePayload extends MutationPayload {
  @Field(() => Cohort, { nullable: true, description: 'The cohort as it now is; null on failure.' })
  cohort: Cohort | null;
}

@ObjectType({ description: 'The result of createCohort.' })
export class CreateCohortPayload extends CohortChangePayload {}

@ObjectType({ description: 'The result of updateCohort.' })
export class UpdateCohortPayload extends CohortChangePayload {}
@ObjectType({ description: 'The result of publishOutcomes.' })
export class PublishOutcomesPayload extends CohortChangePayload {}

@ObjectType({ description: 'The result of transitionCohort.' })
export class TransitionCohortPayload extends CohortChangePayload {}

@ObjectType({ description: 'The result of inviteAdministrations: who was invited now, and who was skipped and why.' })
export class InviteAdministrationsPayload extends CohortChangePayload {
  @Field(() => [Invitation], { description: 'The invitations sent by this call; empty on failure or when nobody was left to invite.' })
  invited: Invitation[];

  @Field(() => [Administration], { description: 'Administrations asked for that had been invited to the cohort before; not invited again.' })
  alreadyInvited: Administration[];

  @Field(() => [Administration], { description: 'Administrations asked for that are not eligible for the programme; not invited.' })
  ineligible: Administration[];
}
