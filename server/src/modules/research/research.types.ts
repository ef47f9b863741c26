import { GraphQLCountryCode } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { OrderDirection } from '../../common/sort-direction';
import { ConnectionType } from '../../graphql/relay/connection';
import { defineOrder } from '../../graphql/relay/order';
import { RegionCode } from '../region/region.entity';
import { ResearchProject } from './research-project.entity';
import { ResearchStatus } from './research-status';
import { BoundedEnumList, BoundedId, BoundedText } from '../../graphql/input-bounds';

export const ResearchProjectConnection = ConnectionType(ResearchProject, 'ResearchProject', 'research projects');
export type ResearchProjectConnection = InstanceType<typeof ResearchProjectConnection>;

export const researchOrder = defineOrder(
  'ResearchProject',
  'research projects',
  {
    TITLE: { property: 'title', kind: 'string', description: 'Order by title.' },
    CREATED_AT: { property: 'createdAt', kind: 'date', description: 'Order by when the project was recorded.' },
  },
  { field: 'TITLE', direction: OrderDirection.ASC },
);
export const ResearchProjectOrder = researchOrder.OrderInput;
export type ResearchProjectOrder = InstanceType<typeof ResearchProjectOrder>;

@InputType({ description: 'Narrows a list of research projects; all given conditions must hold.' })
export class ResearchProjectFilter {
  @BoundedEnumList(ResearchStatus)
  @Field(() => [ResearchStatus], {
    nullable: true,
    description: 'Only projects in one of these statuses. Anonymous callers only ever see PUBLISHED projects.',
  })
  statusIn?: ResearchStatus[] | null;

  @BoundedText()
  @Field(() => String, { nullable: true, description: 'Only projects with this theme (exact, case-insensitive).' })
  theme?: string | null;

  @BoundedId()
  @Field(() => ID, { nullable: true, description: "Only projects of this cohort's associates (a Cohort ID)." })
  cohortId?: string | null;

  @Field(() => GraphQLCountryCode, { nullable: true, description: 'Only projects of associates from this administration.' })
  administrationIso2?: string | null;

  @Field(() => RegionCode, { nullable: true, description: 'Only projects of associates from this region.' })
  regionCode?: RegionCode | null;
}
