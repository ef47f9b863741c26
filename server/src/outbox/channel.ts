import type { EntityManager } from 'typeorm';
import type { Loaders } from '../graphql/loaders';
import type { RecordedEvent } from './event-catalogue';
import type { OutboxChannel } from './outbox-enums';
import type { OutboxMessage } from './outbox-message.entity';

/** What a delivery came to, when it did not fail. */
export type DeliveryOutcome = { status: 'sent' } | { status: 'skipped'; reason: string };

/**
 * What the messages claimed together share: DataLoaders on the reading
 * connection, so that what their deliveries read (recipients, the cohort
 * of an event) is read in one statement per kind for the whole batch.
 */
export interface DeliveryBatch {
  loaders: Loaders;
}

/** Why a delivery failed: a description without personal data, and whether trying again could help. */
export interface DeliveryFailure {
  description: string;
  permanent: boolean;
}

/**
 * A way of reaching people that reads the outbox. The worker routes each
 * event to the recipients the channel names (in the routing transaction),
 * then hands it each message to deliver; retries, leases and the dead state
 * are the worker's, the same for every channel.
 */
export interface ChannelHandler {
  channel: OutboxChannel;
  /** Whom recipients() names: users (the message's recipientId; the default) or webhook endpoints (its endpointId). */
  recipientKind?: 'user' | 'endpoint';
  /** The users (or endpoints, see recipientKind) who are to hear of the event on this channel; none when it says nothing of this event. */
  recipients(db: EntityManager, event: RecordedEvent): Promise<string[]>;
  /** Delivers one message; throws on failure (see describeFailure). */
  deliver(message: OutboxMessage, event: RecordedEvent, batch: DeliveryBatch): Promise<DeliveryOutcome>;
  describeFailure(err: unknown): DeliveryFailure;
  /** Ends the channel's connections (the SMTP pool). */
  close(): Promise<void>;
}
