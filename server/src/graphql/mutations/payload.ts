import { Field, ObjectType } from 'type-graphql';
import { UserError } from './user-error';

/** Base of every mutation payload: the changed objects (null on failure) and the user errors (empty on success). */
@ObjectType()
export abstract class MutationPayload {
  @Field(() => [UserError], { description: 'Why the mutation changed nothing; empty when it succeeded.' })
  userErrors: UserError[];
}
