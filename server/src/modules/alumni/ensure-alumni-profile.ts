import type { RequestContext } from '../../graphql/context';
import { lockForUpdate } from '../../db/database';
import { audit } from '../audit/audit.service';
import { AlumniProfile } from './alumni-profile.entity';

/**
 * The associate's alumni profile, created inside the caller's transaction
 * when there is none yet (with its own audit entry). A profile exists once a
 * placement is COMPLETED; records from before this rule may lack one.
 */
export async function ensureAlumniProfile(tx: RequestContext, associateId: string, operation: string): Promise<AlumniProfile> {
  const existing = await tx.db.findOne(AlumniProfile, { where: { associateId }, lock: lockForUpdate(tx.db) });
  if (existing) return existing;
  const profile = await tx.db.save(tx.db.create(AlumniProfile, { associateId, currentPosition: null, isLiaisonPoint: false }));
  await audit(tx, {
    operation,
    entityType: 'AlumniProfile',
    entityId: profile.uuid,
    after: { associateId, currentPosition: null, isLiaisonPoint: false },
  });
  return profile;
}
