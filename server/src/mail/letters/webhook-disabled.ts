import { fromGlobalId } from '../../graphql/relay/global-id';
import { UserRole } from '../../modules/user/user-role';
import { WebhookEndpoint } from '../../modules/webhook/webhook-endpoint.entity';
import type { Letter } from '../letter';
import { activeUsers } from './letter-reads';

/** To every active ADMIN: an endpoint was disabled after failures in a row, why, and how to enable it again. */
export const webhookEndpointDisabled: Letter<'WebhookEndpointDisabled'> = {
  recipients: (db) => activeUsers(db, { role: UserRole.ADMIN }),
  async compose({ event, loaders, viewer, t }) {
    if (viewer.role !== UserRole.ADMIN) return null;
    const endpoint = await loaders.byId(WebhookEndpoint).load(fromGlobalId(event.payload.endpointId, new Set(['WebhookEndpoint'])).id);
    // Enabled again, or deleted, before the letter went: nothing to tell.
    if (!endpoint || endpoint.isEnabled) return null;
    const url = new URL(endpoint.url);
    const values = { url: `${url.origin}${url.pathname}`, failures: event.payload.failures, at: event.occurredAt };
    return {
      subject: t('webhookEndpointDisabled.subject', values),
      paragraphs: [t('webhookEndpointDisabled.body', values), t('webhookEndpointDisabled.next')],
      facts: [[t('webhookEndpointDisabled.reason'), endpoint.disabledReason ?? '']],
    };
  },
};
