/**
 * The cohort workflow over HTTP (issue #8, part A): createCohort,
 * transitionCohort and inviteAdministrations, one test per rule with its
 * UserErrorCode, each refusal leaving the database as it was.
 */
import { randomUUID } from 'node:crypto';
import { toGlobalId } from '../../server/src/graphql/relay/global-id';
import { Administration } from '../../server/src/modules/administration/administration.entity';
import { AssociateStatus } from '../../server/src/modules/associate/associate-enums';
import { ProfessionalAssociate } from '../../server/src/modules/associate/associate.entity';
import { CohortStatus } from '../../server/src/modules/cohort/cohort-status';
import { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { Invitation } from '../../server/src/modules/cohort/invitation.entity';
import { Region } from '../../server/src/modules/region/region.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { insert } from '../support/arrange';
import { arrangeCohort, expectAdminOnly, expectUserErrors, freshLabel, insertOtherProgramme, uuidOf, yearDates } from '../support/cohort-workflow';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TEST_NOW, type Caller, type TestServer } from '../support/server';
import { expectUnchanged } from '../support/unchanged';

const COHORT_FIELDS = 'id label status capacity note invitationDate nominationDeadline selectionDate notificationDate startDate startDatePrecision endDate programme { code }';
const CREATE = `mutation ($input: CreateCohortInput!) {
  createCohort(input: $input) { cohort { ${COHORT_FIELDS} } userErrors { code field message } }
}`;
const TRANSITION = `mutation ($input: TransitionCohortInput!) {
  transitionCohort(input: $input) { cohort { id status } userErrors { code field message } }
}`;
const INVITE = `mutation ($input: InviteAdministrationsInput!) {
  inviteAdministrations(input: $input) {
    cohort { id }
    invited { id sentAt administration { id iso2 } cohort { id } }
    alreadyInvited { iso2 }
    ineligible { iso2 }
    userErrors { code field message }
  }
}`;
const COHORT_BY_LABEL = `query ($label: String!, $programmeCode: String! = "WCO-JAPAN-CDP") { cohort(label: $label, programmeCode: $programmeCode) { ${COHORT_FIELDS} invitations(first: 100) { totalCount nodes { sentAt administration { iso2 } } } } }`;
const AUDIT = `query ($entityId: ID!, $operation: String!) {
  auditLog(first: 20, filter: { entityId: $entityId, operationIn: [$operation] }) { totalCount nodes { actorLabel entityType before after } }
}`;

const DEMO_LABEL = '2027-2028';
/** The demonstration cohort's programme. */
const DEMO = { label: DEMO_LABEL, programmeCode: 'CDP-DEMO' };

