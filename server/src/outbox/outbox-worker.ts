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
}

/** This instance's delivery worker with its channels (e-mail now), configured but not yet started. */
export function createOutboxWorker(database: Database, logger: Logger, publicUrl: string, { mail, settings }: OutboxOptions): OutboxDispatcher {
  const transport = mail.mode === 'smtp' ? new SmtpTransport(mail.url) : mail.mode === 'mailbox' ? new DevMailbox(database) : null;
  const email = new EmailChannel({ transport, from: mail.from, publicUrl, reader: () => database.reader.manager });
  const writer = database.writer.options;
  return new OutboxDispatcher({
    database,
    channels: [email],
    logger,
    settings,
    postgresUrl: writer.type === 'postgres' ? (writer.url as string) : undefined,
  });
}
