import { registerEnumType } from 'type-graphql';
import type { WebhookEventName } from '../../webhook/webhook-events';

/** The events a webhook endpoint may subscribe to; each value is the event's name in the catalogue and in the webhook's `type`. */
export enum WebhookEventType {
  COHORT_OPENED = 'CohortOpened',
  NOMINATIONS_CLOSED = 'NominationsClosed',
  ADMINISTRATIONS_INVITED = 'AdministrationsInvited',
  NOMINATION_SUBMITTED = 'NominationSubmitted',
  NOMINATION_WITHDRAWN = 'NominationWithdrawn',
  NOMINATION_DECIDED = 'NominationDecided',
  RESEARCH_APPROVED = 'ResearchApproved',
  CERTIFICATE_ISSUED = 'CertificateIssued',
  CERTIFICATE_REVOKED = 'CertificateRevoked',
  COHORT_TRANSITIONED = 'CohortTransitioned',
  OUTCOMES_PUBLISHED = 'OutcomesPublished',
  RESEARCH_RETURNED = 'ResearchReturned',
}

type Missing = Exclude<WebhookEventName, `${WebhookEventType}`>;
/** Fails to compile when an event offered by webhook has no value here. */
const complete: Missing extends never ? true : Missing = true;
void complete;

registerEnumType(WebhookEventType, {
  name: 'WebhookEventType',
  description: 'An event a webhook endpoint can subscribe to. The webhook body’s `type` is the event’s name, e.g. "NominationSubmitted".',
  valuesConfig: {
    COHORT_OPENED: { description: 'A cohort opened for nominations ("CohortOpened"; data: cohortId).' },
    NOMINATIONS_CLOSED: { description: 'A cohort’s nominations closed ("NominationsClosed"; data: cohortId, closedEarly).' },
    ADMINISTRATIONS_INVITED: { description: 'Administrations were invited to a cohort ("AdministrationsInvited"; data: cohortId, administrationIds).' },
    NOMINATION_SUBMITTED: { description: 'A nomination was submitted ("NominationSubmitted"; data: nominationId, cohortId, administrationId).' },
    NOMINATION_WITHDRAWN: { description: 'A nomination was withdrawn ("NominationWithdrawn"; data: nominationId, cohortId, administrationId).' },
    NOMINATION_DECIDED: {
      description: 'A nomination was decided ("NominationDecided"; data: nominationId, cohortId, administrationId, status, associateId).',
    },
    RESEARCH_APPROVED: { description: 'A research project was approved ("ResearchApproved"; data: researchId, associateId).' },
    CERTIFICATE_ISSUED: { description: 'A certificate was issued ("CertificateIssued"; data: certificateId, serial, associateId).' },
    CERTIFICATE_REVOKED: { description: 'A certificate was revoked ("CertificateRevoked"; data: certificateId, serial, associateId).' },
    COHORT_TRANSITIONED: { description: 'A cohort changed status ("CohortTransitioned"; data: cohortId, from, to).' },
    OUTCOMES_PUBLISHED: { description: 'A cohort’s selection outcomes were published ("OutcomesPublished"; data: cohortId).' },
    RESEARCH_RETURNED: { description: 'A research proposal was returned to its associate for changes ("ResearchReturned"; data: researchId, associateId).' },
  },
});
