import { registerEnumType } from 'type-graphql';

/** How a message reaches its recipient: a user by e-mail, or another system by webhook. */
export enum OutboxChannel {
  EMAIL = 'EMAIL',
  WEBHOOK = 'WEBHOOK',
}

/** Where a message stands on its way out. */
export enum OutboxMessageStatus {
  PENDING = 'PENDING',
  SENDING = 'SENDING',
  SENT = 'SENT',
  SKIPPED = 'SKIPPED',
  DEAD = 'DEAD',
}

registerEnumType(OutboxChannel, {
  name: 'OutboxChannel',
  description: 'How an outbox message reaches its recipient.',
  valuesConfig: {
    EMAIL: { description: 'E-mail, over SMTP (MAIL_URL) or into the development mailbox.' },
    WEBHOOK: { description: 'A signed HTTP POST to a webhook endpoint (Standard Webhooks); the message’s `endpoint` names it.' },
  },
});

registerEnumType(OutboxMessageStatus, {
  name: 'OutboxMessageStatus',
  description: 'Where an outbox message stands. Delivery is at least once: a message may reach its recipient twice, always with the same key.',
  valuesConfig: {
    PENDING: { description: 'Waiting for its first attempt, or for its next one after a failure (nextAttemptAt).' },
    SENDING: { description: 'Claimed by a server instance that is delivering it now; taken again if that instance stops before it finishes.' },
    SENT: { description: 'Delivered (accepted by the SMTP server, kept by the development mailbox, or answered 2xx by the webhook endpoint).' },
    SKIPPED: {
      description:
        'Not sent, on purpose: the recipient was deactivated, may no longer be told about the subject, mail is off (MAIL=off), or the webhook endpoint is disabled; lastError says which.',
    },
    DEAD: {
      description:
        'Gave up: every attempt failed (OUTBOX_MAX_ATTEMPTS), the SMTP server refused it for good, or the webhook endpoint’s address is refused. resendOutboxMessage tries again.',
    },
  },
});
