import { lockForUpdate } from '../../db/database';
import type { RequestContext } from '../../graphql/context';
import { inputId } from '../../graphql/mutations/input-ids';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { withTransaction } from '../../graphql/transaction';
import { audit, changedFields } from '../audit/audit.service';
import { Administration } from './administration.entity';
import type { UpdateAdministrationInput } from './administration.inputs';

/** The fields updateAdministration corrects, as the audit log follows them (the contact is redacted there). */
const audited = (a: Administration) => ({
  isEligible: a.isEligible,
  focalPointName: a.focalPointName,
  focalPointEmail: a.focalPointEmail,
  focalPointPhone: a.focalPointPhone,
});

const CONTACT = ['focalPointName', 'focalPointEmail', 'focalPointPhone'] as const;

/** Corrections an ADMIN makes to an administration's record. */
export class AdministrationCorrectionService {
  async update(ctx: RequestContext, input: UpdateAdministrationInput): Promise<{ administration: Administration }> {
    const uuid = inputId(input.administrationId, 'Administration', 'administrationId');
    const given = CONTACT.filter((field) => input[field] != null);
    if (input.clearFocalPointContact && given.length) {
      fail(UserErrorCode.INVALID_VALUE, 'Either clear the focal point’s contact or give new values, not both.', given[0]);
    }
    if (input.isEligible == null && !given.length && !input.clearFocalPointContact) {
      fail(UserErrorCode.NOTHING_TO_UPDATE, 'Give isEligible, a focal-point contact field, or clearFocalPointContact.', 'administrationId');
    }
    return withTransaction(ctx, async (tx) => {
      // Locked: a concurrent invitation or correction reads the eligibility this one writes, not the one before.
      const administration = await tx.db.findOne(Administration, { where: { uuid }, lock: lockForUpdate(tx.db) });
      if (!administration) return fail(UserErrorCode.ADMINISTRATION_NOT_FOUND, 'No administration has this ID.', 'administrationId');
      const before = audited(administration);
      if (input.isEligible != null) administration.isEligible = input.isEligible;
      for (const field of CONTACT) {
        if (input.clearFocalPointContact) administration[field] = null;
        else if (input[field] != null) administration[field] = input[field]!;
      }
      const change = changedFields(before, audited(administration));
      if (Object.keys(change.after).length) {
        await tx.db.save(administration);
        await audit(tx, { operation: 'updateAdministration', entityType: 'Administration', entityId: administration.uuid, ...change });
      }
      return { administration };
    });
  }
}