describeEachDatabase('cohort workflow', (kind) => {
  let server: TestServer;
  let admin: Caller;
  /** Administration global IDs by ISO code. */
  const administrations = new Map<string, string>();

  beforeAll(async () => {
    server = await startTestServer(kind);
    admin = await server.as(UserRole.ADMIN);
    // Japan funds the programme and is not eligible to nominate: the one ineligible administration.
    const ap = await server.database.dataSource.getRepository(Region).findOneByOrFail({ code: 'AP' as never });
    await insert(server.database.dataSource, Administration, { iso2: 'JP', name: 'Japan', regionId: ap.uuid, isEligible: false });
    const { administrations: page } = await admin.data('{ administrations(first: 100) { nodes { id iso2 } } }');
    for (const a of page.nodes) administrations.set(a.iso2, a.id);
  });
  afterAll(async () => server?.close());

  const adminId = (iso2: string) => administrations.get(iso2)!;
  const statusOf = async (cohortId: string) => (await server.database.dataSource.getRepository(Cohort).findOneByOrFail({ uuid: uuidOf(cohortId) })).status;
  const auditOf = async (entityId: string, operation: string) => (await admin.data(AUDIT, { entityId, operation })).auditLog;
  const demoCohortId = async () => (await admin.data(COHORT_BY_LABEL, DEMO)).cohort.id as string;

  describe('createCohort', () => {
    const input = (overrides: Record<string, unknown> = {}) => ({ label: freshLabel(), capacity: 12, dates: yearDates(2031), ...overrides });

    it('creates a PLANNED cohort with its capacity and dates (the start known to the DAY), readable by label, and audits it', async () => {
      const given = input({ note: '  Pilot year.  ' });
      const { createCohort } = await admin.data(CREATE, { input: given });
      expect(createCohort.userErrors).toEqual([]);
      const expected = {
        id: expect.any(String),
        label: given.label,
        status: 'PLANNED',
        capacity: 12,
        note: 'Pilot year.',
        ...yearDates(2031),
        startDatePrecision: 'DAY',
        programme: { code: 'WCO-JAPAN-CDP' },
      };
      expect(createCohort.cohort).toEqual(expected);
      const { cohort } = await server.data(COHORT_BY_LABEL, { label: given.label });
      expect(cohort).toEqual({ ...expected, id: createCohort.cohort.id, invitations: { totalCount: 0, nodes: [] } });
      const log = await auditOf(createCohort.cohort.id, 'createCohort');
      expect(log.totalCount).toBe(1);
      expect(log.nodes[0]).toMatchObject({ actorLabel: 'user:ADMIN', entityType: 'Cohort', before: null });
      expect(log.nodes[0].after).toMatchObject({ label: given.label, status: 'PLANNED', capacity: 12, ...yearDates(2031) });
    });

    it('names the programme by ID or code, and both when they agree', async () => {
      const { programme } = await admin.data('{ programme(code: "WCO-JAPAN-CDP") { id } }');
      for (const naming of [{ programmeId: programme.id }, { programmeCode: 'WCO-JAPAN-CDP' }, { programmeId: programme.id, programmeCode: 'WCO-JAPAN-CDP' }]) {
        const { createCohort } = await admin.data(CREATE, { input: input(naming) });
        expect({ naming, errors: createCohort.userErrors, code: createCohort.cohort?.programme.code }).toEqual({ naming, errors: [], code: 'WCO-JAPAN-CDP' });
      }
    });

    it('COHORT_LABEL_TAKEN: the programme has a cohort with the label', async () => {
      await expectUserErrors(server, admin, 'createCohort', CREATE, { input: input({ label: '2023-2024' }) }, [['COHORT_LABEL_TAKEN', ['input', 'label']]]);
    });

    it('COHORT_LABEL_TAKEN for the loser of two concurrent creations of one label, never an internal error', async () => {
      const label = freshLabel();
      const results = await Promise.all([0, 1].map(() => admin.graphql(CREATE, { input: input({ label }) })));
      expect(results.map((r) => r.errors)).toEqual([undefined, undefined]);
      const codes = results.map((r) => r.data.createCohort.userErrors.map((e: any) => e.code).join()).sort();
      expect(codes).toEqual(['', 'COHORT_LABEL_TAKEN']);
      expect(await server.database.dataSource.getRepository(Cohort).countBy({ label })).toBe(1);
    });

    it.each([['2027-2029'], ['2028-2027'], ['27-28'], ['2027/2028'], ['2027-2028x']])('COHORT_LABEL_INVALID: "%s" is not two consecutive years', async (label) => {
      await expectUserErrors(server, admin, 'createCohort', CREATE, { input: input({ label }) }, [['COHORT_LABEL_INVALID', ['input', 'label']]]);
    });

    it.each([[0], [51], [-3]])('CAPACITY_OUT_OF_RANGE: capacity %i is not 1 to 50', async (capacity) => {
      await expectUserErrors(server, admin, 'createCohort', CREATE, { input: input({ capacity }) }, [['CAPACITY_OUT_OF_RANGE', ['input', 'capacity']]]);
    });

    it('accepts the capacity bounds 1 and 50', async () => {
      for (const capacity of [1, 50]) expect((await admin.data(CREATE, { input: input({ capacity }) })).createCohort.cohort.capacity).toBe(capacity);
    });

    it.each([
      ['nominationDeadline', '2030-12-01'],
      ['selectionDate', '2031-03-31'],
      ['notificationDate', '2031-05-30'],
      ['startDate', '2031-06-30'],
      ['endDate', '2031-08-31'],
    ])('DATES_OUT_OF_ORDER on %s when it is not after the date before it', async (field, value) => {
      const dates = { ...yearDates(2031), [field]: value };
      const { messages } = await expectUserErrors(server, admin, 'createCohort', CREATE, { input: input({ dates }) }, [
        ['DATES_OUT_OF_ORDER', ['input', 'dates', field]],
      ]);
      expect(messages[0]).toContain(field);
    });

    it('PROGRAMME_NOT_FOUND: an unknown programme code or ID', async () => {
      await expectUserErrors(server, admin, 'createCohort', CREATE, { input: input({ programmeCode: 'NO-SUCH-PROGRAMME' }) }, [
        ['PROGRAMME_NOT_FOUND', ['input', 'programmeCode']],
      ]);
      await expectUserErrors(server, admin, 'createCohort', CREATE, { input: input({ programmeId: toGlobalId('Programme', randomUUID()) }) }, [
        ['PROGRAMME_NOT_FOUND', ['input', 'programmeId']],
      ]);
    });

    it('PROGRAMME_MISMATCH: programmeId and programmeCode name different programmes', async () => {
      const other = await insertOtherProgramme(server.database.dataSource);
      await expectUserErrors(server, admin, 'createCohort', CREATE, { input: input({ programmeId: other.id, programmeCode: 'WCO-JAPAN-CDP' }) }, [
        ['PROGRAMME_MISMATCH', ['input', 'programmeCode']],
      ]);
    });

    it('INVALID_ID: programmeId is the ID of another type', async () => {
      await expectUserErrors(server, admin, 'createCohort', CREATE, { input: input({ programmeId: await demoCohortId() }) }, [['INVALID_ID', ['input', 'programmeId']]]);
    });

    it('is for ADMIN only', async () => {
      await expectAdminOnly(server, 'createCohort', CREATE, { input: input() });
    });
  });

  describe('transitionCohort', () => {
    const transition = (cohortId: string, to: CohortStatus, closeEarly?: boolean) =>
      admin.graphql(TRANSITION, { input: { cohortId, to, ...(closeEarly === undefined ? {} : { closeEarly }) } });
    const refuse = async (cohortId: string, to: CohortStatus, code: string, field: string[], closeEarly?: boolean) => {
      const before = await statusOf(cohortId);
      const result = await expectUserErrors(server, admin, 'transitionCohort', TRANSITION, { input: { cohortId, to, closeEarly: closeEarly ?? false } }, [
        [code, field],
      ]);
      expect(result.payload.cohort).toBeNull();
      expect(await statusOf(cohortId)).toBe(before);
      return result;
    };

    it('moves a cohort through the whole cycle once its deadline has passed, and audits each move', async () => {
      const cohort = await arrangeCohort(server, { year: 2026 });
      const steps = [CohortStatus.NOMINATIONS_OPEN, CohortStatus.SELECTION, CohortStatus.IN_PROGRESS, CohortStatus.COMPLETED];
      for (const to of steps) {
        const { data, errors } = await transition(cohort.id, to);
        expect(errors).toBeUndefined();
        expect(data.transitionCohort).toEqual({ cohort: { id: cohort.id, status: to }, userErrors: [] });
        expect((await server.data(COHORT_BY_LABEL, { label: cohort.label })).cohort.status).toBe(to);
      }
      const log = await auditOf(cohort.id, 'transitionCohort');
      // The server clock stands still, so the entries share one instant: compared as a set.
      expect(log.nodes.map((n: any) => `${n.before.status} -> ${n.after.status}`).sort()).toEqual([
        'IN_PROGRESS -> COMPLETED',
        'NOMINATIONS_OPEN -> SELECTION',
        'PLANNED -> NOMINATIONS_OPEN',
        'SELECTION -> IN_PROGRESS',
      ]);
      expect(log.nodes.every((n: any) => Object.keys(n.after).join() === 'status')).toBe(true);
    });

    it.each([CohortStatus.PLANNED, CohortStatus.NOMINATIONS_OPEN, CohortStatus.SELECTION, CohortStatus.IN_PROGRESS])(
      'cancels a %s cohort',
      async (from) => {
        const cohort = await arrangeCohort(server, { status: from });
        const { data } = await transition(cohort.id, CohortStatus.CANCELLED);
        expect(data.transitionCohort).toEqual({ cohort: { id: cohort.id, status: 'CANCELLED' }, userErrors: [] });
        expect((await auditOf(cohort.id, 'transitionCohort')).nodes[0]).toMatchObject({ before: { status: from }, after: { status: 'CANCELLED' } });
      },
    );

    it.each([
      [CohortStatus.NOMINATIONS_OPEN, CohortStatus.PLANNED, 'backwards'],
      [CohortStatus.IN_PROGRESS, CohortStatus.SELECTION, 'backwards'],
      [CohortStatus.PLANNED, CohortStatus.SELECTION, 'skipping a step'],
      [CohortStatus.NOMINATIONS_OPEN, CohortStatus.IN_PROGRESS, 'skipping a step'],
      [CohortStatus.SELECTION, CohortStatus.SELECTION, 'to its own status'],
      [CohortStatus.COMPLETED, CohortStatus.CANCELLED, 'out of a final status'],
      [CohortStatus.CANCELLED, CohortStatus.NOMINATIONS_OPEN, 'out of a final status'],
      [CohortStatus.CANCELLED, CohortStatus.CANCELLED, 'out of a final status'],
    ])('INVALID_TRANSITION: %s to %s (%s)', async (from, to) => {
      const cohort = await arrangeCohort(server, { year: 2026, status: from });
      await refuse(cohort.id, to, 'INVALID_TRANSITION', ['input', 'to'], true);
    });

    it('DEADLINE_NOT_PASSED: the demonstration cohort’s deadline (2027-03-31) is after the server clock', async () => {
      expect(TEST_NOW < '2027-03-31').toBe(true);
      const { messages } = await refuse(await demoCohortId(), CohortStatus.SELECTION, 'DEADLINE_NOT_PASSED', ['input', 'to']);
      expect(messages[0]).toContain('2027-03-31');
    });

    it('DEADLINE_NOT_PASSED on the deadline day itself: nominations are accepted until it is over', async () => {
      const cohort = await arrangeCohort(server, { year: 2027, status: CohortStatus.NOMINATIONS_OPEN });
      await server.database.dataSource.getRepository(Cohort).update(cohort.uuid, { nominationDeadline: TEST_NOW.slice(0, 10) });
      await refuse(cohort.id, CohortStatus.SELECTION, 'DEADLINE_NOT_PASSED', ['input', 'to']);
      await server.database.dataSource.getRepository(Cohort).update(cohort.uuid, { nominationDeadline: '2026-11-25' });
      expect((await transition(cohort.id, CohortStatus.SELECTION)).data.transitionCohort.userErrors).toEqual([]);
    });

    it('COHORT_INCOMPLETE: opening nominations needs the capacity and every date', async () => {
      const cohort = await arrangeCohort(server);
      await server.database.dataSource.getRepository(Cohort).update(cohort.uuid, { capacity: null, selectionDate: null });
      const { messages } = await refuse(cohort.id, CohortStatus.NOMINATIONS_OPEN, 'COHORT_INCOMPLETE', ['input', 'cohortId']);
      expect(messages[0]).toMatch(/capacity, selectionDate/);
    });

    it('COHORT_INCOMPLETE: the historical 2025-2026 record, NOMINATIONS_OPEN without dates, cannot close early', async () => {
      const { cohort } = await admin.data(COHORT_BY_LABEL, { label: '2025-2026' });
      expect(cohort).toMatchObject({ status: 'NOMINATIONS_OPEN', capacity: null, nominationDeadline: null });
      await refuse(cohort.id, CohortStatus.SELECTION, 'COHORT_INCOMPLETE', ['input', 'cohortId'], true);
    });

    it('PLACEMENTS_OPEN: completing waits for every placement to be COMPLETED, WITHDRAWN or DECLINED, and says how many are open', async () => {
      const cohort = await arrangeCohort(server, { year: 2026, status: CohortStatus.IN_PROGRESS });
      const placement = (status: AssociateStatus, n: number) =>
        insert(server.database.dataSource, ProfessionalAssociate, {
          cohortId: cohort.uuid,
          administrationId: uuidOf(adminId('RW')),
          nominationId: null,
          fullName: `Placement ${status} ${n}`,
          email: null,
          phone: null,
          languages: ['en'],
          directorate: null,
          supervisorName: null,
          status,
          startDate: null,
          endDate: null,
          isSampleData: true,
        });
      const active = await placement(AssociateStatus.ACTIVE, 1);
      const assigned = await placement(AssociateStatus.ASSIGNED, 2);
      await placement(AssociateStatus.COMPLETED, 3);
      await placement(AssociateStatus.WITHDRAWN, 4);
      await placement(AssociateStatus.DECLINED, 5);
      const { messages } = await refuse(cohort.id, CohortStatus.COMPLETED, 'PLACEMENTS_OPEN', ['input', 'to']);
      expect(messages[0]).toMatch(/^2 associates/);
      const associates = server.database.dataSource.getRepository(ProfessionalAssociate);
      await associates.update(active.uuid, { status: AssociateStatus.COMPLETED });
      expect((await refuse(cohort.id, CohortStatus.COMPLETED, 'PLACEMENTS_OPEN', ['input', 'to'])).messages[0]).toMatch(/^1 associate of/);
      // The assigned associate declines before the start: a placement that never started is not open.
      await associates.update(assigned.uuid, { status: AssociateStatus.DECLINED });
      expect((await transition(cohort.id, CohortStatus.COMPLETED)).data.transitionCohort).toEqual({
        cohort: { id: cohort.id, status: 'COMPLETED' },
        userErrors: [],
      });
    });

    it('COHORT_NOT_FOUND and INVALID_ID: the cohort ID names no cohort', async () => {
      await expectUserErrors(server, admin, 'transitionCohort', TRANSITION, { input: { cohortId: toGlobalId('Cohort', randomUUID()), to: 'CANCELLED' } }, [
        ['COHORT_NOT_FOUND', ['input', 'cohortId']],
      ]);
      await expectUserErrors(server, admin, 'transitionCohort', TRANSITION, { input: { cohortId: adminId('RW'), to: 'CANCELLED' } }, [
        ['INVALID_ID', ['input', 'cohortId']],
      ]);
    });

    it('of two concurrent moves to SELECTION exactly one succeeds; the other is INVALID_TRANSITION', async () => {
      const cohort = await arrangeCohort(server, { year: 2026, status: CohortStatus.NOMINATIONS_OPEN });
      const results = await Promise.all([0, 1].map(() => transition(cohort.id, CohortStatus.SELECTION)));
      expect(results.map((r) => r.errors)).toEqual([undefined, undefined]);
      const outcomes = results.map((r) => r.data.transitionCohort.userErrors.map((e: any) => e.code).join() || r.data.transitionCohort.cohort.status).sort();
      expect(outcomes).toEqual(['INVALID_TRANSITION', 'SELECTION']);
      expect((await auditOf(cohort.id, 'transitionCohort')).totalCount).toBe(1);
    });

    it('is for ADMIN only', async () => {
      const cohort = await arrangeCohort(server);
      await expectAdminOnly(server, 'transitionCohort', TRANSITION, { input: { cohortId: cohort.id, to: 'CANCELLED' } });
      expect(await statusOf(cohort.id)).toBe(CohortStatus.PLANNED);
    });

    // Last: it closes the demonstration cohort's nominations, which the invitation tests do not use.
    it('closeEarly closes the demonstration cohort’s nominations before its deadline, and the audit says so', async () => {
      const cohortId = await demoCohortId();
      const { data } = await transition(cohortId, CohortStatus.SELECTION, true);
      expect(data.transitionCohort).toEqual({ cohort: { id: cohortId, status: 'SELECTION' }, userErrors: [] });
      expect((await server.data(COHORT_BY_LABEL, DEMO)).cohort.status).toBe('SELECTION');
      expect((await auditOf(cohortId, 'transitionCohort')).nodes[0]).toMatchObject({
        before: { status: 'NOMINATIONS_OPEN' },
        after: { status: 'SELECTION', closedEarly: true },
      });
    });
  });

  describe('inviteAdministrations', () => {
    const invite = (input: Record<string, unknown>) => admin.graphql(INVITE, { input });
    const invitationsOf = async (label: string) => (await server.data(COHORT_BY_LABEL, { label })).cohort.invitations;

    it('invites eligible administrations once each, and reports those invited before and the ineligible', async () => {
      const cohort = await arrangeCohort(server);
      const first = (await invite({ cohortId: cohort.id, administrationIds: [adminId('RW'), adminId('MW')] })).data.inviteAdministrations;
      expect(first.userErrors).toEqual([]);
      expect(first.invited.map((i: any) => i.administration.iso2).sort()).toEqual(['MW', 'RW']);
      expect(first.invited.every((i: any) => i.sentAt === TEST_NOW && i.cohort.id === cohort.id)).toBe(true);

      // RW twice, MW again, JP not eligible: only NP is new.
      const second = (await invite({ cohortId: cohort.id, administrationIds: [adminId('RW'), adminId('NP'), adminId('JP'), adminId('MW'), adminId('RW')] }))
        .data.inviteAdministrations;
      expect(second).toMatchObject({ cohort: { id: cohort.id }, userErrors: [], ineligible: [{ iso2: 'JP' }] });
      expect(second.invited.map((i: any) => i.administration.iso2)).toEqual(['NP']);
      expect(second.alreadyInvited.map((a: any) => a.iso2).sort()).toEqual(['MW', 'RW']);

      const invitations = await invitationsOf(cohort.label);
      expect(invitations.totalCount).toBe(3);
      expect(invitations.nodes.map((i: any) => i.administration.iso2).sort()).toEqual(['MW', 'NP', 'RW']);
      const log = await auditOf(cohort.id, 'inviteAdministrations');
      expect(log.nodes.map((n: any) => n.after).sort((a: any, b: any) => a.invitedAdministrationIds.length - b.invitedAdministrationIds.length)).toEqual([
        { invitedAdministrationIds: [adminId('NP')], sentAt: TEST_NOW },
        { invitedAdministrationIds: expect.arrayContaining([adminId('RW'), adminId('MW')]), sentAt: TEST_NOW },
      ]);
    });

    it('allEligible invites every eligible administration; asking again invites nobody and writes nothing', async () => {
      const cohort = await arrangeCohort(server, { status: CohortStatus.NOMINATIONS_OPEN });
      await invite({ cohortId: cohort.id, administrationIds: [adminId('RW')] });
      const eligible = await server.database.dataSource.getRepository(Administration).countBy({ isEligible: true });
      const all = (await invite({ cohortId: cohort.id, allEligible: true })).data.inviteAdministrations;
      expect(all).toMatchObject({ userErrors: [], ineligible: [], alreadyInvited: [{ iso2: 'RW' }] });
      expect(all.invited).toHaveLength(eligible - 1);
      expect(all.invited.map((i: any) => i.administration.iso2)).not.toContain('JP');
      expect((await invitationsOf(cohort.label)).totalCount).toBe(eligible);

      const again = await expectUnchanged(server.database.dataSource, () => invite({ cohortId: cohort.id, allEligible: true }));
      expect(again.data.inviteAdministrations).toMatchObject({ userErrors: [], invited: [], ineligible: [] });
      expect(again.data.inviteAdministrations.alreadyInvited).toHaveLength(eligible);
    });

    it.each([CohortStatus.SELECTION, CohortStatus.IN_PROGRESS, CohortStatus.COMPLETED, CohortStatus.CANCELLED])(
      'COHORT_NOT_INVITING: a %s cohort takes no invitations',
      async (status) => {
        const cohort = await arrangeCohort(server, { status });
        const { payload } = await expectUserErrors(server, admin, 'inviteAdministrations', INVITE, { input: { cohortId: cohort.id, administrationIds: [adminId('RW')] } }, [
          ['COHORT_NOT_INVITING', ['input', 'cohortId']],
        ]);
        expect(payload).toMatchObject({ cohort: null, invited: [], alreadyInvited: [], ineligible: [] });
      },
    );

    it('ADMINISTRATION_NOT_FOUND names the unknown ID’s position, and nobody is invited', async () => {
      const cohort = await arrangeCohort(server);
      await expectUserErrors(
        server,
        admin,
        'inviteAdministrations',
        INVITE,
        { input: { cohortId: cohort.id, administrationIds: [adminId('RW'), toGlobalId('Administration', randomUUID())] } },
        [['ADMINISTRATION_NOT_FOUND', ['input', 'administrationIds', '1']]],
      );
    });

    it('INVALID_ID names a malformed or foreign ID’s position', async () => {
      const cohort = await arrangeCohort(server);
      for (const bad of ['not-an-id', cohort.id]) {
        await expectUserErrors(server, admin, 'inviteAdministrations', INVITE, { input: { cohortId: cohort.id, administrationIds: [adminId('RW'), adminId('MW'), bad] } }, [
          ['INVALID_ID', ['input', 'administrationIds', '2']],
        ]);
      }
    });

    it('INVITEES_UNSPECIFIED: neither administrationIds nor allEligible, or both', async () => {
      const cohort = await arrangeCohort(server);
      await expectUserErrors(server, admin, 'inviteAdministrations', INVITE, { input: { cohortId: cohort.id } }, [
        ['INVITEES_UNSPECIFIED', ['input', 'administrationIds']],
      ]);
      await expectUserErrors(server, admin, 'inviteAdministrations', INVITE, { input: { cohortId: cohort.id, administrationIds: [adminId('RW')], allEligible: true } }, [
        ['INVITEES_UNSPECIFIED', ['input', 'allEligible']],
      ]);
    });

    it('TOO_MANY_INVITEES: more than 60 IDs in one call', async () => {
      const cohort = await arrangeCohort(server);
      const ids = [...administrations.values()];
      const many = Array.from({ length: 61 }, (_, i) => ids[i % ids.length]);
      await expectUserErrors(server, admin, 'inviteAdministrations', INVITE, { input: { cohortId: cohort.id, administrationIds: many } }, [
        ['TOO_MANY_INVITEES', ['input', 'administrationIds']],
      ]);
    });

    it('COHORT_NOT_FOUND: the cohort ID names no cohort', async () => {
      await expectUserErrors(server, admin, 'inviteAdministrations', INVITE, { input: { cohortId: toGlobalId('Cohort', randomUUID()), allEligible: true } }, [
        ['COHORT_NOT_FOUND', ['input', 'cohortId']],
      ]);
    });

    it('concurrent calls with overlapping administrations invite each exactly once, without an internal error', async () => {
      const cohort = await arrangeCohort(server);
      const sets = [
        ['RW', 'MW', 'NP', 'GM'],
        ['MW', 'NP', 'GM', 'SN'],
        ['GM', 'SN', 'RW', 'TZ'],
      ];
      const results = await Promise.all(sets.map((set) => invite({ cohortId: cohort.id, administrationIds: set.map(adminId) })));
      expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
      const payloads = results.map((r) => r.data.inviteAdministrations);
      expect(payloads.map((p) => p.userErrors)).toEqual([[], [], []]);
      const invited = payloads.flatMap((p) => p.invited.map((i: any) => i.administration.iso2));
      expect([...invited].sort()).toEqual(['GM', 'MW', 'NP', 'RW', 'SN', 'TZ']);
      // Each call accounts for every administration it named: invited now or before.
      for (const [i, p] of payloads.entries()) {
        expect([...p.invited.map((x: any) => x.administration.iso2), ...p.alreadyInvited.map((a: any) => a.iso2)].sort()).toEqual([...sets[i]].sort());
      }
      expect(await server.database.dataSource.getRepository(Invitation).countBy({ cohortId: cohort.uuid })).toBe(6);
    });

    it('is for ADMIN only', async () => {
      const cohort = await arrangeCohort(server);
      await expectAdminOnly(server, 'inviteAdministrations', INVITE, { input: { cohortId: cohort.id, allEligible: true } });
    });
  });
});
