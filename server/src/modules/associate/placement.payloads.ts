import { Field, ObjectType } from 'type-graphql';
import { MutationPayload } from '../../graphql/mutations/payload';
import { AlumniProfile } from '../alumni/alumni-profile.entity';
import { ProfessionalAssociate } from './associate.entity';

@ObjectType({ description: 'The result of assignPlacement.' })
export class AssignPlacementPayload extends MutationPayload {
  @Field(() => ProfessionalAssociate, { nullable: true, description: 'The associate as now placed; null on failure.' })
  associate: ProfessionalAssociate | null;
}

@ObjectType({ description: 'The result of completePlacement.' })
export class CompletePlacementPayload extends MutationPayload {
  @Field(() => ProfessionalAssociate, { nullable: true, description: 'The associate with the ended placement; null on failure.' })
  associate: ProfessionalAssociate | null;

  @Field(() => AlumniProfile, {
    nullable: true,
    description: 'The associate’s alumni profile after a COMPLETED placement (created if it did not exist); null otherwise.',
  })
  alumniProfile: AlumniProfile | null;
}
