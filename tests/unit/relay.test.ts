import 'reflect-metadata';
// Registers the Node types the ids below name.
import '../../server/src/modules/cohort/cohort.entity';
import '../../server/src/modules/region/region.entity';
import { OrderDirection } from '../../server/src/common/sort-direction';
import { AppError } from '../../server/src/graphql/errors';
import { decodeCursor, encodeCursor, type Ordering } from '../../server/src/graphql/relay/cursor';
import { fromGlobalId, fromGlobalIdOfType, toGlobalId } from '../../server/src/graphql/relay/global-id';
import { pageWindow } from '../../server/src/graphql/relay/paginate';

const UUID = '0a10c991-c066-41f8-9175-6f76af3a987e';
const KNOWN = new Set(['Cohort', 'Region']);

function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.extensions.code : err;
  }
  return 'no error';
}

describe('global ids', () => {
  it('round-trip and are opaque', () => {
    const id = toGlobalId('Cohort', UUID);
    expect(id).not.toContain(UUID);
    expect(fromGlobalId(id, KNOWN)).toEqual({ typeName: 'Cohort', id: UUID });
  });

  it.each([
    ['not base64', 'abc$'],
    ['empty', ''],
    ['unknown type', toGlobalId('Nope', UUID)],
    ['not a uuid', toGlobalId('Cohort', '42')],
    ['padded standard base64', Buffer.from(`Cohort:${UUID}`).toString('base64') + '='],
    ['no separator', Buffer.from('Cohort').toString('base64url')],
  ])('reject %s with INVALID_ID', (_case, id) => {
    expect(codeOf(() => fromGlobalId(id, KNOWN))).toBe('INVALID_ID');
  });

  it('insist on the expected type where one is required, naming the argument', () => {
    expect(codeOf(() => fromGlobalIdOfType(toGlobalId('Region', UUID), 'Cohort', 'filter.cohortId'))).toBe('INVALID_ID');
    expect(() => fromGlobalIdOfType(toGlobalId('Region', UUID), 'Cohort', 'filter.cohortId')).toThrow(
      'filter.cohortId must be the ID of a Cohort.',
    );
    expect(fromGlobalIdOfType(toGlobalId('Cohort', UUID), 'Cohort', 'filter.cohortId')).toBe(UUID);
  });
});

describe('cursors', () => {
  const byName: Ordering = { field: { key: 'name', property: 'name', kind: 'string' }, direction: OrderDirection.ASC };
  const byDate: Ordering = { field: { key: 'created_at', property: 'createdAt', kind: 'date' }, direction: OrderDirection.DESC };

  it('carry the sort value and id of a row', () => {
    const cursor = encodeCursor(byName, { name: 'Rwanda', uuid: UUID });
    expect(decodeCursor(cursor, byName, 'after')).toEqual({ value: 'Rwanda', uuid: UUID });
    const at = new Date('2024-07-04T10:00:00Z');
    expect(decodeCursor(encodeCursor(byDate, { createdAt: at, uuid: UUID }), byDate, 'after')).toEqual({ value: at, uuid: UUID });
  });

  it('are refused by another ordering or when forged', () => {
    const cursor = encodeCursor(byName, { name: 'Rwanda', uuid: UUID });
    expect(codeOf(() => decodeCursor(cursor, { ...byName, direction: OrderDirection.DESC }, 'after'))).toBe('INVALID_CURSOR');
    expect(codeOf(() => decodeCursor(cursor, byDate, 'after'))).toBe('INVALID_CURSOR');
    expect(codeOf(() => decodeCursor('garbage', byName, 'after'))).toBe('INVALID_CURSOR');
    const forged = Buffer.from(JSON.stringify(['name', 'ASC', 5, UUID])).toString('base64url');
    expect(codeOf(() => decodeCursor(forged, byName, 'before'))).toBe('INVALID_CURSOR');
    const notAnId = Buffer.from(JSON.stringify(['name', 'ASC', 'Rwanda', "x' OR 1=1"])).toString('base64url');
    expect(codeOf(() => decodeCursor(notAnId, byName, 'after'))).toBe('INVALID_CURSOR');
    const notADate = Buffer.from(JSON.stringify(['created_at', 'DESC', 'not-a-date', UUID])).toString('base64url');
    expect(codeOf(() => decodeCursor(notADate, byDate, 'after'))).toBe('INVALID_CURSOR');
  });
});

describe('page windows', () => {
  const ordering: Ordering = { field: { key: 'name', property: 'name', kind: 'string' }, direction: OrderDirection.ASC };

  it('default to 20 forwards', () => {
    expect(pageWindow({}, ordering)).toMatchObject({ size: 20, forward: true });
    expect(pageWindow({ last: 5 }, ordering)).toMatchObject({ size: 5, forward: false });
  });

  it.each([[{ first: 101 }], [{ last: 101 }], [{ first: -1 }], [{ first: 1, last: 1 }]])(
    'refuse %j with INVALID_PAGINATION',
    (args) => {
      expect(codeOf(() => pageWindow(args, ordering))).toBe('INVALID_PAGINATION');
    },
  );

  it('accept the cap itself', () => {
    expect(pageWindow({ first: 100 }, ordering).size).toBe(100);
  });
});
