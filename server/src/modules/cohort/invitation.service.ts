import { In } from 'typeorm';
import type { RequestContext } from '../../graphql/context';
import { inputId } from '../../graphql/mutations/input-ids';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { withTransaction } from '../../graphql/transaction';
import { Administration } from '../administration/administration.entity';
import { toGlobalId } from '../../graphql/relay/global-id';
import { recordEvent } from '../../outbox/record-event';
import { audit } from '../audit/audit.service';
import { lockCohort } from './cohort-lock';
import { CohortStatus } from './cohort-status';
import type { Cohort } from './cohort.entity';
import type { InviteAdministrationsInput } from './cohort.inputs';
import { Invitation } from './invitation.entity';

const INVITING = [CohortStatus.PLANNED, CohortStatus.NOMINATIONS_OPEN];

export interface InvitationOutcome {
  cohort: Cohort;
  invited: Invitation[];
  alreadyInvited: Administration[];
  ineligible: Administration[];
}

/** Invitation letters: each eligible administration is invited once per cohort. */
export class InvitationService {
  async invite(ctx: RequestContext, input: InviteAdministrationsInput): Promise<InvitationOutcome> {
    if (input.allEligible === (input.administrationIds.length > 0)) {
      fail(UserErrorCode.INVITEES_UNSPECIFIED, 'Give either administrationIds or allEligible: true.', input.allEligible ? 'allEligible' : 'administrationIds');
    }
    const named = input.administrationIds.map((id, i) => ({ uuid: inputId(id, 'Administration', ['administrationIds', String(i)]), index: i }));
    return withTransaction(ctx, async (tx) => {
      // Locked: concurrent calls for one cohort take turns, so each sees the other's invitations and none trips the unique index.
      const cohort = await lockCohort(tx, input.cohortId);
      if (!INVITING.includes(cohort.status)) {
        fail(UserErrorCode.COHORT_NOT_INVITING, `The cohort is ${cohort.status}; invitations go out while it is PLANNED or NOMINATIONS_OPEN.`, 'cohortId');
      }
      const asked = input.allEligible ? await tx.db.find(Administration, { where: { isEligible: true } }) : await this.administrations(tx, named);
      const invitedBefore = new Set(
        (await tx.db.find(Invitation, { select: { administrationId: true }, where: { cohortId: cohort.uuid } })).map((i) => i.administrationId),
      );
      const byName = (a: Administration, b: Administration) => a.name.localeCompare(b.name);
      const ineligible = asked.filter((a) => !a.isEligible).sort(byName);
      const alreadyInvited = asked.filter((a) => a.isEligible && invitedBefore.has(a.uuid)).sort(byName);
      const toInvite = asked.filter((a) => a.isEligible && !invitedBefore.has(a.uuid)).sort(byName);
      const sentAt = tx.clock.now();
      const invited = toInvite.map((a) => tx.db.create(Invitation, { cohortId: cohort.uuid, administrationId: a.uuid, sentAt }));
      await tx.db.save(invited);
      if (invited.length) {
        await audit(tx, {
          operation: 'inviteAdministrations',
          entityType: 'Cohort',
          entityId: cohort.uuid,
          after: { invitedAdministrationIds: toInvite.map((a) => a.uuid), sentAt },
        });
        // Only the administrations this call invited: those invited before had their letters then.
        await recordEvent(tx, 'AdministrationsInvited', {
          cohortId: toGlobalId('Cohort', cohort.uuid),
          administrationIds: toInvite.map((a) => toGlobalId('Administration', a.uuid)),
        });
      }
      return { cohort, invited, alreadyInvited, ineligible };
    });
  }

  /** The administrations named by ID, each once however often it is named; ADMINISTRATION_NOT_FOUND points at the first unknown one. */
  private async administrations(tx: RequestContext, named: Array<{ uuid: string; index: number }>): Promise<Administration[]> {
    const found = new Map((await tx.db.findBy(Administration, { uuid: In(named.map((n) => n.uuid)) })).map((a) => [a.uuid, a]));
    const unknown = named.find((n) => !found.has(n.uuid));
    if (unknown) fail(UserErrorCode.ADMINISTRATION_NOT_FOUND, 'No administration has this ID.', ['administrationIds', String(unknown.index)]);
    return [...found.values()];
  }
}
