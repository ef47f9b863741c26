import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { toGlobalId } from '../graphql/relay/global-id';
import { DateTimeScalar } from '../graphql/scalars/dates';
import { User } from '../modules/user/user.entity';
import { WebhookEndpoint } from '../modules/webhook/webhook-endpoint.entity';
import type { EventType } from './event-catalogue';
import { OutboxChannel, OutboxMessageStatus } from './outbox-enums';
import { OutboxEvent } from './outbox-event.entity';

/**
 * One event for one recipient on one channel: what the delivery worker
 * claims, sends, retries and finally marks SENT, SKIPPED or DEAD. What it
 * says is built when it is sent, for its recipient, from the event.
 */
// The worker looks for due messages; keyset pages of the ADMIN list read the second in order.
@Index('IDX_outbox_message_due', ['status', 'nextAttemptAt'])
@Index('IDX_outbox_message_createdAt_id', ['createdAt', 'uuid'])
// An endpoint's deliveries, newest first (WebhookEndpoint.deliveries); also serves the foreign key.
@Index('IDX_outbox_message_endpoint_createdAt_id', ['endpointId', 'createdAt', 'uuid'])
@Entity('outbox_message')
@ObjectType('OutboxMessage', {
  description:
    'One message of the outbox: a domain event on its way to one recipient over one channel. ADMIN only; reached through `outboxMessages`.',
})
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { name: 'id', description: 'Opaque identifier of the message; resendOutboxMessage takes it.' })
  get id(): string {
    return toGlobalId('OutboxMessage', this.uuid);
  }

  @Index()
  @Column({ type: 'uuid' })
  eventId: string;

  @ManyToOne(() => OutboxEvent, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'eventId' })
  event?: Relation<OutboxEvent>;

  @Field(() => String, { description: 'The domain event the message tells of, e.g. "NominationSubmitted".' })
  @Column({ type: 'varchar', length: 60 })
  eventType: EventType;

  @Field(() => OutboxChannel, { description: 'How the message reaches its recipient.' })
  @Column({ type: 'varchar', length: 20 })
  channel: OutboxChannel;

  /** The user an e-mail is for; null for a webhook. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  recipientId: string | null;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'recipientId' })
  recipient?: Relation<User> | null;

  /** The endpoint a webhook is for; null for an e-mail. Deleting the endpoint deletes its messages. */
  @Column({ type: 'uuid', nullable: true })
  endpointId: string | null;

  @ManyToOne(() => WebhookEndpoint, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'endpointId' })
  endpoint?: Relation<WebhookEndpoint> | null;

  @Field(() => String, {
    description:
      'Unique per event, channel and recipient, and the same on every attempt: an e-mail’s Message-ID is made from it, and a webhook’s `webhook-id` header is it, so a receiver can drop a copy.',
  })
  @Column({ type: 'varchar', length: 200, unique: true })
  idempotencyKey: string;

  @Field(() => OutboxMessageStatus, { description: 'Where the message stands.' })
  @Column({ type: 'varchar', length: 10 })
  status: OutboxMessageStatus;

  @Field(() => Int, { description: 'Delivery attempts so far, including one an instance began and did not finish.' })
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'While PENDING: when the next attempt is due. While SENDING: when another instance may take the message over, should the one delivering it have stopped.',
  })
  @Column({ type: Date, nullable: true })
  nextAttemptAt: Date | null;

  /** The instance delivering the message while SENDING (its lease runs until nextAttemptAt). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  leaseOwner: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the last attempt failed or the message was skipped, e.g. "SMTP 451 …"; e-mail addresses read "[address]".',
  })
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was delivered.' })
  @Column({ type: Date, nullable: true })
  sentAt: Date | null;

  @Field(() => DateTimeScalar, { description: 'When the event was routed to this recipient.' })
  @Column({ type: Date })
  createdAt: Date;

  @Field(() => DateTimeScalar, { description: 'When the message last changed status.' })
  @Column({ type: Date })
  updatedAt: Date;
}
