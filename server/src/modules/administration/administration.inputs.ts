import { IsOptional, Matches } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Email, Text } from '../../graphql/input/input-rules';

/** International format: a plus, the country code, then digits with optional spaces, hyphens or brackets. */
const PHONE = /^\+[1-9][0-9 ()-]{5,37}$/;

@InputType({
  description:
    "Corrections to an administration: its eligibility and its focal point's contact. Fields left out (or null) keep their value. ADMIN only.",
})
export class UpdateAdministrationInput {
  @Field(() => ID, { description: 'The Administration to correct.' })
  administrationId: string;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether it may be invited and nominate (developing-country WCO Members). Made false, its open invitations stay but submitNomination refuses with ADMINISTRATION_NOT_ELIGIBLE.',
  })
  @IsOptional()
  isEligible?: boolean | null;

  @Field(() => String, { nullable: true, description: "The focal point's name, 1 to 200 characters." })
  @Text({ max: 200, optional: true })
  focalPointName?: string | null;

  @Field(() => String, { nullable: true, description: "The focal point's e-mail." })
  @Email({ optional: true })
  focalPointEmail?: string | null;

  @Field(() => String, { nullable: true, description: 'The focal point’s telephone in international format, e.g. "+32 2 209 92 11".' })
  @Text({ max: 40, optional: true })
  @Matches(PHONE, { message: 'Enter the telephone in international format, e.g. "+32 2 209 92 11".' })
  focalPointPhone?: string | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description: "Clear the focal point's name, e-mail and telephone (then give none of them).",
  })
  clearFocalPointContact: boolean;
}
