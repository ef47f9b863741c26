import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../modules/user/user.entity';
import type { EventType } from './event-catalogue';

/**
 * A domain event, written by recordEvent() in the transaction of the change
 * it reports: it commits with the change or not at all. Channels route it
 * to their recipients after the commit (outbox_routing).
 */
@Entity('outbox_event')
export class OutboxEvent {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  /** A name of the event catalogue (event-catalogue.ts). */
  @Column({ type: 'varchar', length: 60 })
  type: EventType;

  /** Global IDs and the event's own facts (see EventPayloads). */
  @Column({ type: 'simple-json' })
  payload: Record<string, unknown>;

  /** The clock of the request that recorded it (ctx.clock, so CDP_CLOCK pins it too). */
  @Index()
  @Column({ type: Date })
  occurredAt: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'actorId' })
  actor?: Relation<User> | null;

  /** As in the audit log: "user:ADMIN", "system:cli", "anonymous". */
  @Column({ type: 'varchar', length: 100 })
  actorLabel: string;

  /**
   * Set for events that must be recorded once whoever records them, e.g. a
   * letter derived from the data on a periodic tick: a second recording with
   * the same key is ignored.
   */
  @Column({ type: 'varchar', length: 200, nullable: true, unique: true })
  dedupeKey: string | null;
}
