/**
 * Selection decisions over HTTP (issue #8): decideNomination's allowed
 * moves, the Professional Associate that SELECTED creates in the same
 * transaction, and the cohort's capacity, also when two selections race for
 * the last seat. Cohorts in SELECTION are arranged directly in the database:
 * the cohort workflow is not what is under test here.
 */
import { randomUUID } from 'node:crypto';
import { Not, type DataSource } from 'typeorm';
import { fromGlobalIdOfType } from '../../server/src/graphql/relay/global-id';
import type { Administration } from '../../server/src/modules/administration/administration.entity';
import { AssociateStatus } from '../../server/src/modules/associate/associate-enums';
import { ProfessionalAssociate } from '../../server/src/modules/associate/associate.entity';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity';
import { CohortStatus } from '../../server/src/modules/cohort/cohort-status';
import type { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { NominationStatus } from '../../server/src/modules/nomination/nomination-status';
import { Nomination } from '../../server/src/modules/nomination/nomination.entity';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/db/seed/demo-users';
import { UserRole } from '../../server/src/modules/user/user-role';
import { arrangeAssociates, arrangeCohort, arrangeNomination, demoCohort, focalAdministration, gid } from '../support/arrange-nominations';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TEST_NOW, type Caller, type GraphQLResponse, type TestServer } from '../support/server';
import { payloadOf, refusal } from '../support/mutation-results';
import { expectUnchanged } from '../support/unchanged';

const DECIDE = `mutation ($input: DecideNominationInput!) {
  decideNomination(input: $input) {
    nomination { id status decidedAt }
    associate {
      id status fullName email phone languages isSampleData directorate supervisorName startDate endDate
      cohort { label } administration { iso2 }
    }
    userErrors { code field message }
  }
}`;
const COHORT_ASSOCIATES = `query ($label: String!) {
  cohort(label: $label) { associates(first: 100) { totalCount nodes { id fullName email status } } }
}`;

type Decision = 'SHORTLISTED' | 'SELECTED' | 'RESERVE' | 'NOT_SELECTED';

/** The decideNomination payload of an answered request. */
const decided = (result: GraphQLResponse) => payloadOf(result, 'decideNomination');
const refused = (result: GraphQLResponse) => refusal(result, 'decideNomination');

