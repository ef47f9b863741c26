import { NominationStatus } from '../../modules/nomination/nomination-status';
import { scopeVisibleNominations } from '../../modules/nomination/nomination-visibility';
import { Nomination } from '../../modules/nomination/nomination.entity';
import { Review } from '../../modules/nomination/review.entity';
import { UserRole } from '../../modules/user/user-role';
import type { Letter } from '../letter';
import { activeUsers, cohortAndProgramme, uuidOf } from './letter-reads';

/** Nominations still to be decided: those a reviewer can still review. */
const UNDECIDED = [NominationStatus.SUBMITTED, NominationStatus.SHORTLISTED];

/**
 * Nominations are closed: to every active REVIEWER, with how many of the
 * cohort's undecided nominations they have not reviewed yet. The count is
 * theirs alone: other reviewers' reviews are only excluded for themselves.
 */
export const nominationsClosed: Letter<'NominationsClosed'> = {
  recipients: (db) => activeUsers(db, { role: UserRole.REVIEWER }),

  async compose({ event, db, loaders, viewer, t, publicUrl }) {
    if (viewer.role !== UserRole.REVIEWER) return null;
    const found = await cohortAndProgramme(loaders, event.payload.cohortId);
    if (!found) return null;
    const qb = db
      .getRepository(Nomination)
      .createQueryBuilder('n')
      .where('n.cohortId = :cohortId', { cohortId: uuidOf(event.payload.cohortId, 'Cohort') })
      .andWhere('n.status IN (:...undecided)', { undecided: UNDECIDED })
      .andWhere(`NOT EXISTS (SELECT 1 FROM ${db.connection.getMetadata(Review).tableName} r WHERE r."nominationId" = n.uuid AND r."reviewerId" = :reviewerId)`, {
        reviewerId: viewer.userId,
      });
    const count = await scopeVisibleNominations(qb, 'n', viewer).getCount();
    const values = { cohort: found.cohort.label, programme: found.programme.name, at: event.occurredAt, count };
    return {
      subject: t('nominationsClosed.subject', values),
      paragraphs: [t('nominationsClosed.body', values), t('nominationsClosed.awaiting', values), t('nominationsClosed.blind')],
      action: { label: t('common.openHub'), url: publicUrl },
    };
  },
};
