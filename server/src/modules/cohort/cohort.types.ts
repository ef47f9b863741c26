import { Field, ID, InputType } from 'type-graphql';
import { OrderDirection } from '../../common/sort-direction';
import { ConnectionType } from '../../graphql/relay/connection';
import { defineOrder } from '../../graphql/relay/order';
import { Cohort } from './cohort.entity';
import { CohortStatus } from './cohort-status';
import { Invitation } from './invitation.entity';
import { BoundedEnumList, BoundedId, BoundedText } from '../../graphql/input-bounds';

export const CohortConnection = ConnectionType(Cohort, 'Cohort', 'cohorts');
export type CohortConnection = InstanceType<typeof CohortConnection>;

export const cohortOrder = defineOrder(
  'Cohort',
  'cohorts',
  {
    LABEL: { property: 'label', kind: 'string', description: 'Order by programme year label, which is chronological.' },
    CREATED_AT: { property: 'createdAt', kind: 'date', description: 'Order by when the record was created.' },
  },
  { field: 'LABEL', direction: OrderDirection.ASC },
);
export const CohortOrder = cohortOrder.OrderInput;
export type CohortOrder = InstanceType<typeof CohortOrder>;

@InputType({ description: 'Narrows a list of cohorts; all given conditions must hold.' })
export class CohortFilter {
  @BoundedText()
  @Field(() => String, { nullable: true, description: 'Only cohorts of the programme with this code.' })
  programmeCode?: string | null;

  @BoundedEnumList(CohortStatus)
  @Field(() => [CohortStatus], { nullable: true, description: 'Only cohorts in one of these statuses.' })
  statusIn?: CohortStatus[] | null;

  @BoundedText()
  @Field(() => String, { nullable: true, description: 'Only cohorts whose label is this one or later, e.g. "2016-2017".' })
  labelFrom?: string | null;

  @BoundedText()
  @Field(() => String, { nullable: true, description: 'Only cohorts whose label is this one or earlier.' })
  labelTo?: string | null;
}

export const InvitationConnection = ConnectionType(Invitation, 'Invitation', 'invitations');
export type InvitationConnection = InstanceType<typeof InvitationConnection>;

export const invitationOrder = defineOrder(
  'Invitation',
  'invitations',
  { SENT_AT: { property: 'sentAt', kind: 'date', description: 'Order by when the invitation was sent.' } },
  { field: 'SENT_AT', direction: OrderDirection.ASC },
);
export const InvitationOrder = invitationOrder.OrderInput;
export type InvitationOrder = InstanceType<typeof InvitationOrder>;

@InputType({ description: "Narrows an administration's invitations; all given conditions must hold." })
export class AdministrationInvitationFilter {
  @Field(() => Boolean, {
    nullable: true,
    description: 'Only invitations that are open (true: the cohort is NOMINATIONS_OPEN and its nomination deadline is today or later) or not (false).',
  })
  open?: boolean | null;
}

@InputType({ description: 'Narrows a list of invitations; all given conditions must hold.' })
export class InvitationFilter extends AdministrationInvitationFilter {
  @BoundedId()
  @Field(() => ID, { nullable: true, description: 'Only invitations to this administration (an Administration ID).' })
  administrationId?: string | null;

  @BoundedId()
  @Field(() => ID, { nullable: true, description: 'Only invitations for this cohort (a Cohort ID).' })
  cohortId?: string | null;
}
