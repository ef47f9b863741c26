import type { EventType } from '../../outbox/event-catalogue';
import type { Letter } from '../letter';
import { administrationsInvited } from './administrations-invited';
import { certificateIssued, certificateRevoked } from './certificate-letters';
import { nominationSubmitted, nominationWithdrawn } from './nomination-receipt';
import { nominationsClosed } from './nominations-closed';
import { passwordChanged } from './password-changed';
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
  WebhookEndpointDisabled: webhookEndpointDisabled,
};

export function letterFor<T extends EventType>(type: T): Letter<T> | undefined {
  return LETTERS[type] as Letter<T> | undefined;
}
