import { Arg, ID, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { AppError } from '../../graphql/errors';
import { fromGlobalIdOfType } from '../../graphql/relay/global-id';
import type { LiveFeed } from '../../live/live-hub';
import { certificateIssued, cohortChanged, nominationChanged, researchChanged, reviewQueueChanged, viewerNotifications } from './live-feeds';
import { CertificateIssuance, CohortChange, NominationChange, Notification, ResearchChange, ReviewQueueChange } from './live.types';

type SubscribeData = SubscribeResolverData<unknown, Record<string, unknown>, RequestContext>;

/** The subscribe function of a feed: a stream of this socket, within its caps; over HTTP there is none. */
const subscribeTo =
  <A, P>(feed: LiveFeed<A, P>, argsOf: (args: Record<string, unknown>) => A = () => ({}) as A) =>
  ({ args, context }: SubscribeData): AsyncIterable<P> => {
    if (!context.live) {
      throw new AppError('OPERATION_NOT_SUPPORTED', 'Subscriptions run over WebSocket (the graphql-ws protocol) at /graphql, not over HTTP.', {
        http: { status: 400 },
      });
    }
    return context.live.hub.open(context.live.connection, feed, argsOf(args), context);
  };

/**
 * Live updates (docs/api.md, "Subscriptions"). Each event comes from the outbox
 * after its transaction committed, and is sent to a subscriber only when
 * that subscriber may see what it concerns; what is sent is read as them.
 */
@Resolver()
export class LiveResolver {
  @Subscription(() => NominationChange, {
    description: 'Nominations of a cohort as they are submitted, withdrawn, reviewed (your own review) and decided. A FOCAL_POINT hears of its own administration’s only.',
    subscribe: subscribeTo(nominationChanged, (args) => ({ cohortId: fromGlobalIdOfType(String(args.cohortId), 'Cohort', 'cohortId') })),
  })
  nominationChanged(
    @Arg('cohortId', () => ID, { description: 'The cohort whose nominations to follow.' }) _cohortId: string,
    @Root() change: NominationChange,
  ): NominationChange {
    return change;
  }

  @Subscription(() => CohortChange, {
    description: 'A cohort’s status steps, invitations and decisions (which change its seats).',
    subscribe: subscribeTo(cohortChanged, (args) => ({ id: fromGlobalIdOfType(String(args.id), 'Cohort', 'id') })),
  })
  cohortChanged(@Arg('id', () => ID, { description: 'The cohort to follow.' }) _id: string, @Root() change: CohortChange): CohortChange {
    return change;
  }

  @Subscription(() => ReviewQueueChange, {
    description: 'Changes to what awaits your review: nominations closed for review, withdrawn, decided, and your own reviews.',
    subscribe: subscribeTo(reviewQueueChanged),
  })
  reviewQueueChanged(@Root() change: ReviewQueueChange): ReviewQueueChange {
    return change;
  }

  @Subscription(() => ResearchChange, {
    description: 'A research project’s changes: its status steps, edits and milestones. Before it is published, only its associate and ADMIN hear of it.',
    subscribe: subscribeTo(researchChanged, (args) => ({ id: fromGlobalIdOfType(String(args.id), 'ResearchProject', 'id') })),
  })
  researchChanged(@Arg('id', () => ID, { description: 'The research project to follow.' }) _id: string, @Root() change: ResearchChange): ResearchChange {
    return change;
  }

  @Subscription(() => CertificateIssuance, {
    description: 'Certificates as they are issued: every one for ADMIN, its administration’s associates’ for a FOCAL_POINT, its own for an ASSOCIATE.',
    subscribe: subscribeTo(certificateIssued),
  })
  certificateIssued(@Root() issuance: CertificateIssuance): CertificateIssuance {
    return issuance;
  }

  @Subscription(() => Notification, {
    description: 'Everything CDP Hub would e-mail you, as it happens, in your language (whether or not e-mail is on).',
    subscribe: subscribeTo(viewerNotifications),
  })
  viewerNotifications(@Root() notification: Notification): Notification {
    return notification;
  }
}
