import { Field, InputType, registerEnumType } from 'type-graphql';
import { OrderDirection } from '../../common/sort-direction';
import type { Ordering, SortField } from './cursor';

export interface OrderFieldDefinition extends Omit<SortField, 'key'> {
  description: string;
}

/**
 * Declares the `<Type>OrderField` enum and `<Type>Order` input of a connection
 * and converts a client's choice into the keyset Ordering used by paginate().
 */
export function defineOrder<F extends string>(
  typeName: string,
  noun: string,
  fields: Record<F, OrderFieldDefinition>,
  fallback: { field: NoInfer<F>; direction: OrderDirection },
) {
  const names = Object.keys(fields) as F[];
  const fieldEnum = Object.fromEntries(names.map((n) => [n, n])) as Record<F, F>;
  registerEnumType(fieldEnum, {
    name: `${typeName}OrderField`,
    description: `Fields by which ${noun} can be ordered. Ties are broken by ID so every page is stable.`,
    valuesConfig: Object.fromEntries(names.map((n) => [n, { description: fields[n].description }])) as never,
  });

  @InputType(`${typeName}Order`, { description: `How to order ${noun}.` })
  class OrderInput {
    @Field(() => fieldEnum, { description: 'The field to order by.' })
    field: F;

    @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC, description: 'The direction; ascending by default.' })
    direction: OrderDirection;
  }

  const toOrdering = (input?: { field: F; direction?: OrderDirection } | null): Ordering => {
    const chosen = input ?? fallback;
    const { description: _description, ...sort } = fields[chosen.field];
    return { field: { key: chosen.field.toLowerCase(), ...sort }, direction: chosen.direction ?? OrderDirection.ASC };
  };

  return { OrderInput, toOrdering };
}
