import type { EntityManager } from 'typeorm';
import type { ChannelHandler, DeliveryBatch, DeliveryOutcome } from '../outbox/channel';
import type { RecordedEvent } from '../outbox/event-catalogue';
import { OutboxChannel } from '../outbox/outbox-enums';
import type { OutboxMessage } from '../outbox/outbox-message.entity';
import { User } from '../modules/user/user.entity';
import type { Viewer } from '../modules/user/viewer';
import { LANGUAGE_TAGS } from '../modules/user/language';
import { linkToken } from '../auth/account-links';
import { tokenDigest } from '../auth/tokens';
import { translator } from './i18n/i18n';
import { letterFor } from './letters';
import type { LetterContext } from './letter';
import { messageIdOf } from './message-id';
import { renderLetter } from './render';
import { describeSmtpFailure } from './smtp-failure';
import type { MailTransport } from './transport';

/** The recipient as the policy sees a signed-in user (no session: nothing is asked of it). */
const viewerOf = (user: User): Viewer => ({
  userId: user.uuid,
  sessionId: '',
  role: user.role,
  administrationId: user.administrationId,
  associateId: user.associateId,
});

export interface EmailChannelOptions {
  /** Null with MAIL=off: messages are marked SKIPPED, not sent. */
  transport: MailTransport | null;
  from: string;
  publicUrl: string;
  /** CDP_TOKEN_PEPPER: the tokens of account links are derived under it when their letter is composed (none: such letters fail). */
  pepper?: string;
  /** Reads committed data: the recipient, and what the letter tells. */
  reader: () => EntityManager;
}

/**
 * E-mail as a channel of the outbox: each event type's letter names its
 * recipients, and each message is composed when it is sent, in the
 * recipient's language, telling only what the recipient may read.
 */
export class EmailChannel implements ChannelHandler {
  readonly channel = OutboxChannel.EMAIL;

  constructor(private readonly options: EmailChannelOptions) {}

  private get pepper(): string {
    if (!this.options.pepper) throw new Error('this e-mail channel has no token pepper, so it cannot write account links');
    return this.options.pepper;
  }

  recipients(db: EntityManager, event: RecordedEvent): Promise<string[]> {
    return letterFor(event.type)?.recipients(db, event as never) ?? Promise.resolve([]);
  }

  async deliver(message: OutboxMessage, event: RecordedEvent, { loaders }: DeliveryBatch): Promise<DeliveryOutcome> {
    const { transport, from, publicUrl } = this.options;
    if (!transport) return { status: 'skipped', reason: 'mail is off (MAIL=off)' };
    const letter = letterFor(event.type);
    const db = this.options.reader();
    const recipient = message.recipientId ? await loaders.byId(User).load(message.recipientId) : null;
    if (!recipient?.isActive) return { status: 'skipped', reason: 'the recipient is deactivated' };
    if (!letter) return { status: 'skipped', reason: `no e-mail is sent for ${event.type}` };
    const t = translator(recipient.preferredLanguage);
    const context: LetterContext<typeof event.type> = {
      event,
      db,
      loaders,
      recipient,
      viewer: viewerOf(recipient),
      language: recipient.preferredLanguage,
      t,
      publicUrl,
      accountLink: (linkId) => {
        const token = linkToken(this.pepper, linkId);
        return { token, digest: tokenDigest(this.pepper, token) };
      },
    };
    const content = await letter.compose(context as never);
    if (!content) return { status: 'skipped', reason: 'the recipient may no longer be told about this' };
    const rendered = renderLetter(content, recipient.displayName || recipient.email, recipient.preferredLanguage, t);
    await transport.send({
      from,
      to: { name: recipient.displayName, address: content.to ?? recipient.email },
      ...rendered,
      messageId: messageIdOf(message.idempotencyKey, publicUrl),
      language: LANGUAGE_TAGS[recipient.preferredLanguage],
    });
    return { status: 'sent' };
  }

  describeFailure(err: unknown) {
    return describeSmtpFailure(err);
  }

  close(): Promise<void> {
    return this.options.transport?.close() ?? Promise.resolve();
  }
}
