import { Field, ObjectType } from 'type-graphql';
import { MutationPayload } from '../../graphql/mutations/payload';
import { Administration } from './administration.entity';

@ObjectType({ description: 'The result of updateAdministration.' })
export class UpdateAdministrationPayload extends MutationPayload {
  @Field(() => Administration, { nullable: true, description: 'The administration as it now is; null on failure.' })
  administration: Administration | null;
}
