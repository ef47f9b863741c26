import { registerEnumType } from 'type-graphql';

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(OrderDirection, {
  name: 'OrderDirection',
  description: 'Direction in which a list is ordered.',
  valuesConfig: {
    ASC: { description: 'Ascending: A to Z, oldest first, smallest first.' },
    DESC: { description: 'Descending: Z to A, newest first, largest first.' },
  },
});
