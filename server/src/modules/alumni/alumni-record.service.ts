import { isoDate } from '../../common/clock';
import type { RequestContext } from '../../graphql/context';
import { inputId } from '../../graphql/mutations/input-ids';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { withTransaction } from '../../graphql/transaction';
import { AssociateStatus } from '../associate/associate-enums';
import { assertActsFor } from '../associate/associate-ownership';
import { lockAssociate } from '../associate/find-associate';
import { audit, changedFields } from '../audit/audit.service';
import { AlumniActivity } from './alumni-activity.entity';
import type { AlumniProfile } from './alumni-profile.entity';
import { ensureAlumniProfile } from './ensure-alumni-profile';
import type { RecordAlumniActivityInput, UpdateAlumniProfileInput } from './alumni.inputs';

const auditedProfile = (p: AlumniProfile) => ({ currentPosition: p.currentPosition, isLiaisonPoint: p.isLiaisonPoint });

/** What alumni keep on record themselves (or the secretariat for them), once their placement is COMPLETED. */
export class AlumniRecordService {
  async updateProfile(ctx: RequestContext, input: UpdateAlumniProfileInput): Promise<{ alumniProfile: AlumniProfile }> {
    return this.forAlumnus(ctx, input.associateId, async (tx, profile) => {
      const before = auditedProfile(profile);
      if (input.currentPosition != null) profile.currentPosition = input.currentPosition || null;
      if (input.isLiaisonPoint != null) profile.isLiaisonPoint = input.isLiaisonPoint;
      await tx.db.save(profile);
      const change = changedFields(before, auditedProfile(profile));
      if (Object.keys(change.after).length) {
        await audit(tx, { operation: 'updateAlumniProfile', entityType: 'AlumniProfile', entityId: profile.uuid, ...change });
      }
      return { alumniProfile: profile };
    });
  }

  async recordActivity(ctx: RequestContext, input: RecordAlumniActivityInput): Promise<{ activity: AlumniActivity }> {
    const date = isoDate(input.date);
    return this.forAlumnus(ctx, input.associateId, async (tx, profile) => {
      if (date > isoDate(tx.clock.now())) fail(UserErrorCode.DATE_IN_FUTURE, 'The activity is dated after today; record it once it has happened.', 'date');
      const activity = await tx.db.save(
        tx.db.create(AlumniActivity, {
          alumniProfileId: profile.uuid,
          kind: input.kind,
          date,
          title: input.title,
          description: input.description || null,
        }),
      );
      await audit(tx, {
        operation: 'recordAlumniActivity',
        entityType: 'AlumniActivity',
        entityId: activity.uuid,
        after: { alumniProfileId: profile.uuid, kind: activity.kind, date, title: activity.title },
      });
      return { activity };
    });
  }

  /** Runs `work` on the profile of an associate the viewer acts for, whose placement is COMPLETED. */
  private forAlumnus<T>(ctx: RequestContext, associateId: string, work: (tx: RequestContext, profile: AlumniProfile) => Promise<T>): Promise<T> {
    const uuid = inputId(associateId, 'ProfessionalAssociate', 'associateId');
    assertActsFor(ctx, uuid, 'this alumni record');
    return withTransaction(ctx, async (tx) => {
      const associate = await lockAssociate(tx, uuid, 'associateId');
      if (associate.status !== AssociateStatus.COMPLETED) {
        fail(UserErrorCode.PLACEMENT_NOT_COMPLETED, `The placement is ${associate.status}; alumni records start once it is COMPLETED.`, 'associateId');
      }
      return work(tx, await ensureAlumniProfile(tx, associate.uuid, 'createAlumniProfile'));
    });
  }
}
