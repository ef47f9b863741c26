import type { Logger } from '../common/logger';
import type { Database } from '../db/database';
import { DevMailbox } from '../mail/dev-mailbox';
import { EmailChannel } from '../mail/email-channel';
import type { MailSettings } from '../mail/mail-settings';
import { SmtpTransport } from '../mail/smtp-transport';
import { OutboxDispatcher } from './dispatcher';
import type { OutboxSettings } from './outbox-settings';

export interface OutboxOptions {
  mail: MailSettings;
  settings?: Partial<OutboxSettings>;
  /** CDP_TOKEN_PEPPER, under which the letters derive the tokens of account links (createApp passes the server's). */
  pepper?: string;
  /** Milliseconds between two looks for reminders that came due; DEFAULT_REMINDER_TICK_SECONDS when unset. */
  reminderTickMs?: number;
}

/** This instance's delivery worker with its channels (e-mail now), configured but not yet started. */
export function createOutboxWorker(database: Database, logger: Logger, publicUrl: string, { mail, settings, pepper }: OutboxOptions): OutboxDispatcher {
  const transport = mail.mode === 'smtp' ? new SmtpTransport(mail.url) : mail.mode === 'mailbox' ? new DevMailbox(database) : null;
  const email = new EmailChannel({ transport, from: mail.from, publicUrl, pepper, reader: () => database.reader.manager });
  const writer = database.writer.options;
  return new OutboxDispatcher({
    database,
    channels: [email],
    logger,
    settings,
    postgresUrl: writer.type === 'postgres' ? (writer.url as string) : undefined,
  });
}
