import { ArrayMaxSize, ArrayMinSize, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Email, Text } from '../../graphql/input/input-rules';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { IsLanguageTagList } from './language-tag';
import { NominationDecision } from './nomination-decision';

export const MOTIVATION_MIN = 50;
export const MOTIVATION_MAX = 5_000;
export const COMMENT_MAX = 2_000;
const SCORE_RANGE = { message: 'The score must be a whole number from 1 to 5.', context: { code: UserErrorCode.SCORE_OUT_OF_RANGE } };

@InputType({ description: 'The official an administration nominates.' })
export class CandidateInput {
  @Field(() => String, { description: 'Full name of the candidate, 1 to 200 characters.' })
  @Text({ max: 200, blankMessage: "Enter the candidate's full name." })
  fullName: string;

  @Field(() => String, {
    description: "The candidate's e-mail, stored in lower case (see the EmailAddress scalar for the form); one active nomination per e-mail per cohort.",
  })
  @Email()
  email: string;

  @Field(() => String, { description: "The candidate's current position in their administration, 1 to 200 characters." })
  @Text({ max: 200, blankMessage: "Enter the candidate's position." })
  position: string;

  @Field(() => Int, { description: 'Years of service in Customs, 0 to 45.' })
  @IsInt()
  @Min(0, { message: 'Years of service must be from 0 to 45.' })
  @Max(45, { message: 'Years of service must be from 0 to 45.' })
  yearsOfService: number;

  @Field(() => [String], { description: 'Languages the candidate works in: 1 to 10 BCP 47 tags such as "en", "fr", "pt-BR".' })
  @ArrayMinSize(1, { message: 'Give at least one working language.' })
  @ArrayMaxSize(10, { message: 'Give at most 10 working languages.' })
  @Text({ max: 35, each: true })
  @IsLanguageTagList()
  languages: string[];
}

@InputType({ description: "A nomination of a candidate for a cohort, by an invited administration's focal point or the secretariat." })
export class SubmitNominationInput {
  @Field(() => ID, { description: 'The Cohort the candidate is nominated for; it must be NOMINATIONS_OPEN and before its deadline.' })
  cohortId: string;

  @Field(() => ID, {
    nullable: true,
    description: "The nominating Administration: required for an ADMIN; a FOCAL_POINT's defaults to (and may only be) its own.",
  })
  @IsOptional()
  administrationId?: string | null;

  @Field(() => CandidateInput, { description: 'The candidate.' })
  @ValidateNested()
  candidate: CandidateInput;

  @Field(() => String, {
    description: `Why the administration nominates the candidate, ${MOTIVATION_MIN} to ${MOTIVATION_MAX} characters.`,
  })
  @Text({ min: MOTIVATION_MIN, max: MOTIVATION_MAX, multiline: true })
  motivation: string;
}

@InputType({ description: 'The nomination to withdraw before a decision.' })
export class WithdrawNominationInput {
  @Field(() => ID, { description: 'The Nomination to withdraw; it must be SUBMITTED or SHORTLISTED.' })
  nominationId: string;
}

@InputType({ description: "A reviewer's score of a nomination; a second review by the same reviewer replaces their first." })
export class ReviewNominationInput {
  @Field(() => ID, { description: 'The Nomination to review.' })
  nominationId: string;

  @Field(() => Int, { description: 'Score from 1 (weak) to 5 (excellent).' })
  @IsInt(SCORE_RANGE)
  @Min(1, SCORE_RANGE)
  @Max(5, SCORE_RANGE)
  score: number;

  @Field(() => String, { nullable: true, description: `The reviewer's comment, at most ${COMMENT_MAX} characters.` })
  @Text({ max: COMMENT_MAX, min: 0, multiline: true, optional: true })
  comment?: string | null;
}

@InputType({ description: 'A selection decision on a nomination.' })
export class DecideNominationInput {
  @Field(() => ID, { description: 'The Nomination to decide on.' })
  nominationId: string;

  @Field(() => NominationDecision, { description: 'The decision; it must be a next step from the nomination’s status.' })
  decision: NominationDecision;
}
