import type { RequestContext } from '../../graphql/context';
import { audit, changedFields } from '../audit/audit.service';
import type { Nomination } from './nomination.entity';

type NominationChange = Partial<Pick<Nomination, 'status' | 'decidedAt'>>;

/** Moves a (locked) nomination on and writes the audit entry of the fields that changed, in the caller's transaction. */
export async function changeNomination(
  tx: RequestContext,
  operation: string,
  nomination: Nomination,
  change: NominationChange,
): Promise<void> {
  const fields = Object.keys(change) as Array<keyof NominationChange>;
  const before = Object.fromEntries(fields.map((f) => [f, nomination[f]]));
  Object.assign(nomination, change);
  await tx.db.save(nomination);
  await audit(tx, { operation, entityType: 'Nomination', entityId: nomination.uuid, ...changedFields(before, change) });
}
