import { DateTimeScalar } from '../../graphql/scalars/dates';
import { Field, ID, InputType } from 'type-graphql';
import { OrderDirection } from '../../common/sort-direction';
import { ConnectionType } from '../../graphql/relay/connection';
import { defineOrder } from '../../graphql/relay/order';
import { BoundedId, BoundedList, BoundedText } from '../../graphql/input-bounds';
import { InDateRange } from '../../graphql/input/input-rules';
import { AuditEntry } from './audit-entry.entity';

export const AuditEntryConnection = ConnectionType(AuditEntry, 'AuditEntry', 'audit entries');
export type AuditEntryConnection = InstanceType<typeof AuditEntryConnection>;

export const auditOrder = defineOrder(
  'AuditEntry',
  'audit entries',
  { OCCURRED_AT: { property: 'occurredAt', kind: 'date', description: 'Order by when the change happened.' } },
  { field: 'OCCURRED_AT', direction: OrderDirection.DESC },
);
export const AuditEntryOrder = auditOrder.OrderInput;
export type AuditEntryOrder = InstanceType<typeof AuditEntryOrder>;

@InputType({ description: 'Narrows the audit log; all given conditions must hold.' })
export class AuditEntryFilter {
  @Field(() => String, { nullable: true, description: 'Only changes of this type of object, e.g. "User".' })
  @BoundedText(60)
  entityType?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only changes of this object (its global ID).' })
  @BoundedId()
  entityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only changes made by this User.' })
  @BoundedId()
  actorId?: string | null;

  @Field(() => [String], { nullable: true, description: 'Only these operations, e.g. ["login.failed"].' })
  @BoundedList(50)
  @BoundedText(80, { each: true })
  operationIn?: string[] | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only changes at or after this instant.' })
  @InDateRange({ optional: true })
  occurredFrom?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Only changes before this instant.' })
  @InDateRange({ optional: true })
  occurredBefore?: Date | null;
}
