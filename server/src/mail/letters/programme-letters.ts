import { In, Not } from 'typeorm';
import { Administration } from '../../modules/administration/administration.entity';
import { Invitation } from '../../modules/cohort/invitation.entity';
import { CohortStatus } from '../../modules/cohort/cohort-status';
import { FINAL_STATUSES } from '../../modules/nomination/nomination-decision';
import { NominationStatus } from '../../modules/nomination/nomination-status';
import { scopeVisibleNominations } from '../../modules/nomination/nomination-visibility';
import { Nomination } from '../../modules/nomination/nomination.entity';
import { Milestone } from '../../modules/research/milestone.entity';
import { ResearchProject } from '../../modules/research/research-project.entity';
import { canSeeResearch } from '../../modules/research/research-visibility';
import { UserRole } from '../../modules/user/user-role';
import { dayOf } from '../i18n/i18n';
import type { Letter, LetterContext } from '../letter';
import { activeUsers, cohortAndProgramme, uuidOf } from './letter-reads';

/**
 * Outcomes published: to the active focal points of each administration
 * with nominations in the cohort. Each letter lists the outcomes of the
 * recipient's own administration's candidates, read through the same
 * scope as the API's nominations list, and nothing about the others.
 */
export const outcomesPublished: Letter<'OutcomesPublished'> = {
  async recipients(db, event) {
    const rows = await db
      .getRepository(Nomination)
      .createQueryBuilder('n')
      .select('DISTINCT n.administrationId', 'administrationId')
      .where('n.cohortId = :cohortId', { cohortId: uuidOf(event.payload.cohortId, 'Cohort') })
      .andWhere('n.status != :withdrawn', { withdrawn: NominationStatus.WITHDRAWN })
      .getRawMany<{ administrationId: string }>();
    if (!rows.length) return [];
    return activeUsers(db, { role: UserRole.FOCAL_POINT, administrationIds: rows.map((r) => r.administrationId) });
  },

  async compose({ event, db, loaders, viewer, t, publicUrl }) {
    if (viewer.role !== UserRole.FOCAL_POINT || !viewer.administrationId) return null;
    const found = await cohortAndProgramme(loaders, event.payload.cohortId);
    const administration = await loaders.byId(Administration).load(viewer.administrationId);
    if (!found || !administration) return null;
    const qb = db
      .getRepository(Nomination)
      .createQueryBuilder('n')
      .where('n.cohortId = :cohortId', { cohortId: found.cohort.uuid })
      .andWhere('n.status IN (:...decided)', { decided: FINAL_STATUSES })
      .orderBy('n.candidateFullName', 'ASC')
      .addOrderBy('n.uuid', 'ASC');
    const own = await scopeVisibleNominations(qb, 'n', viewer).getMany();
    if (!own.length) return null;
    const values = { cohort: found.cohort.label, programme: found.programme.name, administration: administration.name };
    const selected = own.filter((n) => n.status === NominationStatus.SELECTED).length;
    return {
      subject: t('outcomes.subject', values),
      paragraphs: [
        t('outcomes.body', { ...values, count: own.length }),
        ...(selected ? [t('outcomes.selected', { count: selected })] : []),
        t('outcomes.reserve'),
      ],
      facts: own.map((n) => [n.candidateFullName, t(`outcomes.status.${n.status}`)]),
      action: { label: t('common.openHub'), url: publicUrl },
    };
  },
};

type ResearchEvent = 'ResearchApproved' | 'ResearchReturned' | 'MilestoneDue';

/** To the associate's own user(s). */
const associateUsers: Letter<ResearchEvent>['recipients'] = (db, event) =>
  activeUsers(db, { role: UserRole.ASSOCIATE, associateIds: [uuidOf(event.payload.associateId, 'ProfessionalAssociate')] });

/** The event's research, when the recipient is the associate who carries it out. */
async function ownResearch(ctx: LetterContext<ResearchEvent>): Promise<ResearchProject | null> {
  const { event, loaders, viewer } = ctx;
  const research = await loaders.byId(ResearchProject).load(uuidOf(event.payload.researchId, 'ResearchProject'));
  if (!research || viewer.role !== UserRole.ASSOCIATE || viewer.associateId !== research.associateId || !canSeeResearch(viewer, research)) return null;
  return research;
}