describeEachDatabase('selection decisions', (kind) => {
  let server: TestServer;
  let ds: DataSource;
  let admin: Caller;
  let focal: Administration;

  const decide = (nomination: Nomination | string, decision: Decision, caller: Caller = admin) =>
    caller.graphql(DECIDE, {
      input: { nominationId: typeof nomination === 'string' ? nomination : gid('Nomination', nomination.uuid), decision },
    });
  const statusOf = async (n: Nomination) => (await ds.getRepository(Nomination).findOneByOrFail({ uuid: n.uuid })).status;
  /** Associates holding a seat: all but those who DECLINED before the start. */
  const seated = (cohort: Cohort) =>
    ds.getRepository(ProfessionalAssociate).countBy({ cohortId: cohort.uuid, status: Not(AssociateStatus.DECLINED) });

  /** A cohort in SELECTION with `taken` of its `capacity` seats held, and a nomination per status given. */
  async function selection(capacity: number | null, taken: number, statuses: NominationStatus[]) {
    const cohort = await arrangeCohort(ds, { status: CohortStatus.SELECTION, capacity, invited: [focal] });
    await arrangeAssociates(ds, cohort, focal, taken);
    const nominations: Nomination[] = [];
    for (const status of statuses) nominations.push(await arrangeNomination(ds, { cohort, administration: focal, status }));
    return { cohort, nominations };
  }

  beforeAll(async () => {
    server = await startTestServer(kind);
    ds = server.database.dataSource;
    admin = await server.as(UserRole.ADMIN);
    focal = await focalAdministration(ds);
  });
  afterAll(async () => server?.close());

  it('shortlists a SUBMITTED nomination without deciding it, and records the change', async () => {
    const {
      nominations: [n],
    } = await selection(10, 0, [NominationStatus.SUBMITTED]);
    expect(decided(await decide(n, 'SHORTLISTED'))).toEqual({
      userErrors: [],
      nomination: { id: gid('Nomination', n.uuid), status: 'SHORTLISTED', decidedAt: null },
      associate: null,
    });
    const entry = await ds.getRepository(AuditEntry).findOneByOrFail({ operation: 'decideNomination', entityId: n.uuid });
    expect(entry).toMatchObject({ actorLabel: 'user:ADMIN', entityType: 'Nomination' });
    // Only what changed: shortlisting decides nothing yet.
    expect([entry.before, entry.after]).toEqual([{ status: 'SUBMITTED' }, { status: 'SHORTLISTED' }]);
  });

  it('declines a SUBMITTED nomination at once (NOT_SELECTED), stamping decidedAt', async () => {
    const {
      nominations: [n],
    } = await selection(10, 0, [NominationStatus.SUBMITTED]);
    expect(decided(await decide(n, 'NOT_SELECTED'))).toMatchObject({
      userErrors: [],
      nomination: { status: 'NOT_SELECTED', decidedAt: TEST_NOW },
      associate: null,
    });
    const entry = await ds.getRepository(AuditEntry).findOneByOrFail({ operation: 'decideNomination', entityId: n.uuid });
    expect([entry.before, entry.after]).toEqual([
      { status: 'SUBMITTED', decidedAt: null },
      { status: 'NOT_SELECTED', decidedAt: TEST_NOW },
    ]);
  });

  it('selects a SHORTLISTED candidate: the Professional Associate is created from the candidate, in the cohort, and listed', async () => {
    const {
      cohort,
      nominations: [n],
    } = await selection(10, 3, [NominationStatus.SHORTLISTED]);
    const payload = decided(await decide(n, 'SELECTED'));
    expect(payload).toEqual({
      userErrors: [],
      nomination: { id: gid('Nomination', n.uuid), status: 'SELECTED', decidedAt: TEST_NOW },
      associate: {
        id: expect.any(String),
        status: 'ASSIGNED',
        fullName: n.candidateFullName,
        email: n.candidateEmail,
        phone: null,
        languages: ['en', 'fr'],
        isSampleData: false,
        directorate: null,
        supervisorName: null,
        startDate: null,
        endDate: null,
        cohort: { label: cohort.label },
        administration: { iso2: focal.iso2 },
      },
    });
    const { cohort: listed } = await admin.data(COHORT_ASSOCIATES, { label: cohort.label });
    expect(listed.associates.totalCount).toBe(4);
    expect(listed.associates.nodes).toContainEqual({
      id: payload.associate.id,
      fullName: n.candidateFullName,
      email: n.candidateEmail,
      status: 'ASSIGNED',
    });
    const row = await ds
      .getRepository(ProfessionalAssociate)
      .findOneByOrFail({ uuid: fromGlobalIdOfType(payload.associate.id, 'ProfessionalAssociate', 'id') });
    expect(row).toMatchObject({ nominationId: n.uuid, cohortId: cohort.uuid, administrationId: focal.uuid });

    const created = await ds
      .getRepository(AuditEntry)
      .findOneByOrFail({ operation: 'decideNomination', entityType: 'ProfessionalAssociate', entityId: row.uuid });
    expect(created.after).toMatchObject({ nominationId: gid('Nomination', n.uuid), cohortId: gid('Cohort', cohort.uuid), fullName: '[redacted]', email: '[redacted]', status: 'ASSIGNED' });
    expect(JSON.stringify(created)).not.toContain(n.candidateEmail);
  });

  it('puts a SHORTLISTED nomination on RESERVE, and selects it when the seated associate declines, not while they have only withdrawn after starting', async () => {
    const {
      cohort,
      nominations: [n],
    } = await selection(1, 1, [NominationStatus.SHORTLISTED]);
    expect(decided(await decide(n, 'RESERVE'))).toMatchObject({
      userErrors: [],
      nomination: { status: 'RESERVE', decidedAt: TEST_NOW },
      associate: null,
    });
    const full = await expectUnchanged(ds, () => decide(n, 'SELECTED'));
    expect(refused(full)).toEqual([['COHORT_FULL', ['input', 'decision']]]);
    // A placement that started and ended early keeps its seat: the associate counts for the cohort.
    await ds.getRepository(ProfessionalAssociate).update({ cohortId: cohort.uuid }, { status: AssociateStatus.WITHDRAWN });
    expect(refused(await expectUnchanged(ds, () => decide(n, 'SELECTED')))).toEqual([['COHORT_FULL', ['input', 'decision']]]);
    // One who declined before the start frees it.
    await ds.getRepository(ProfessionalAssociate).update({ cohortId: cohort.uuid }, { status: AssociateStatus.DECLINED });
    expect(decided(await decide(n, 'SELECTED'))).toMatchObject({
      userErrors: [],
      nomination: { status: 'SELECTED' },
      associate: { status: 'ASSIGNED' },
    });
    expect(await seated(cohort)).toBe(1);
  });

  it('declines a RESERVE nomination (NOT_SELECTED)', async () => {
    const {
      nominations: [n],
    } = await selection(10, 0, [NominationStatus.RESERVE]);
    expect(decided(await decide(n, 'NOT_SELECTED'))).toMatchObject({
      userErrors: [],
      nomination: { status: 'NOT_SELECTED' },
      associate: null,
    });
  });

  it.each<[NominationStatus, Decision]>([
    [NominationStatus.SUBMITTED, 'SELECTED'],
    [NominationStatus.SUBMITTED, 'RESERVE'],
    [NominationStatus.SHORTLISTED, 'SHORTLISTED'],
    [NominationStatus.RESERVE, 'SHORTLISTED'],
    [NominationStatus.RESERVE, 'RESERVE'],
    [NominationStatus.SELECTED, 'NOT_SELECTED'],
    [NominationStatus.SELECTED, 'SELECTED'],
    [NominationStatus.NOT_SELECTED, 'SELECTED'],
    [NominationStatus.NOT_SELECTED, 'SHORTLISTED'],
  ])('refuses %s → %s: INVALID_DECISION', async (from, decision) => {
    const {
      nominations: [n],
    } = await selection(10, 0, [from]);
    const result = await expectUnchanged(ds, () => decide(n, decision));
    expect(refused(result)).toEqual([['INVALID_DECISION', ['input', 'decision']]]);
    expect(await statusOf(n)).toBe(from);
  });

  it('refuses a withdrawn nomination: NOMINATION_WITHDRAWN', async () => {
    const {
      nominations: [n],
    } = await selection(10, 0, [NominationStatus.WITHDRAWN]);
    const result = await expectUnchanged(ds, () => decide(n, 'SHORTLISTED'));
    expect(refused(result)).toEqual([['NOMINATION_WITHDRAWN', ['input', 'nominationId']]]);
  });

  it('refuses while the cohort is not in SELECTION: COHORT_NOT_IN_SELECTION', async () => {
    // The seeded demonstration cohort is still NOMINATIONS_OPEN.
    const demo = await demoCohort(ds);
    const seeded = await ds.getRepository(Nomination).findOneByOrFail({ cohortId: demo.uuid });
    for (const [cohort, n] of [
      [demo, seeded],
      ...(await Promise.all(
        [CohortStatus.IN_PROGRESS, CohortStatus.CANCELLED].map(async (status) => {
          const other = await arrangeCohort(ds, { status, invited: [focal] });
          return [
            other,
            await arrangeNomination(ds, { cohort: other, administration: focal, status: NominationStatus.SHORTLISTED }),
          ] as const;
        }),
      )),
    ] as Array<readonly [Cohort, Nomination]>) {
      const result = await expectUnchanged(ds, () => decide(n, n.status === NominationStatus.SUBMITTED ? 'SHORTLISTED' : 'SELECTED'));
      expect({ cohort: cohort.status, errors: refused(result) }).toEqual({
        cohort: cohort.status,
        errors: [['COHORT_NOT_IN_SELECTION', ['input', 'nominationId']]],
      });
    }
  });

  it('refuses a selection when every seat is taken: COHORT_FULL', async () => {
    const {
      cohort,
      nominations: [n],
    } = await selection(2, 2, [NominationStatus.SHORTLISTED]);
    const result = await expectUnchanged(ds, () => decide(n, 'SELECTED'));
    expect(refused(result)).toEqual([['COHORT_FULL', ['input', 'decision']]]);
    expect(await statusOf(n)).toBe(NominationStatus.SHORTLISTED);
    expect(await seated(cohort)).toBe(2);
    // Other decisions need no seat.
    expect(decided(await decide(n, 'RESERVE')).userErrors).toEqual([]);
  });

  it('selects without limit when the capacity is not known', async () => {
    const {
      nominations: [n],
    } = await selection(null, 12, [NominationStatus.SHORTLISTED]);
    expect(decided(await decide(n, 'SELECTED'))).toMatchObject({ userErrors: [], associate: { status: 'ASSIGNED' } });
  });

  it('refuses an unknown nomination (NOMINATION_NOT_FOUND) and an ID of another type (INVALID_ID)', async () => {
    const unknown = await expectUnchanged(ds, () => decide(gid('Nomination', randomUUID()), 'SHORTLISTED'));
    expect(refused(unknown)).toEqual([['NOMINATION_NOT_FOUND', ['input', 'nominationId']]]);
    const wrongType = await expectUnchanged(ds, () => decide(gid('Administration', focal.uuid), 'SHORTLISTED'));
    expect(refused(wrongType)).toEqual([['INVALID_ID', ['input', 'nominationId']]]);
  });

  it('never exceeds the capacity when two ADMIN requests select for the last seat at the same moment', async () => {
    // Two sessions, as two secretariat members would have.
    const [first, second] = await Promise.all([1, 2].map(() => server.signIn(DEMO_USERS.ADMIN.email, DEMO_PASSWORD)));
    for (let round = 0; round < 4; round++) {
      const capacity = 3;
      const { cohort, nominations } = await selection(capacity, capacity - 1, [NominationStatus.SHORTLISTED, NominationStatus.SHORTLISTED]);
      const results = await Promise.all([decide(nominations[0], 'SELECTED', first), decide(nominations[1], 'SELECTED', second)]);
      const outcomes = results.map((r) => {
        const p = decided(r);
        return p.userErrors.length ? p.userErrors.map((e: { code: string }) => e.code).join() : p.associate.status;
      });
      expect({ round, outcomes: [...outcomes].sort() }).toEqual({ round, outcomes: ['ASSIGNED', 'COHORT_FULL'] });
      expect({ round, seated: await seated(cohort) }).toEqual({ round, seated: capacity });
      const loser = nominations[outcomes.indexOf('COHORT_FULL')];
      expect(await statusOf(loser)).toBe(NominationStatus.SHORTLISTED);
      expect(await ds.getRepository(AuditEntry).countBy({ entityId: loser.uuid })).toBe(0);
    }
  });
});
