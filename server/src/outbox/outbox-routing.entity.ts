import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import type { OutboxChannel } from './outbox-enums';
import { OutboxEvent } from './outbox-event.entity';

/**
 * One row per event and channel, written with the event: the channel has yet
 * to fan it out into messages while routedAt is null. Routing writes the
 * messages and sets routedAt in one transaction, so a crash between the two
 * neither loses an event nor routes it twice.
 */
@Entity('outbox_routing')
export class OutboxRouting {
  @PrimaryColumn({ type: 'uuid' })
  eventId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  channel: OutboxChannel;

  @ManyToOne(() => OutboxEvent, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'eventId' })
  event?: Relation<OutboxEvent>;

  @Index()
  @Column({ type: Date, nullable: true })
  routedAt: Date | null;

  /** How many messages routing made (0 when nobody is to hear of it on this channel). */
  @Column({ type: 'int', nullable: true })
  messageCount: number | null;
}
