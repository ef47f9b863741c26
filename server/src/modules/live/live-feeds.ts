import { translator } from '../../mail/i18n/i18n';
import type { LetterContext } from '../../mail/letter';
import { letterFor, LETTERS } from '../../mail/letters';
import type { EventType, RecordedEvent } from '../../outbox/event-catalogue';
import { fromGlobalIdOfType } from '../../graphql/relay/global-id';
import type { LiveFeed } from '../../live/live-hub';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { Certificate } from '../certificate/certificate.entity';
import { Cohort } from '../cohort/cohort.entity';
import { canSeeNomination } from '../nomination/nomination-visibility';
import { Nomination } from '../nomination/nomination.entity';
import { canSeeResearch } from '../research/research-visibility';
import { ResearchProject } from '../research/research-project.entity';
import { User } from '../user/user.entity';
import { UserRole } from '../user/user-role';
import type { Viewer } from '../user/viewer';
import type { CertificateIssuance, CohortChange, Notification, NominationChange, ResearchChange, ReviewQueueChange } from './live.types';

/** The event payload's field, as the UUID of its type (payloads name objects by global ID). */
const uuidIn = (event: RecordedEvent, field: string, typeName: string): string =>
  fromGlobalIdOfType((event.payload as unknown as Record<string, string>)[field], typeName, `payload ${field}`);

/** An event's global ID field, compared with the subscription's argument (a UUID, decoded when it subscribed). */
const names = (event: RecordedEvent, field: string, typeName: string, uuid: string): boolean => {
  try {
    return uuidIn(event, field, typeName) === uuid;
  } catch {
    return false;
  }
};

/**
 * A reviewer's own review is theirs to hear of; that another reviewer
 * scored a nomination is not (blind review), and ADMIN hears of all.
 */
const hearsOfReview = (viewer: Viewer, event: RecordedEvent) =>
  event.type !== 'NominationReviewed' || viewer.role === UserRole.ADMIN || event.actorId === viewer.userId;

const NOMINATION_EVENTS = ['NominationSubmitted', 'NominationWithdrawn', 'NominationDecided', 'NominationReviewed'] as const satisfies readonly EventType[];

export const nominationChanged: LiveFeed<{ cohortId: string }, NominationChange> = {
  name: 'nominationChanged',
  types: NOMINATION_EVENTS,
  matches: (args, event) => names(event, 'cohortId', 'Cohort', args.cohortId),
  async admit(ctx, _args, event, { loaders }) {
    const viewer = ctx.viewer!;
    const nomination = await loaders.byId(Nomination).load(uuidIn(event, 'nominationId', 'Nomination'));
    // A FOCAL_POINT sees its own administration's nominations only: another's candidate is never sent.
    if (!nomination || !canSeeNomination(viewer, nomination) || !hearsOfReview(viewer, event)) return null;
    return { eventType: event.type, occurredAt: event.occurredAt, nomination };
  },
};

export const cohortChanged: LiveFeed<{ id: string }, CohortChange> = {
  name: 'cohortChanged',
  types: ['CohortTransitioned', 'AdministrationsInvited', 'NominationDecided'],
  matches: (args, event) => names(event, 'cohortId', 'Cohort', args.id),
  async admit(_ctx, args, event, { loaders }) {
    // Cohorts are public: whoever is signed in may follow one.
    const cohort = await loaders.byId(Cohort).load(args.id);
    return cohort ? { eventType: event.type, occurredAt: event.occurredAt, cohort } : null;
  },
};

export const reviewQueueChanged: LiveFeed<Record<string, never>, ReviewQueueChange> = {
  name: 'reviewQueueChanged',
  types: ['NominationsClosed', 'NominationWithdrawn', 'NominationDecided', 'NominationReviewed'],
  matches: () => true,
  async admit(ctx, _args, event, { loaders }) {
    const viewer = ctx.viewer!;
    if (!hearsOfReview(viewer, event)) return null;
    const cohort = await loaders.byId(Cohort).load(uuidIn(event, 'cohortId', 'Cohort'));
    if (!cohort) return null;
    if (event.type === 'NominationsClosed') return { eventType: event.type, occurredAt: event.occurredAt, cohort, nomination: null };
    const nomination = await loaders.byId(Nomination).load(uuidIn(event, 'nominationId', 'Nomination'));
    if (!nomination || !canSeeNomination(viewer, nomination)) return null;
    return { eventType: event.type, occurredAt: event.occurredAt, cohort, nomination };
  },
};

