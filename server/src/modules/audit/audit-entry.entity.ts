import { BeforeInsert, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from '../user/user.entity';

/** What changed, who changed it and when: written inside the transaction of every mutation. */
@Entity('audit_entry')
@Index('IDX_audit_entry_entity', ['entityType', 'entityId'])
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  /** Written by the application at millisecond precision, like Node timestamps (see Node.createdAt). */
  @Index()
  @Column({ type: Date })
  occurredAt: Date;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'actorId' })
  actor?: Relation<User> | null;

  /** Who acted when no user did, e.g. "system:seed". */
  @Column({ type: 'varchar', length: 100 })
  actorLabel: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Index()
  @Column({ type: 'varchar', length: 80 })
  operation: string;

  @Column({ type: 'varchar', length: 60 })
  entityType: string;

  @Column({ type: 'uuid', nullable: true })
  entityId: string | null;

  @Column({ type: 'simple-json', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'simple-json', nullable: true })
  after: Record<string, unknown> | null;

  @BeforeInsert()
  protected stampOccurrence(): void {
    this.occurredAt ??= new Date();
  }
}
