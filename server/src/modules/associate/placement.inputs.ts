import { DateScalar } from '../../graphql/scalars/dates';
import { InDateRange, Text } from '../../graphql/input/input-rules';
import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { Directorate } from './associate-enums';

export enum PlacementOutcome {
  COMPLETED = 'COMPLETED',
  WITHDRAWN = 'WITHDRAWN',
}

registerEnumType(PlacementOutcome, {
  name: 'PlacementOutcome',
  description: 'How a placement ends.',
  valuesConfig: {
    COMPLETED: { description: 'The associate completed the programme year; an alumni profile is created.' },
    WITHDRAWN: {
      description:
        'The associate withdraws: an ACTIVE placement ends early (WITHDRAWN, with its endDate); an ASSIGNED one never started, and the associate becomes DECLINED (no endDate).',
    },
  },
});

@InputType({ description: 'The directorate, supervisor and dates of an associate’s placement. ADMIN only.' })
export class AssignPlacementInput {
  @Field(() => ID, { description: 'The ProfessionalAssociate to place.' })
  associateId: string;

  @Field(() => Directorate, { description: 'The Secretariat directorate the associate works in.' })
  directorate: Directorate;

  @Field(() => String, { description: 'Name of the supervisor at the Secretariat (personal data: the audit log keeps only that it changed).' })
  @Text({ max: 200, blankMessage: 'Enter the supervisor’s name.' })
  supervisorName: string;

  @Field(() => DateScalar, { description: 'First day of the placement; within the cohort’s dates when they are known.' })
  @InDateRange()
  startDate: Date;

  @Field(() => DateScalar, { description: 'Last day of the placement; not before startDate, within the cohort’s dates when they are known.' })
  @InDateRange()
  endDate: Date;
}

@InputType({ description: 'The end of an associate’s placement. ADMIN only.' })
export class CompletePlacementInput {
  @Field(() => ID, { description: 'The ProfessionalAssociate whose placement ends.' })
  associateId: string;

  @Field(() => PlacementOutcome, {
    description: 'COMPLETED (only from ACTIVE; creates the alumni profile) or WITHDRAWN (from ACTIVE: WITHDRAWN; from ASSIGNED: DECLINED).',
  })
  outcome: PlacementOutcome;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      'Last day of a placement that started (ACTIVE): required, not before its start date. A placement that never started (ASSIGNED, declined) has none: leave it out.',
  })
  @InDateRange({ optional: true })
  endDate?: Date | null;
}
