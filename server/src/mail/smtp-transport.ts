import nodemailer from 'nodemailer';
import type { MailTransport, OutgoingMail } from './transport';

/**
 * Mail over SMTP (MAIL_URL: smtp:// or smtps://, user and password in the
 * URL), through a pool of kept-open connections. Timeouts are far shorter
 * than nodemailer's (ten minutes of socket silence), and well inside the
 * outbox's lease, so that a hung server costs an attempt, not the lease.
 */
export class SmtpTransport implements MailTransport {
  private readonly transporter;

  constructor(url: string, { maxConnections = 5 }: { maxConnections?: number } = {}) {
    this.transporter = nodemailer.createTransport({
      url,
      pool: true,
      maxConnections,
      maxMessages: 500,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({
      from: mail.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: { 'Content-Language': mail.language, 'Auto-Submitted': 'auto-generated' },
    });
  }

  /** Connects and signs in without sending anything: whether MAIL_URL's server takes our mail (`cdp-hub doctor`). */
  async verify(): Promise<void> {
    await this.transporter.verify();
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
