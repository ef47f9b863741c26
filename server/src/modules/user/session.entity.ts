import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { User } from './user.entity';

/** Why a session ended before it expired. */
export type SessionEndReason = 'LOGOUT' | 'PASSWORD_CHANGED' | 'DEACTIVATED';

/**
 * A signed-in session. The bearer token itself is never stored: only its
 * HMAC under the server's pepper, so a copy of the database cannot sign in.
 */
@Entity('session')
export class Session {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'userId' })
  user?: Relation<User>;

  /** Hex HMAC-SHA-256 of the token. */
  @Column({ type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  @Column({ type: Date })
  createdAt: Date;

  @Index()
  @Column({ type: Date })
  expiresAt: Date;

  @Column({ type: Date, nullable: true })
  endedAt: Date | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  endReason: SessionEndReason | null;
}
