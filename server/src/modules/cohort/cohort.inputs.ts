import { ArrayMaxSize, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { DateScalar } from '../../graphql/scalars/dates';
import { Field, ID, InputType, Int } from 'type-graphql';
import { InDateRange, Reference, Text } from '../../graphql/input/input-rules';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { CohortStatus } from './cohort-status';

export const MIN_CAPACITY = 1;
export const MAX_CAPACITY = 50;
/** One call names at most this many administrations; `allEligible` covers inviting them all. */
export const MAX_INVITEES = 60;

@InputType({ description: 'The six dates of a programme year; each must be later than the one before, in the order below.' })
export class CohortDatesInput {
  @Field(() => DateScalar, { description: 'When invitation letters go to eligible administrations (usually December).' })
  @InDateRange()
  invitationDate: Date;

  @Field(() => DateScalar, { description: 'Last day on which nominations are accepted (usually March).' })
  @InDateRange()
  nominationDeadline: Date;

  @Field(() => DateScalar, { description: 'When the selection takes place (usually May).' })
  @InDateRange()
  selectionDate: Date;

  @Field(() => DateScalar, { description: 'When candidates are notified of the results (usually June).' })
  @InDateRange()
  notificationDate: Date;

  @Field(() => DateScalar, { description: 'When the programme year commences (usually September).' })
  @InDateRange()
  startDate: Date;

  @Field(() => DateScalar, { description: 'When the programme year ends (usually June of the next year).' })
  @InDateRange()
  endDate: Date;
}

@InputType({ description: 'A new cohort, created PLANNED. ADMIN only.' })
export class CreateCohortInput {
  @Field(() => ID, { nullable: true, description: 'The Programme the cohort belongs to; or name it by programmeCode.' })
  @IsOptional()
  programmeId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Code of the programme the cohort belongs to, e.g. WCO-JAPAN-CDP; the default programme when neither this nor programmeId is given.',
  })
  @Reference(40, { optional: true })
  programmeCode?: string | null;

  @Field(() => String, { description: 'Programme year as two consecutive years, e.g. "2027-2028"; unique within the programme.' })
  @Text({ max: 9, blankMessage: 'Enter a label such as "2027-2028".', code: UserErrorCode.COHORT_LABEL_INVALID })
  label: string;

  @Field(() => Int, { description: `How many associates may be selected: ${MIN_CAPACITY} to ${MAX_CAPACITY}.` })
  @Min(MIN_CAPACITY, { message: `A cohort takes at least ${MIN_CAPACITY} associate.`, context: { code: UserErrorCode.CAPACITY_OUT_OF_RANGE } })
  @Max(MAX_CAPACITY, { message: `A cohort takes at most ${MAX_CAPACITY} associates.`, context: { code: UserErrorCode.CAPACITY_OUT_OF_RANGE } })
  capacity: number;

  @Field(() => CohortDatesInput, { description: 'The six dates of the programme year, all required and in order.' })
  @ValidateNested()
  dates: CohortDatesInput;

  @Field(() => String, { nullable: true, description: 'Remarks about the cohort, at most 2000 characters; blank is none.' })
  @Text({ max: 2000, min: 0, multiline: true, optional: true })
  note?: string | null;
}

@InputType({ description: 'A move of a cohort to its next status, or to CANCELLED. ADMIN only.' })
export class TransitionCohortInput {
  @Field(() => ID, { description: 'The Cohort to move.' })
  cohortId: string;

  @Field(() => CohortStatus, {
    description:
      'The status to move to: the next one of PLANNED, NOMINATIONS_OPEN, SELECTION, IN_PROGRESS, COMPLETED, or CANCELLED from any status before COMPLETED.',
  })
  to: CohortStatus;

  @Field(() => Boolean, {
    defaultValue: false,
    description: 'With to: SELECTION, close nominations before the nomination deadline has passed. Ignored for other moves.',
  })
  closeEarly: boolean;
}

