import { isUuid, toGlobalId } from '../../graphql/relay/global-id';

/**
 * The Node type each reference field of an audit entry's values names. Audit
 * values are read by clients, who know objects by their global IDs only
 * (node(id:), the auditLog filters), so references are stored as global IDs.
 * A field of a list of references ends in "Ids".
 */
export const AUDIT_REFERENCES: Readonly<Record<string, string>> = Object.freeze({
  actorId: 'User',
  administrationId: 'Administration',
  alumniProfileId: 'AlumniProfile',
  associateId: 'ProfessionalAssociate',
  ceremonyId: 'Event',
  certificateId: 'Certificate',
  cohortId: 'Cohort',
  eventId: 'Event',
  invitedAdministrationIds: 'Administration',
  milestoneId: 'Milestone',
  nominationId: 'Nomination',
  presentedAtId: 'Event',
  programmeId: 'Programme',
  researchProjectId: 'ResearchProject',
  reviewerId: 'User',
  userId: 'User',
});

/** A field that, by its name, holds the ID of another object or a list of them. */
const REFERENCE_NAME = /Ids?$/;

/**
 * The value of a reference field as the audit log keeps it: each UUID becomes
 * the global ID of its type. Anything else (null, an ID converted already)
 * stays as it is. A field named like a reference but missing from
 * AUDIT_REFERENCES throws, so that a new one cannot reach the log as a raw
 * UUID that no query accepts: the tests of its mutation fail instead.
 */
export function auditReference(field: string, value: unknown): unknown {
  const typeName = Object.hasOwn(AUDIT_REFERENCES, field) ? AUDIT_REFERENCES[field] : undefined;
  if (!typeName) {
    if (REFERENCE_NAME.test(field) && value != null) {
      throw new Error(`audit value "${field}" looks like a reference but AUDIT_REFERENCES names no type for it`);
    }
    return value;
  }
  const convert = (v: unknown) => (isUuid(v) ? toGlobalId(typeName, v) : v);
  return Array.isArray(value) ? value.map(convert) : convert(value);
}
