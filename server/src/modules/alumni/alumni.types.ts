import { GraphQLCountryCode } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../../common/sort-direction';
import { ConnectionType } from '../../graphql/relay/connection';
import { defineOrder } from '../../graphql/relay/order';
import { RegionCode } from '../region/region.entity';
import { AlumniActivity } from './alumni-activity.entity';
import { AlumniProfile } from './alumni-profile.entity';
import { BoundedId } from '../../graphql/input-bounds';

export const AlumniProfileConnection = ConnectionType(AlumniProfile, 'AlumniProfile', 'alumni profiles');
export type AlumniProfileConnection = InstanceType<typeof AlumniProfileConnection>;

export const alumniOrder = defineOrder(
  'AlumniProfile',
  'alumni profiles',
  {
    CREATED_AT: { property: 'createdAt', kind: 'date', description: 'Order by when the profile was created.' },
    UPDATED_AT: { property: 'updatedAt', kind: 'date', description: 'Order by when the profile last changed.' },
  },
  { field: 'CREATED_AT', direction: OrderDirection.ASC },
);
export const AlumniProfileOrder = alumniOrder.OrderInput;
export type AlumniProfileOrder = InstanceType<typeof AlumniProfileOrder>;

@InputType({ description: 'Narrows a list of alumni; all given conditions must hold.' })
export class AlumniFilter {
  @Field(() => Boolean, { nullable: true, description: 'Only alumni who are (true) or are not (false) liaison points.' })
  isLiaisonPoint?: boolean | null;

  @BoundedId()
  @Field(() => ID, { nullable: true, description: 'Only alumni of this cohort (a Cohort ID).' })
  cohortId?: string | null;

  @Field(() => GraphQLCountryCode, { nullable: true, description: 'Only alumni from the administration with this ISO code.' })
  administrationIso2?: string | null;

  @Field(() => RegionCode, { nullable: true, description: 'Only alumni from this region.' })
  regionCode?: RegionCode | null;
}

export const AlumniActivityConnection = ConnectionType(AlumniActivity, 'AlumniActivity', 'alumni activities');
export type AlumniActivityConnection = InstanceType<typeof AlumniActivityConnection>;

export const activityOrder = defineOrder(
  'AlumniActivity',
  'alumni activities',
  { DATE: { property: 'date', kind: 'string', description: 'Order by the date of the activity.' } },
  { field: 'DATE', direction: OrderDirection.DESC },
);
export const AlumniActivityOrder = activityOrder.OrderInput;
export type AlumniActivityOrder = InstanceType<typeof AlumniActivityOrder>;

export enum AlumniNetworkEdgeKind {
  SAME_COHORT = 'SAME_COHORT',
  SAME_ADMINISTRATION = 'SAME_ADMINISTRATION',
  SAME_REGION = 'SAME_REGION',
}

registerEnumType(AlumniNetworkEdgeKind, {
  name: 'AlumniNetworkEdgeKind',
  description: 'What two alumni have in common.',
  valuesConfig: {
    SAME_COHORT: { description: 'They were in the same cohort.' },
    SAME_ADMINISTRATION: { description: 'They come from the same administration.' },
    SAME_REGION: { description: 'Their administrations are in the same WCO region.' },
  },
});

@ObjectType({ description: 'A former associate in the alumni network graph.' })
export class AlumniNetworkNode {
  @Field(() => ID, { description: 'ID of the ProfessionalAssociate.' })
  id: string;

  @Field(() => String, { description: 'Name to show on the node.' })
  label: string;

  @Field(() => RegionCode, { description: 'WCO region of their administration.' })
  region: RegionCode;

  @Field(() => GraphQLCountryCode, { description: 'ISO code of their administration.' })
  administrationIso2: string;

  @Field(() => String, { description: 'Label of their cohort.' })
  cohortLabel: string;

  @Field(() => Boolean, { description: 'Whether they act as liaison point.' })
  isLiaisonPoint: boolean;
}

@ObjectType({ description: 'A link between two alumni; `source` and `target` are node IDs.' })
export class AlumniNetworkEdge {
  @Field(() => ID, { description: 'ID of one node.' })
  source: string;

  @Field(() => ID, { description: 'ID of the other node.' })
  target: string;

  @Field(() => AlumniNetworkEdgeKind, { description: 'What the two alumni have in common.' })
  kind: AlumniNetworkEdgeKind;
}

@ObjectType({ description: 'The alumni network as a graph, ready for a graph view.' })
export class AlumniNetwork {
  @Field(() => [AlumniNetworkNode], { description: 'Alumni, one node each.' })
  nodes: AlumniNetworkNode[];

  @Field(() => [AlumniNetworkEdge], { description: 'Links between alumni, one per pair and kind.' })
  edges: AlumniNetworkEdge[];
}
