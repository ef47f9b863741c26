import { Administration } from '../../modules/administration/administration.entity';
import { canSeeNomination } from '../../modules/nomination/nomination-visibility';
import { Nomination } from '../../modules/nomination/nomination.entity';
import { User } from '../../modules/user/user.entity';
import type { Letter } from '../letter';
import { cohortAndProgramme, uuidOf } from './letter-reads';

type ReceiptEvent = 'NominationSubmitted' | 'NominationWithdrawn';

/**
 * The receipt of a submission or withdrawal: to the user who made it (the
 * focal point, or an ADMIN acting for an administration), while they may
 * still see the nomination.
 */
function receipt<T extends ReceiptEvent>(texts: 'nominationSubmitted' | 'nominationWithdrawn'): Letter<T> {
  return {
    async recipients(db, event) {
      if (!event.actorId) return [];
      const actor = await db.findOneBy(User, { uuid: event.actorId, isActive: true });
      return actor ? [actor.uuid] : [];
    },

    async compose({ event, loaders, viewer, t, publicUrl }) {
      const nomination = await loaders.byId(Nomination).load(uuidOf(event.payload.nominationId, 'Nomination'));
      if (!nomination || !canSeeNomination(viewer, nomination)) return null;
      const found = await cohortAndProgramme(loaders, event.payload.cohortId);
      const administration = await loaders.byId(Administration).load(nomination.administrationId);
      if (!found || !administration) return null;
      const values = { candidate: nomination.candidateFullName, administration: administration.name, cohort: found.cohort.label, at: event.occurredAt };
      return {
        subject: t(`${texts}.subject`, values),
        paragraphs: [t(`${texts}.body`, values), t(`${texts}.next`)],
        action: { label: t('common.openHub'), url: publicUrl },
      };
    },
  };
}

export const nominationSubmitted = receipt<'NominationSubmitted'>('nominationSubmitted');
export const nominationWithdrawn = receipt<'NominationWithdrawn'>('nominationWithdrawn');
