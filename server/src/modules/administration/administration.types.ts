import { GraphQLCountryCode } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import { OrderDirection } from '../../common/sort-direction';
import { ConnectionType } from '../../graphql/relay/connection';
import { defineOrder } from '../../graphql/relay/order';
import { RegionCode } from '../region/region.entity';
import { Administration } from './administration.entity';
import { BoundedList, BoundedText } from '../../graphql/input-bounds';

/** ISO 3166-1 assigns 249 alpha-2 codes, and an administration's code is unique. */
export const MAX_ADMINISTRATIONS = 249;

export const AdministrationConnection = ConnectionType(Administration, 'Administration', 'administrations');
export type AdministrationConnection = InstanceType<typeof AdministrationConnection>;

export const administrationOrder = defineOrder(
  'Administration',
  'administrations',
  {
    NAME: { property: 'name', kind: 'string', description: 'Order by name.' },
    ISO2: { property: 'iso2', kind: 'string', description: 'Order by ISO 3166-1 alpha-2 code.' },
  },
  { field: 'NAME', direction: OrderDirection.ASC },
);
export const AdministrationOrder = administrationOrder.OrderInput;
export type AdministrationOrder = InstanceType<typeof AdministrationOrder>;

@InputType({ description: 'Narrows a list of administrations; all given conditions must hold.' })
export class AdministrationFilter {
  @Field(() => RegionCode, { nullable: true, description: 'Only administrations of this region.' })
  regionCode?: RegionCode | null;

  @Field(() => Boolean, { nullable: true, description: 'Only administrations that may (true) or may not (false) be invited.' })
  isEligible?: boolean | null;

  @BoundedList(MAX_ADMINISTRATIONS)
  @Field(() => [GraphQLCountryCode], { nullable: true, description: 'Only administrations with one of these ISO codes.' })
  iso2In?: string[] | null;

  @BoundedText()
  @Field(() => String, { nullable: true, description: 'Only administrations whose name contains this text (case-insensitive).' })
  nameContains?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only administrations that have (true) or have never had (false) a Professional Associate (one who DECLINED before the start does not count).',
  })
  isRepresented?: boolean | null;
}
