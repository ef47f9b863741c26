import { canSeeUser } from '../../modules/user/user-visibility';
import { User } from '../../modules/user/user.entity';
import type { Letter } from '../letter';
import { uuidOf } from './letter-reads';

/** A security notice to the user whose password changed, at their own address. */
export const passwordChanged: Letter<'PasswordChanged'> = {
  async recipients(db, event) {
    const user = await db.findOneBy(User, { uuid: uuidOf(event.payload.userId, 'User'), isActive: true });
    return user ? [user.uuid] : [];
  },
  async compose({ event, viewer, recipient, t }) {
    if (viewer.userId !== uuidOf(event.payload.userId, 'User') || !canSeeUser(viewer, recipient.uuid)) return null;
    const values = { email: recipient.email, at: event.occurredAt };
    return { subject: t('passwordChanged.subject'), paragraphs: [t('passwordChanged.body', values), t('passwordChanged.notYou')] };
  },
};
