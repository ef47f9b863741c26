import { Field, ObjectType } from 'type-graphql';
import { MutationPayload } from '../../graphql/mutations/payload';
import { AlumniActivity } from './alumni-activity.entity';
import { AlumniProfile } from './alumni-profile.entity';

@ObjectType({ description: 'The result of updateAlumniProfile.' })
export class UpdateAlumniProfilePayload extends MutationPayload {
  @Field(() => AlumniProfile, { nullable: true, description: 'The profile as it now is; null on failure.' })
  alumniProfile: AlumniProfile | null;
}

@ObjectType({ description: 'The result of recordAlumniActivity.' })
export class RecordAlumniActivityPayload extends MutationPayload {
  @Field(() => AlumniActivity, { nullable: true, description: 'The recorded activity; null on failure.' })
  activity: AlumniActivity | null;
}