@InputType({
  description:
    'Invitations of administrations to nominate candidates for a cohort: name them by ID, or invite every eligible one. Each administration is invited once per cohort; ineligible ones are skipped. ADMIN only.',
})
export class InviteAdministrationsInput {
  @Field(() => ID, { description: 'The Cohort the invitations are for; it must be PLANNED or NOMINATIONS_OPEN.' })
  cohortId: string;

  @Field(() => [ID], {
    defaultValue: [],
    description: `The Administrations to invite: 1 to ${MAX_INVITEES}. Leave empty with allEligible: true.`,
  })
  @ArrayMaxSize(MAX_INVITEES, {
    message: `Invite at most ${MAX_INVITEES} administrations by ID at once, or use allEligible: true.`,
    context: { code: UserErrorCode.TOO_MANY_INVITEES },
  })
  administrationIds: string[];

  @Field(() => Boolean, { defaultValue: false, description: 'Invite every eligible administration not invited yet, instead of administrationIds.' })
  allEligible: boolean;
}

@InputType({ description: 'New dates of a programme year; each left out (or null) keeps its value. Together with the kept ones they must stay in order.' })
export class CohortDatesChangeInput {
  @Field(() => DateScalar, { nullable: true, description: 'When invitation letters go to eligible administrations.' })
  @InDateRange({ optional: true })
  invitationDate?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day on which nominations are accepted.' })
  @InDateRange({ optional: true })
  nominationDeadline?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the selection takes place.' })
  @InDateRange({ optional: true })
  selectionDate?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'When candidates are notified of the results.' })
  @InDateRange({ optional: true })
  notificationDate?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the programme year commences.' })
  @InDateRange({ optional: true })
  startDate?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the programme year ends; the only date that may change after the start.' })
  @InDateRange({ optional: true })
  endDate?: Date | null;
}

@InputType({
  description:
    'Corrections to a cohort; fields left out (or null) keep their value. Before the start (while PLANNED, NOMINATIONS_OPEN or SELECTION) everything may change within the rules; from IN_PROGRESS on (and once CANCELLED) only endDate and note. ADMIN only.',
})
export class UpdateCohortInput {
  @Field(() => ID, { description: 'The Cohort to correct.' })
  cohortId: string;

  @Field(() => String, { nullable: true, description: 'New label, two consecutive years such as "2027-2028"; unique within the programme.' })
  @Text({ max: 9, optional: true, blankMessage: 'Enter a label such as "2027-2028".', code: UserErrorCode.COHORT_LABEL_INVALID })
  label?: string | null;

  @Field(() => Int, { nullable: true, description: `New capacity: ${MIN_CAPACITY} to ${MAX_CAPACITY}, and not below the seats taken.` })
  @IsOptional()
  @Min(MIN_CAPACITY, { message: `A cohort takes at least ${MIN_CAPACITY} associate.`, context: { code: UserErrorCode.CAPACITY_OUT_OF_RANGE } })
  @Max(MAX_CAPACITY, { message: `A cohort takes at most ${MAX_CAPACITY} associates.`, context: { code: UserErrorCode.CAPACITY_OUT_OF_RANGE } })
  capacity?: number | null;

  @Field(() => CohortDatesChangeInput, { nullable: true, description: 'New dates; those left out keep their value.' })
  @IsOptional()
  @ValidateNested()
  dates?: CohortDatesChangeInput | null;

  @Field(() => String, { nullable: true, description: 'New remarks, at most 2000 characters; blank removes them.' })
  @Text({ max: 2000, min: 0, multiline: true, optional: true })
  note?: string | null;
}

@InputType({ description: 'The cohort whose outcomes are published. ADMIN only.' })
export class PublishOutcomesInput {
  @Field(() => ID, { description: 'The Cohort: in SELECTION or IN_PROGRESS, on or after its notificationDate, with every nomination decided or withdrawn.' })
  cohortId: string;
}
