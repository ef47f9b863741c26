import 'reflect-metadata';
// Registers every Node type, as the server does.
import '../../server/src/db/entities';
import { fromGlobalId, toGlobalId } from '../../server/src/graphql/relay/global-id';
import { nodeTypeNames } from '../../server/src/graphql/relay/node';
import { AUDIT_REFERENCES } from '../../server/src/modules/audit/audit-references';
import { auditable, REDACTED } from '../../server/src/modules/audit/audit.service';

const UUID = '0a10c991-c066-41f8-9175-6f76af3a987e';
const OTHER = '5b3e1f0a-9c2d-4e8f-a1b2-c3d4e5f60718';

describe('references in audit values', () => {
  it('name Node types only, so every one of them is an ID that node(id:) decodes', () => {
    const notNodes = Object.entries(AUDIT_REFERENCES).filter(([, typeName]) => !nodeTypeNames().has(typeName));
    expect(notNodes).toEqual([]);
  });

  it.each(Object.entries(AUDIT_REFERENCES))('%s holds global IDs of type %s', (field, typeName) => {
    const stored = auditable({ [field]: field.endsWith('Ids') ? [UUID, OTHER] : UUID });
    const expected = field.endsWith('Ids') ? [toGlobalId(typeName, UUID), toGlobalId(typeName, OTHER)] : toGlobalId(typeName, UUID);
    expect(stored).toEqual({ [field]: expected });
    for (const id of [stored[field]].flat() as string[]) expect(fromGlobalId(id, nodeTypeNames())).toMatchObject({ typeName });
  });

  it('keeps null references, IDs converted already and every other field as they are', () => {
    const values = { cohortId: null, programmeId: toGlobalId('Programme', UUID), invitedAdministrationIds: [], status: 'SUBMITTED', capacity: 3, title: UUID };
    expect(auditable(values)).toEqual(values);
    const once = auditable({ nominationId: UUID, reviewerId: OTHER, score: 4 });
    expect(auditable(once)).toEqual(once);
  });

  it('still redacts personal values and writes dates as ISO strings', () => {
    expect(auditable({ email: 'a@b.example', submittedAt: new Date('2026-11-26T12:00:00.000Z'), associateId: UUID })).toEqual({
      email: REDACTED,
      submittedAt: '2026-11-26T12:00:00.000Z',
      associateId: toGlobalId('ProfessionalAssociate', UUID),
    });
  });

  it.each(['supervisorId', 'sessionIds'])('refuses %s, a reference field with no type, rather than log a raw UUID', (field) => {
    expect(() => auditable({ [field]: UUID })).toThrow(`audit value "${field}" looks like a reference but AUDIT_REFERENCES names no type for it`);
    // Absent references need no type.
    expect(auditable({ [field]: null })).toEqual({ [field]: null });
  });
});
