import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars/dates';
import { Certificate } from '../certificate/certificate.entity';
import { Cohort } from '../cohort/cohort.entity';
import { Nomination } from '../nomination/nomination.entity';
import { ResearchProject } from '../research/research-project.entity';

/*
 * What subscriptions send. Each names the event (its type in the event
 * catalogue, as OutboxMessage.eventType does) and carries the object it
 * concerns, read afresh as the subscriber after the commit: its fields are
 * resolved under the same rules as a query's.
 */

@ObjectType({ description: 'A nomination of the subscribed cohort changed.' })
export class NominationChange {
  @Field(() => String, { description: 'NominationSubmitted, NominationWithdrawn, NominationDecided, or NominationReviewed (your own review only).' })
  eventType: string;

  @Field(() => DateTimeScalar, { description: 'When the change was committed.' })
  occurredAt: Date;

  @Field(() => Nomination, { description: 'The nomination as it is now.' })
  nomination: Nomination;
}

@ObjectType({ description: 'The subscribed cohort changed.' })
export class CohortChange {
  @Field(() => String, { description: 'CohortTransitioned (its status), AdministrationsInvited, or NominationDecided (its seats).' })
  eventType: string;

  @Field(() => DateTimeScalar, { description: 'When the change was committed.' })
  occurredAt: Date;

  @Field(() => Cohort, { description: 'The cohort as it is now.' })
  cohort: Cohort;
}

@ObjectType({ description: 'Something changed what awaits your review.' })
export class ReviewQueueChange {
  @Field(() => String, {
    description: 'NominationsClosed (a cohort’s nominations await review), NominationWithdrawn, NominationDecided, or NominationReviewed (your own review).',
  })
  eventType: string;

  @Field(() => DateTimeScalar, { description: 'When the change was committed.' })
  occurredAt: Date;

  @Field(() => Cohort, { description: 'The cohort concerned.' })
  cohort: Cohort;

  @Field(() => Nomination, { nullable: true, description: 'The nomination concerned; null when the change is the whole cohort’s (NominationsClosed).' })
  nomination: Nomination | null;
}

@ObjectType({ description: 'The subscribed research project changed.' })
export class ResearchChange {
  @Field(() => String, { description: 'ResearchApproved or ResearchUpdated.' })
  eventType: string;

  @Field(() => String, { description: 'The mutation that changed it, e.g. updateResearch, addMilestone, publishResearch.' })
  change: string;

  @Field(() => DateTimeScalar, { description: 'When the change was committed.' })
  occurredAt: Date;

  @Field(() => ResearchProject, { description: 'The research project as it is now.' })
  research: ResearchProject;
}

@ObjectType({ description: 'A certificate was issued.' })
export class CertificateIssuance {
  @Field(() => DateTimeScalar, { description: 'When it was issued.' })
  occurredAt: Date;

  @Field(() => Certificate, { description: 'The certificate.' })
  certificate: Certificate;
}

@ObjectType({ description: 'A labelled value of a notification, e.g. a certificate’s serial.' })
export class NotificationFact {
  @Field(() => String, { description: 'What the value is, in your language.' })
  label: string;

  @Field(() => String, { description: 'The value.' })
  value: string;
}

@ObjectType({ description: 'The one link a notification offers.' })
export class NotificationAction {
  @Field(() => String, { description: 'What the link does, in your language.' })
  label: string;

  @Field(() => String, { description: 'An absolute URL under the server’s public URL.' })
  url: string;
}

@ObjectType({ description: 'What CDP Hub would tell you by e-mail, in your language, as it happens.' })
export class Notification {
  @Field(() => String, { description: 'The event’s type in the catalogue, e.g. NominationSubmitted, CertificateIssued.' })
  eventType: string;

  @Field(() => DateTimeScalar, { description: 'When the event was committed.' })
  occurredAt: Date;

  @Field(() => String, { description: 'The e-mail’s subject.' })
  subject: string;

  @Field(() => [String], { description: 'The e-mail’s paragraphs, as plain text.' })
  paragraphs: string[];

  @Field(() => [NotificationFact], { description: 'Labelled values the e-mail shows.' })
  facts: NotificationFact[];

  @Field(() => NotificationAction, { nullable: true, description: 'The e-mail’s link, if it has one.' })
  action: NotificationAction | null;
}
