import { OrderDirection } from '../../common/sort-direction';
import { ConnectionType } from '../../graphql/relay/connection';
import { defineOrder } from '../../graphql/relay/order';
import { Programme } from './programme.entity';

/** The programme this deployment was built for; arguments that name a programme default to it. */
export const DEFAULT_PROGRAMME_CODE = 'WCO-JAPAN-CDP';

export const ProgrammeConnection = ConnectionType(Programme, 'Programme', 'programmes');
export type ProgrammeConnection = InstanceType<typeof ProgrammeConnection>;

export const programmeOrder = defineOrder(
  'Programme',
  'programmes',
  {
    CODE: { property: 'code', kind: 'string', description: 'Order by programme code.' },
    NAME: { property: 'name', kind: 'string', description: 'Order by name.' },
    LAUNCHED_YEAR: { property: 'launchedYear', kind: 'number', description: 'Order by the year the programme was launched.' },
  },
  { field: 'CODE', direction: OrderDirection.ASC },
);
export const ProgrammeOrder = programmeOrder.OrderInput;
export type ProgrammeOrder = InstanceType<typeof ProgrammeOrder>;
