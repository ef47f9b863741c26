import nodemailer from 'nodemailer';
import { systemClock } from '../common/clock';
import type { Database } from '../db/database';
import { DevMail } from './dev-mail.entity';
import type { MailTransport, OutgoingMail } from './transport';

/**
 * The development mailbox: with no MAIL_URL outside production, mail is
 * composed exactly as for SMTP (nodemailer builds the same message) and
 * kept in the dev_mail table, shown at /dev/mailbox. A copy with a
 * Message-ID already kept is dropped, as a receiver honouring the key does.
 */
export class DevMailbox implements MailTransport {
  private readonly composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(private readonly database: Database) {}

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.composer.sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: { 'Content-Language': mail.language, 'Auto-Submitted': 'auto-generated' },
    });
    const raw = (info.message as Buffer).toString('utf8');
    await this.database.transaction(
      (db) =>
        db
          .createQueryBuilder()
          .insert()
          .into(DevMail)
          .values({
            messageId: mail.messageId,
            recipient: mail.to.address,
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            raw,
            receivedAt: systemClock.now(),
          })
          .orIgnore()
          .execute(),
      systemClock,
      undefined,
      { bumpsDataVersion: false },
    );
  }

  async close(): Promise<void> {}
}
