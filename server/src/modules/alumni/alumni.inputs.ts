import { DateScalar } from '../../graphql/scalars/dates';
import { IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { InDateRange, Text } from '../../graphql/input/input-rules';
import { AlumniActivityKind } from './alumni-activity-kind';

@InputType({ description: 'Changes to an alumnus’s profile; omitted fields stay as they are. The alumnus themself, or ADMIN.' })
export class UpdateAlumniProfileInput {
  @Field(() => ID, { description: 'The ProfessionalAssociate whose placement is COMPLETED.' })
  associateId: string;

  @Field(() => String, { nullable: true, description: 'Current position in their administration; an empty string clears it.' })
  @Text({ max: 200, min: 0, optional: true })
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

  @Field(() => DateScalar, { description: 'When it happened: today or earlier.' })
  @InDateRange()
  date: Date;

  @Field(() => String, { description: 'Short title (at most 200 characters).' })
  @Text({ max: 200, blankMessage: 'Enter a title.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'Details (at most 5000 characters).' })
  @Text({ max: 5000, min: 0, multiline: true, optional: true })
  description?: string | null;
}
