import { GraphQLCountryCode } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { OrderDirection } from '../../common/sort-direction';
import { ConnectionType } from '../../graphql/relay/connection';
import { defineOrder } from '../../graphql/relay/order';
import { Nomination } from './nomination.entity';
import { NominationStatus } from './nomination-status';
import { BoundedEnumList, BoundedId } from '../../graphql/input-bounds';

export const NominationConnection = ConnectionType(Nomination, 'Nomination', 'nominations');
export type NominationConnection = InstanceType<typeof NominationConnection>;

export const nominationOrder = defineOrder(
  'Nomination',
  'nominations',
  {
    SUBMITTED_AT: { property: 'submittedAt', kind: 'date', description: 'Order by submission time.' },
    CANDIDATE_NAME: { property: 'candidateFullName', kind: 'string', description: "Order by the candidate's name." },
    MEAN_SCORE: {
      property: 'meanScore',
      kind: 'number',
      nullsLast: true,
      description:
        'Rank by mean review score (DESC for best first); nominations without reviews come last in either direction. ADMIN only: for anyone else FORBIDDEN, since the order would reveal scores that blind review hides.',
    },
  },
  { field: 'SUBMITTED_AT', direction: OrderDirection.ASC },
);
export const NominationOrder = nominationOrder.OrderInput;
export type NominationOrder = InstanceType<typeof NominationOrder>;

@InputType({ description: "Narrows an administration's nominations; all given conditions must hold." })
export class AdministrationNominationFilter {
  @BoundedId()
  @Field(() => ID, { nullable: true, description: 'Only nominations for this cohort (a Cohort ID).' })
  cohortId?: string | null;

  @BoundedEnumList(NominationStatus)
  @Field(() => [NominationStatus], { nullable: true, description: 'Only nominations in one of these statuses.' })
  statusIn?: NominationStatus[] | null;
}

@InputType({ description: 'Narrows a list of nominations; all given conditions must hold.' })
export class NominationFilter extends AdministrationNominationFilter {
  @Field(() => GraphQLCountryCode, { nullable: true, description: 'Only nominations from the administration with this ISO code.' })
  administrationIso2?: string | null;
}
