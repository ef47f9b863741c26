import { Field, ObjectType } from 'type-graphql';
import { MutationPayload } from '../../graphql/mutations/payload';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { Nomination } from './nomination.entity';
import { Review } from './review.entity';

@ObjectType()
abstract class NominationChangePayload extends MutationPayload {
  @Field(() => Nomination, { nullable: true, description: 'The nomination as it now is; null on failure.' })
  nomination: Nomination | null;
}

@ObjectType({ description: 'The result of submitNomination.' })
export class SubmitNominationPayload extends NominationChangePayload {}

@ObjectType({ description: 'The result of withdrawNomination.' })
export class WithdrawNominationPayload extends NominationChangePayload {}

@ObjectType({ description: 'The result of reviewNomination.' })
export class ReviewNominationPayload extends NominationChangePayload {
  @Field(() => Review, { nullable: true, description: "The caller's review as it now is; null on failure." })
  review: Review | null;
}

@ObjectType({ description: 'The result of decideNomination.' })
export class DecideNominationPayload extends NominationChangePayload {
  @Field(() => ProfessionalAssociate, {
    nullable: true,
    description: 'With SELECTED: the Professional Associate created for the candidate (ASSIGNED). Null for other decisions and on failure.',
  })
  associate: ProfessionalAssociate | null;
}
