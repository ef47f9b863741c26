import type { AuthSettings } from '../auth/auth-settings';
import { systemClock } from '../common/clock';
import type { Logger } from '../common/logger';
import type { Database } from '../db/database';
import { DevMailbox } from '../mail/dev-mailbox';
import { EmailChannel } from '../mail/email-channel';
import type { MailSettings } from '../mail/mail-settings';
import { SmtpTransport } from '../mail/smtp-transport';
import { OutboxDispatcher } from './dispatcher';
import type { OutboxSettings } from './outbox-settings';
import { WebhookChannel } from '../webhook/webhook-channel';
import type { WebhookSettings } from '../webhook/webhook-settings';

export interface OutboxOptions {
  mail: MailSettings;
  settings?: Partial<OutboxSettings>;
  /** CDP_TOKEN_PEPPER, under which the letters derive the tokens of account links (createApp passes the server's). */
  pepper?: string;
  /** Milliseconds between two looks for reminders that came due; DEFAULT_REMINDER_TICK_SECONDS when unset. */
  reminderTickMs?: number;
}

/** What the webhook channel needs: the pepper its secrets are sealed under, and where webhooks may go. */
export interface WebhookChannelSetup {
  auth: AuthSettings;
  settings: WebhookSettings;
}

/**
 * This instance's delivery worker with its channels, configured but not yet
 * started: e-mail, and webhooks when `webhooks` is given (the app gives it).
 */
export function createOutboxWorker(
  database: Database,
  logger: Logger,
  publicUrl: string,
  { mail, settings, pepper }: OutboxOptions,
  webhooks?: WebhookChannelSetup,
): OutboxDispatcher {
  const transport = mail.mode === 'smtp' ? new SmtpTransport(mail.url) : mail.mode === 'mailbox' ? new DevMailbox(database) : null;
  const email = new EmailChannel({ transport, from: mail.from, publicUrl, pepper, reader: () => database.reader.manager });
  const webhook = webhooks && new WebhookChannel({ database, ...webhooks, clock: systemClock, logger });
  const writer = database.writer.options;
  return new OutboxDispatcher({
    database,
    channels: webhook ? [email, webhook] : [email],
    logger,
    settings,
    postgresUrl: writer.type === 'postgres' ? (writer.url as string) : undefined,
  });
}
