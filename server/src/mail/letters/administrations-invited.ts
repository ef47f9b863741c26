import { Administration } from '../../modules/administration/administration.entity';
import { UserRole } from '../../modules/user/user-role';
import { dayOf } from '../i18n/i18n';
import type { Letter } from '../letter';
import { activeUsers, cohortAndProgramme, uuidOf } from './letter-reads';

/**
 * The invitation letter: to every active FOCAL_POINT of each administration
 * the call invited. Each names the recipient's own administration only, so
 * no focal point learns which others were invited.
 */
export const administrationsInvited: Letter<'AdministrationsInvited'> = {
  recipients: (db, event) =>
    activeUsers(db, { role: UserRole.FOCAL_POINT, administrationIds: event.payload.administrationIds.map((id) => uuidOf(id, 'Administration')) }),

  async compose({ event, loaders, viewer, t, publicUrl }) {
    const invited = event.payload.administrationIds.map((id) => uuidOf(id, 'Administration'));
    // A focal point acts for one administration: it hears of its own invitation, and only while it still acts for it.
    if (viewer.role !== UserRole.FOCAL_POINT || !viewer.administrationId || !invited.includes(viewer.administrationId)) return null;
    const found = await cohortAndProgramme(loaders, event.payload.cohortId);
    const administration = await loaders.byId(Administration).load(viewer.administrationId);
    if (!found || !administration) return null;
    const { cohort, programme } = found;
    const names = { cohort: cohort.label, programme: programme.name, administration: administration.name };
    return {
      subject: t('invitation.subject', names),
      paragraphs: [
        t('invitation.intro', names),
        ...(cohort.nominationDeadline ? [t('invitation.deadline', { deadline: dayOf(cohort.nominationDeadline) })] : []),
        ...(cohort.capacity != null ? [t('invitation.seats', { count: cohort.capacity })] : []),
        t('invitation.how'),
      ],
      action: { label: t('common.openHub'), url: publicUrl },
    };
  },
};
