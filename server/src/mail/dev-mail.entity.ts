import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A message kept by the development mailbox (no MAIL_URL outside
 * production) instead of being sent: what an SMTP server would have
 * received, shown at /dev/mailbox.
 */
@Entity('dev_mail')
export class DevMail {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  /** A copy delivered again (same Message-ID) is dropped, as a receiver that honours the key would. */
  @Column({ type: 'varchar', length: 250, unique: true })
  messageId: string;

  @Column({ type: 'varchar', length: 320 })
  recipient: string;

  @Column({ type: 'varchar', length: 500 })
  subject: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text' })
  html: string;

  /** The whole message as sent over SMTP (RFC 5322), for "view source". */
  @Column({ type: 'text' })
  raw: string;

  @Index()
  @Column({ type: Date })
  receivedAt: Date;
}