/** A research decision told to its associate: `texts` names the letter; a returned proposal carries the Secretariat's comment. */
function researchDecision<T extends 'ResearchApproved' | 'ResearchReturned'>(
  texts: 'researchApproved' | 'researchReturned',
  comment: (payload: LetterContext<T>['event']['payload']) => string | null,
): Letter<T> {
  return {
    recipients: associateUsers,
    async compose(ctx) {
      const research = await ownResearch(ctx);
      if (!research) return null;
      const { t, event, publicUrl } = ctx;
      const values = { title: research.title, at: event.occurredAt };
      const said = comment(event.payload);
      return {
        subject: t(`${texts}.subject`, values),
        paragraphs: [t(`${texts}.body`, values), ...(said ? [said] : []), t(`${texts}.next`)],
        action: { label: t('common.openHub'), url: publicUrl },
      };
    },
  };
}

/** The research proposal was approved: what comes next. */
export const researchApproved = researchDecision<'ResearchApproved'>('researchApproved', () => null);

/** The research proposal was returned: the Secretariat's comment, and what to do. */
export const researchReturned = researchDecision<'ResearchReturned'>('researchReturned', (payload) => payload.comment);

/** A milestone due within 7 days, or overdue: while it is still open. */
export const milestoneDue: Letter<'MilestoneDue'> = {
  recipients: associateUsers,
  async compose(ctx) {
    const research = await ownResearch(ctx);
    if (!research) return null;
    const { t, event, loaders, publicUrl } = ctx;
    const milestone = await loaders.byId(Milestone).load(uuidOf(event.payload.milestoneId, 'Milestone'));
    if (!milestone || milestone.completedAt || milestone.researchProjectId !== research.uuid) return null;
    const kind = event.payload.overdue ? 'milestoneOverdue' : 'milestoneDue';
    const values = { milestone: milestone.title, research: research.title, due: dayOf(milestone.dueDate) };
    return {
      subject: t(`${kind}.subject`, values),
      paragraphs: [t(`${kind}.body`, values), t('milestoneDue.next')],
      action: { label: t('common.openHub'), url: publicUrl },
    };
  },
};

/**
 * A nomination deadline is near (7 days, then 1 day before): to the active
 * focal points of the invited administrations, while nominations are open,
 * with how many their own administration has nominated so far.
 */
export const nominationDeadlineApproaching: Letter<'NominationDeadlineApproaching'> = {
  async recipients(db, event) {
    const invitations = await db.find(Invitation, { select: { administrationId: true }, where: { cohortId: uuidOf(event.payload.cohortId, 'Cohort') } });
    if (!invitations.length) return [];
    return activeUsers(db, { role: UserRole.FOCAL_POINT, administrationIds: invitations.map((i) => i.administrationId) });
  },

  async compose({ event, db, loaders, viewer, t, publicUrl }) {
    if (viewer.role !== UserRole.FOCAL_POINT || !viewer.administrationId) return null;
    const found = await cohortAndProgramme(loaders, event.payload.cohortId);
    if (!found || found.cohort.status !== CohortStatus.NOMINATIONS_OPEN || found.cohort.nominationDeadline !== event.payload.deadline) return null;
    const invited = await db.existsBy(Invitation, { cohortId: found.cohort.uuid, administrationId: viewer.administrationId });
    const administration = await loaders.byId(Administration).load(viewer.administrationId);
    if (!invited || !administration) return null;
    const count = await db.countBy(Nomination, {
      cohortId: found.cohort.uuid,
      administrationId: viewer.administrationId,
      status: Not(In([NominationStatus.WITHDRAWN])),
    });
    const values = { cohort: found.cohort.label, programme: found.programme.name, administration: administration.name, deadline: dayOf(event.payload.deadline) };
    return {
      subject: t('deadlineReminder.subject', { ...values, count: event.payload.daysBefore }),
      paragraphs: [t('deadlineReminder.body', values), t('deadlineReminder.sofar', { ...values, count }), t('invitation.how')],
      action: { label: t('common.openHub'), url: publicUrl },
    };
  },
};
