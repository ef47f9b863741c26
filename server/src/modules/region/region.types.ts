import { OrderDirection } from '../../common/sort-direction';
import { ConnectionType } from '../../graphql/relay/connection';
import { defineOrder } from '../../graphql/relay/order';
import { Region } from './region.entity';

export const RegionConnection = ConnectionType(Region, 'Region', 'regions');
export type RegionConnection = InstanceType<typeof RegionConnection>;

export const regionOrder = defineOrder(
  'Region',
  'regions',
  {
    CODE: { property: 'code', kind: 'string', description: 'Order by region code.' },
    NAME: { property: 'name', kind: 'string', description: 'Order by region name.' },
  },
  { field: 'CODE', direction: OrderDirection.ASC },
);
export const RegionOrder = regionOrder.OrderInput;
export type RegionOrder = InstanceType<typeof RegionOrder>;
