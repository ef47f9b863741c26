import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import type { AccountLinkPurpose } from '../../auth/account-links';
import { User } from './user.entity';

/**
 * A one-time link mailed to a user: an invitation to choose a first
 * password, or a password reset. Like a session, the token itself is never
 * stored, only its HMAC under the pepper. A link works once, until it
 * expires, and only while it is the user's newest of its purpose (a newer
 * one revokes it).
 */
@Entity('account_link')
export class AccountLink {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'userId' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 20 })
  purpose: AccountLinkPurpose;

  /** Hex HMAC-SHA-256 of the token. */
  @Column({ type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  @Column({ type: Date })
  createdAt: Date;

  @Column({ type: Date })
  expiresAt: Date;

  /** When the link was used; it works no more. */
  @Column({ type: Date, nullable: true })
  usedAt: Date | null;

  /** When a newer link of the same purpose (or the account's deactivation) replaced it. */
  @Column({ type: Date, nullable: true })
  revokedAt: Date | null;
}
