import type { EventType } from '../../outbox/event-catalogue';
import type { Letter } from '../letter';
import { passwordResetRequested, userEmailChanged, userInvited } from './account-letters';
import { administrationsInvited } from './administrations-invited';
import { certificateIssued, certificateRevoked } from './certificate-letters';
import { nominationSubmitted, nominationWithdrawn } from './nomination-receipt';
import { nominationsClosed } from './nominations-closed';
import { passwordChanged } from './password-changed';
import { milestoneDue, nominationDeadlineApproaching, outcomesPublished, researchApproved, researchReturned } from './programme-letters';
import { webhookEndpointDisabled } from './webhook-disabled';

/**
 * The e-mail each event sends, if any. Events without a letter here are
 * routed to nobody by e-mail (other channels may still carry them).
 */
export const LETTERS: { [T in EventType]?: Letter<T> } = {
  AdministrationsInvited: administrationsInvited,
  NominationSubmitted: nominationSubmitted,
  NominationWithdrawn: nominationWithdrawn,
  NominationsClosed: nominationsClosed,
  CertificateIssued: certificateIssued,
  CertificateRevoked: certificateRevoked,
  PasswordChanged: passwordChanged,
  UserInvited: userInvited,
  PasswordResetRequested: passwordResetRequested,
  UserEmailChanged: userEmailChanged,
  OutcomesPublished: outcomesPublished,
  ResearchApproved: researchApproved,
  ResearchReturned: researchReturned,
  MilestoneDue: milestoneDue,
  NominationDeadlineApproaching: nominationDeadlineApproaching,
  WebhookEndpointDisabled: webhookEndpointDisabled,
};

export function letterFor<T extends EventType>(type: T): Letter<T> | undefined {
  return LETTERS[type] as Letter<T> | undefined;
}
