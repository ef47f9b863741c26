import { GraphQLCountryCode } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { OrderDirection } from '../../common/sort-direction';
import { ConnectionType } from '../../graphql/relay/connection';
import { defineOrder } from '../../graphql/relay/order';
import { RegionCode } from '../region/region.entity';
import { ProfessionalAssociate } from './associate.entity';
import { AssociateStatus, Directorate } from './associate-enums';
import { BoundedEnumList, BoundedId, BoundedText } from '../../graphql/input-bounds';

export const ProfessionalAssociateConnection = ConnectionType(
  ProfessionalAssociate,
  'ProfessionalAssociate',
  'Professional Associates',
);
export type ProfessionalAssociateConnection = InstanceType<typeof ProfessionalAssociateConnection>;

export const associateOrder = defineOrder(
  'ProfessionalAssociate',
  'Professional Associates',
  {
    FULL_NAME: { property: 'fullName', kind: 'string', description: 'Order by full name.' },
    CREATED_AT: { property: 'createdAt', kind: 'date', description: 'Order by when the record was created.' },
  },
  { field: 'FULL_NAME', direction: OrderDirection.ASC },
);
export const ProfessionalAssociateOrder = associateOrder.OrderInput;
export type ProfessionalAssociateOrder = InstanceType<typeof ProfessionalAssociateOrder>;

@InputType({ description: 'Narrows a list of Professional Associates; all given conditions must hold.' })
export class ProfessionalAssociateFilter {
  @BoundedId()
  @Field(() => ID, { nullable: true, description: 'Only associates of this cohort (a Cohort ID).' })
  cohortId?: string | null;

  @Field(() => GraphQLCountryCode, { nullable: true, description: 'Only associates from the administration with this ISO code.' })
  administrationIso2?: string | null;

  @Field(() => RegionCode, { nullable: true, description: 'Only associates whose administration belongs to this region.' })
  regionCode?: RegionCode | null;

  @Field(() => AssociateStatus, {
    nullable: true,
    description: 'Only associates whose placement is in this state; DECLINED ones are listed only when asked for here. Without it, every state but DECLINED.',
  })
  status?: AssociateStatus | null;

  @Field(() => Directorate, { nullable: true, description: 'Only associates placed in this directorate.' })
  directorate?: Directorate | null;

  @BoundedText()
  @Field(() => String, { nullable: true, description: 'Only associates whose name contains this text (case-insensitive).' })
  nameContains?: string | null;
}

@InputType({ description: "Narrows an administration's Professional Associates; all given conditions must hold." })
export class AdministrationAssociateFilter {
  @BoundedEnumList(AssociateStatus)
  @Field(() => [AssociateStatus], {
    nullable: true,
    description: 'Only associates whose placement is in one of these states, e.g. [COMPLETED] for the alumni; DECLINED ones only when listed here. Without it, every state but DECLINED.',
  })
  statusIn?: AssociateStatus[] | null;
}