export const researchChanged: LiveFeed<{ id: string }, ResearchChange> = {
  name: 'researchChanged',
  types: ['ResearchApproved', 'ResearchUpdated'],
  matches: (args, event) => names(event, 'researchId', 'ResearchProject', args.id),
  async admit(ctx, args, event, { loaders }) {
    const research = await loaders.byId(ResearchProject).load(args.id);
    // Until it is published, research is its associate's and ADMIN's only.
    if (!research || !canSeeResearch(ctx.viewer, research)) return null;
    const change = event.type === 'ResearchUpdated' ? (event.payload as { change: string }).change : 'approveResearch';
    return { eventType: event.type, change, occurredAt: event.occurredAt, research };
  },
};

export const certificateIssued: LiveFeed<Record<string, never>, CertificateIssuance> = {
  name: 'certificateIssued',
  types: ['CertificateIssued'],
  matches: () => true,
  async admit(ctx, _args, event, { loaders }) {
    const viewer = ctx.viewer!;
    const certificate = await loaders.byId(Certificate).load(uuidIn(event, 'certificateId', 'Certificate'));
    if (!certificate) return null;
    const associate = await loaders.byId(ProfessionalAssociate).load(certificate.associateId);
    if (!associate) return null;
    // ADMIN hears of every certificate; a FOCAL_POINT of its administration's associates'; an associate of its own.
    const concerns =
      viewer.role === UserRole.ADMIN ||
      (viewer.role === UserRole.FOCAL_POINT && viewer.administrationId === associate.administrationId) ||
      (viewer.role === UserRole.ASSOCIATE && viewer.associateId === associate.uuid);
    return concerns ? { occurredAt: event.occurredAt, certificate } : null;
  },
};

/**
 * The e-mail the viewer would be sent for the event, composed as it would
 * be for them: the letter's own recipients (worked out once per event) and
 * its own composition, which tells only what the recipient may read.
 */
/**
 * Letters whose link is a credential (an invitation, a password reset) go by
 * e-mail only: a session, which a subscription rides on, must not be enough
 * to obtain a link that sets the account's password.
 */
const MAIL_ONLY: readonly EventType[] = ['UserInvited', 'PasswordResetRequested'];

export const viewerNotifications: LiveFeed<Record<string, never>, Notification> = {
  name: 'viewerNotifications',
  types: (Object.keys(LETTERS) as EventType[]).filter((type) => !MAIL_ONLY.includes(type)),
  matches: () => true,
  async admit(ctx, _args, event, batch) {
    const viewer = ctx.viewer!;
    const letter = letterFor(event.type);
    if (!letter) return null;
    const recipients = await batch.memo(`letter:${event.id}`, () => letter.recipients(batch.db, event as never));
    if (!recipients.includes(viewer.userId)) return null;
    const recipient = await batch.loaders.byId(User).load(viewer.userId);
    if (!recipient?.isActive) return null;
    const context: LetterContext<EventType> = {
      event,
      db: batch.db,
      loaders: batch.loaders,
      recipient,
      viewer,
      language: recipient.preferredLanguage,
      t: translator(recipient.preferredLanguage),
      publicUrl: (ctx.credentials?.publicUrl ?? 'http://localhost:4000').replace(/\/$/, ''),
      accountLink: () => {
        throw new Error('an account link is never composed for a subscription (MAIL_ONLY)');
      },
    };
    const content = await letter.compose(context as never);
    if (!content) return null;
    return {
      eventType: event.type,
      occurredAt: event.occurredAt,
      subject: content.subject,
      paragraphs: content.paragraphs,
      facts: (content.facts ?? []).map(([label, value]) => ({ label, value })),
      action: content.action ?? null,
    };
  },
};
