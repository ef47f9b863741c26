import type { TFunction } from 'i18next';
import type { EntityManager } from 'typeorm';
import type { Loaders } from '../graphql/loaders';
import type { EventType, RecordedEvent } from '../outbox/event-catalogue';
import type { Language } from '../modules/user/language';
import type { User } from '../modules/user/user.entity';
import type { Viewer } from '../modules/user/viewer';

/** What a letter says, before it is rendered as plain text and as HTML (render.ts). */
export interface LetterContent {
  subject: string;
  paragraphs: string[];
  /** Labelled values, e.g. a serial number, shown as a small table. */
  facts?: Array<[label: string, value: string]>;
  /** The one link the letter offers; always under CDP_PUBLIC_URL. */
  action?: { label: string; url: string };
  /** Further links after the action (e.g. a certificate's PDF and verification page); also under CDP_PUBLIC_URL. */
  links?: Array<{ label: string; url: string }>;
  /**
   * The address to write to when it is not the recipient's current one: the
   * notice of an e-mail change goes to the previous address, the account's
   * own until the change.
   */
  to?: string;
}

/** What composing a letter for one recipient may use. */
export interface LetterContext<T extends EventType> {
  event: RecordedEvent<T>;
  /** Reads committed data (the reading connection). */
  db: EntityManager;
  /** Rows by ID, read once for every message of the batch (DataLoaders on the reading connection). */
  loaders: Loaders;
  recipient: User;
  /** The recipient as the policy sees them: a letter tells only what this viewer may read through the API. */
  viewer: Viewer;
  language: Language;
  t: TFunction;
  /** CDP_PUBLIC_URL, without a trailing slash. */
  publicUrl: string;
  /**
   * The token of an account link (invitation, reset) from the ID its event
   * carries, derived under the pepper (never stored), and the digest its
   * row is found by.
   */
  accountLink(linkId: string): { token: string; digest: string };
}

/**
 * The e-mail of one event type: who receives it, and what it tells each of
 * them. Recipients are resolved when the event is routed; the content is
 * composed when the message is sent, for one recipient at a time, under the
 * same read rules as the API (the `*-visibility.ts` functions and the
 * policy), and null means this recipient may not be told anything (any more).
 */
export interface Letter<T extends EventType> {
  recipients(db: EntityManager, event: RecordedEvent<T>): Promise<string[]>;
  compose(ctx: LetterContext<T>): Promise<LetterContent | null>;
}
