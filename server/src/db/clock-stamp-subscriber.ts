import { EventSubscriber, type EntitySubscriberInterface, type InsertEvent, type UpdateEvent } from 'typeorm';
import { systemClock } from '../common/clock';
import { Node } from '../graphql/relay/node';
import type { TransactionData } from './database';

/**
 * Stamps createdAt/updatedAt from the clock of the transaction that writes
 * (the request's `ctx.clock`), so timestamps and deadline rules agree when
 * CDP_CLOCK pins "now". Writes outside a transaction of the Database seam
 * (fixtures, tools) use the system clock.
 */
@EventSubscriber()
export class ClockStampSubscriber implements EntitySubscriberInterface<Node> {
  listenTo() {
    return Node;
  }

  private now(event: { queryRunner: { data?: unknown } }): Date {
    return ((event.queryRunner.data as Partial<TransactionData> | undefined)?.clock ?? systemClock).now();
  }

  beforeInsert(event: InsertEvent<Node>): void {
    event.entity.createdAt ??= this.now(event);
    event.entity.updatedAt ??= event.entity.createdAt;
  }

  beforeUpdate(event: UpdateEvent<Node>): void {
    if (event.entity) (event.entity as Node).updatedAt = this.now(event);
  }
}
