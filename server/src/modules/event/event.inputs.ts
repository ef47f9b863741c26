import { IsOptional } from 'class-validator';
import { DateTimeScalar } from '../../graphql/scalars/dates';
import { Field, ID, InputType } from 'type-graphql';
import { InDateRange, Reference, Text } from '../../graphql/input/input-rules';
import { EventKind } from './event-kind';

const TEXT_MAX = 200;
export const REASON_MAX = 500;

@InputType({ description: 'A new programme event. ADMIN only.' })
export class ScheduleEventInput {
  @Field(() => EventKind, { description: 'What kind of event it is.' })
  kind: EventKind;

  @Field(() => String, { description: 'Title of the event.' })
  @Text({ max: TEXT_MAX, blankMessage: 'Enter a title.' })
  title: string;

  @Field(() => DateTimeScalar, { description: 'When the event starts. An event of a cohort must fall within the cohort’s year (EVENT_OUTSIDE_COHORT).' })
  @InDateRange()
  startsAt: Date;

  @Field(() => ID, { nullable: true, description: 'The Cohort the event is for; leave out for programme-wide events such as alumni reunions.' })
  @IsOptional()
  cohortId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Code of the programme: the cohort's programme when a cohort is given (a different code is PROGRAMME_MISMATCH), else the default programme.",
  })
  @Reference(40, { optional: true })
  programmeCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Where the event takes place.' })
  @Text({ max: TEXT_MAX, min: 0, optional: true })
  location?: string | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Whether the event is held online.' })
  isVirtual: boolean;

  @Field(() => String, { nullable: true, description: 'Who officiates, e.g. the Secretary General.' })
  @Text({ max: TEXT_MAX, min: 0, optional: true })
  officiantName?: string | null;

  @Field(() => String, { nullable: true, description: "The officiant's title." })
  @Text({ max: TEXT_MAX, min: 0, optional: true })
  officiantTitle?: string | null;

  @Field(() => String, { nullable: true, description: 'Who the event is addressed to, e.g. "senior management".' })
  @Text({ max: TEXT_MAX, min: 0, optional: true })
  audience?: string | null;
}

@InputType({ description: 'Changes to an event that is not cancelled; omitted fields stay as they are, null clears a text. ADMIN only.' })
export class RescheduleEventInput {
  @Field(() => ID, { description: 'The Event to change.' })
  eventId: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'The new start; it must still fall within the cohort’s year.' })
  @InDateRange({ optional: true })
  startsAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'The new place; null when none is set any more.' })
  @Text({ max: TEXT_MAX, min: 0, optional: true })
  location?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the event is now held online.' })
  @IsOptional()
  isVirtual?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Who officiates now; null when nobody is named.' })
  @Text({ max: TEXT_MAX, min: 0, optional: true })
  officiantName?: string | null;

  @Field(() => String, { nullable: true, description: "The officiant's title; null when none." })
  @Text({ max: TEXT_MAX, min: 0, optional: true })
  officiantTitle?: string | null;
}

@InputType({ description: 'The cancellation of an event: it stays on record, marked cancelled. ADMIN only.' })
export class CancelEventInput {
  @Field(() => ID, { description: 'The Event to cancel.' })
  eventId: string;

  @Field(() => String, { description: 'Why the event is cancelled; shown to everyone who sees the event.' })
  @Text({ max: REASON_MAX, multiline: true, blankMessage: 'Say why the event is cancelled.' })
  reason: string;
}
