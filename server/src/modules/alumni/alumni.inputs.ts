import { GraphQLDate } from 'graphql-scalars';
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { AlumniActivityKind } from './alumni-activity-kind';

@InputType({ description: 'Changes to an alumnus’s profile; omitted fields stay as they are. The alumnus themself, or ADMIN.' })
export class UpdateAlumniProfileInput {
  @Field(() => ID, { description: 'The ProfessionalAssociate whose placement is COMPLETED.' })
  associateId: string;

  @Field(() => String, { nullable: true, description: 'Current position in their administration; an empty string clears it.' })
  @IsOptional()
  @MaxLength(200)
  currentPosition?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether they act as liaison point between their administration and the Secretariat.' })
  @IsOptional()
  isLiaisonPoint?: boolean | null;
}

@InputType({ description: 'Something an alumnus did after the programme. The alumnus themself, or ADMIN.' })
export class RecordAlumniActivityInput {
  @Field(() => ID, { description: 'The ProfessionalAssociate whose placement is COMPLETED.' })
  associateId: string;

  @Field(() => AlumniActivityKind, { description: 'What kind of activity it was.' })
  kind: AlumniActivityKind;

  @Field(() => GraphQLDate, { description: 'When it happened: today or earlier.' })
  date: Date;

  @Field(() => String, { description: 'Short title (at most 200 characters).' })
  @Matches(/\S/, { message: 'Enter a title.' })
  @MaxLength(200)
  title: string;

  @Field(() => String, { nullable: true, description: 'Details (at most 5000 characters).' })
  @IsOptional()
  @MaxLength(5000)
  description?: string | null;
}
