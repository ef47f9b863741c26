import { createCdpClient, type CdpClient } from '@cdp-hub/sdk';
import { toGlobalId } from '../../server/src/graphql/relay/global-id';
import { AssociateStatus } from '../../server/src/modules/associate/associate-enums';
import { ProfessionalAssociate } from '../../server/src/modules/associate/associate.entity';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity';
import { CohortStatus } from '../../server/src/modules/cohort/cohort-status';
import { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { NominationStatus } from '../../server/src/modules/nomination/nomination-status';
import { UserRole } from '../../server/src/modules/user/user-role';
import { arrangeAssociates, arrangeCohort, arrangeNomination, demoCohort, focalAdministration } from '../support/arrange-nominations';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';

/** updateAdministration and updateCohort: ADMIN's corrections, audited, refused with userErrors when a rule would break. */

const codes = (errors: ReadonlyArray<{ code: string; field: readonly string[] | null }>) => errors.map((e) => [e.code, e.field]);
let emails = 0;
const candidate = () => ({ fullName: 'Amina Kader', email: `correction.${++emails}@customs.example`, position: 'Senior Customs Officer', yearsOfService: 12, languages: ['en'] });

describeEachDatabase('corrections', (kind) => {
  let server: TestServer;
  let admin: CdpClient;
  let focalPoint: CdpClient;
  const auditCount = (operation: string) => server.database.dataSource.getRepository(AuditEntry).countBy({ operation });

  beforeAll(async () => {
    server = await startTestServer(kind);
    admin = createCdpClient({ url: server.url, token: (await server.as(UserRole.ADMIN)).token! });
    focalPoint = createCdpClient({ url: server.url, token: (await server.as(UserRole.FOCAL_POINT)).token! });
  });
  afterAll(async () => server?.close());

  describe('updateAdministration', () => {
    it('makes an invited administration ineligible, and its next nomination is refused with ADMINISTRATION_NOT_ELIGIBLE', async () => {
      const ds = server.database.dataSource;
      const focal = await focalAdministration(ds);
      const demo = await demoCohort(ds);
      const id = toGlobalId('Administration', focal.uuid);
      const audits = await auditCount('updateAdministration');
      const { updateAdministration } = await admin.updateAdministration({ input: { administrationId: id, isEligible: false } });
      expect(updateAdministration).toMatchObject({ userErrors: [], administration: { id, isEligible: false } });
      expect(await auditCount('updateAdministration')).toBe(audits + 1);
      const input = { cohortId: toGlobalId('Cohort', demo.uuid), candidate: candidate(), motivation: 'A seasoned officer whose research on border risk management would serve the whole region.' };
      const refused = await focalPoint.submitNomination({ input });
      expect(codes(refused.submitNomination.userErrors)).toEqual([['ADMINISTRATION_NOT_ELIGIBLE', ['input', 'administrationId']]]);
      // Eligible again, the same nomination goes through.
      expect((await admin.updateAdministration({ input: { administrationId: id, isEligible: true } })).updateAdministration.userErrors).toEqual([]);
      expect((await focalPoint.submitNomination({ input })).submitNomination.userErrors).toEqual([]);
    });

    it("keeps the focal point's contact, shown to ADMIN and that focal point only, and redacted in the audit log", async () => {
      const focal = await focalAdministration(server.database.dataSource);
      const id = toGlobalId('Administration', focal.uuid);
      const contact = { focalPointName: 'Grace Uwase', focalPointEmail: 'grace.uwase@customs.example', focalPointPhone: '+250 788 123 456' };
      const { updateAdministration } = await admin.updateAdministration({ input: { administrationId: id, ...contact } });
      expect(updateAdministration).toMatchObject({ userErrors: [], administration: contact });
      const read = `query ($iso2: CountryCode!) { administration(iso2: $iso2) { focalPointName focalPointEmail focalPointPhone } }`;
      expect((await (await server.as(UserRole.FOCAL_POINT)).data(read, { iso2: focal.iso2 })).administration).toEqual(contact);
      const hidden = { focalPointName: null, focalPointEmail: null, focalPointPhone: null };
      expect((await (await server.as(UserRole.REVIEWER)).data(read, { iso2: focal.iso2 })).administration).toEqual(hidden);
      expect((await server.data(read, { iso2: focal.iso2 })).administration).toEqual(hidden);
      const entry = await server.database.dataSource.getRepository(AuditEntry).findOneOrFail({ where: { operation: 'updateAdministration' }, order: { occurredAt: 'DESC' } });
      expect(JSON.stringify(entry.after)).not.toContain('grace');
      // Cleared in one go.
      const cleared = await admin.updateAdministration({ input: { administrationId: id, clearFocalPointContact: true } });
      expect(cleared.updateAdministration.administration).toMatchObject(hidden);
    });

    it('refuses what it cannot do with userErrors, and changes nothing', async () => {
      const focal = await focalAdministration(server.database.dataSource);
      const id = toGlobalId('Administration', focal.uuid);
      const audits = await auditCount('updateAdministration');
      const unknown = await admin.updateAdministration({ input: { administrationId: toGlobalId('Administration', '00000000-0000-4000-8000-000000000000'), isEligible: false } });
      expect(codes(unknown.updateAdministration.userErrors)).toEqual([['ADMINISTRATION_NOT_FOUND', ['input', 'administrationId']]]);
      const nothing = await admin.updateAdministration({ input: { administrationId: id } });
      expect(codes(nothing.updateAdministration.userErrors)).toEqual([['NOTHING_TO_UPDATE', ['input', 'administrationId']]]);
      const phone = await admin.updateAdministration({ input: { administrationId: id, focalPointPhone: '0788 123' } });
      expect(codes(phone.updateAdministration.userErrors)).toEqual([['INVALID_VALUE', ['input', 'focalPointPhone']]]);
      const email = await admin.updateAdministration({ input: { administrationId: id, focalPointEmail: 'not an e-mail' } });
      expect(codes(email.updateAdministration.userErrors)).toEqual([['INVALID_VALUE', ['input', 'focalPointEmail']]]);
      expect(await auditCount('updateAdministration')).toBe(audits);
      await expect(focalPoint.updateAdministration({ input: { administrationId: id, isEligible: false } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  describe('updateCohort', () => {
    const update = (input: Record<string, unknown>) => admin.updateCohort({ input: input as never }).then((r) => r.updateCohort);

    it('corrects label, capacity, dates and note before the start, audited', async () => {
      const ds = server.database.dataSource;
      const cohort = await arrangeCohort(ds, { status: CohortStatus.PLANNED, capacity: 10 });
      const id = toGlobalId('Cohort', cohort.uuid);
      const audits = await auditCount('updateCohort');
      const result = await update({
        cohortId: id,
        label: '2090-2091',
        capacity: 12,
        note: 'Corrected after the call for nominations.',
        dates: { invitationDate: '2089-12-01', nominationDeadline: '2090-03-31', selectionDate: '2090-05-31', notificationDate: '2090-06-30', startDate: '2090-09-01', endDate: '2091-06-30' },
      });
      expect(result).toMatchObject({
        userErrors: [],
        cohort: { id, label: '2090-2091', capacity: 12, seatsTaken: 0, seatsLeft: 12, nominationDeadline: '2090-03-31', endDate: '2091-06-30' },
      });
      expect(await auditCount('updateCohort')).toBe(audits + 1);
      // One date alone, kept in order with the others; a blank note removes it.
      expect(await update({ cohortId: id, dates: { selectionDate: '2090-05-15' }, note: '' })).toMatchObject({ userErrors: [], cohort: { selectionDate: '2090-05-15', note: null } });
    });

    it('refuses a capacity below the seats taken, dates out of order and a label taken', async () => {
      const ds = server.database.dataSource;
      const focal = await focalAdministration(ds);
      const cohort = await arrangeCohort(ds, { status: CohortStatus.SELECTION, capacity: 10 });
      await arrangeAssociates(ds, cohort, focal, 4);
      await arrangeAssociates(ds, cohort, focal, 3, AssociateStatus.DECLINED);
      const id = toGlobalId('Cohort', cohort.uuid);
      const audits = await auditCount('updateCohort');
      expect(codes((await update({ cohortId: id, capacity: 3 })).userErrors)).toEqual([['CAPACITY_BELOW_SEATS_TAKEN', ['input', 'capacity']]]);
      // DECLINED associates hold no seat: four seats are taken, so four is the floor.
      expect(await update({ cohortId: id, capacity: 4 })).toMatchObject({ userErrors: [], cohort: { capacity: 4, seatsTaken: 4, seatsLeft: 0 } });
      expect(codes((await update({ cohortId: id, capacity: 51 })).userErrors)).toEqual([['CAPACITY_OUT_OF_RANGE', ['input', 'capacity']]]);
      // The arranged cohort's deadline is 2027-03-31: a selection date before it is out of order.
      expect(codes((await update({ cohortId: id, dates: { selectionDate: '2027-01-01' } })).userErrors)).toEqual([['DATES_OUT_OF_ORDER', ['input', 'dates', 'selectionDate']]]);
      const demo = await demoCohort(ds);
      const sameProgramme = await arrangeCohort(ds, { status: CohortStatus.PLANNED });
      expect(codes((await update({ cohortId: toGlobalId('Cohort', sameProgramme.uuid), label: cohort.label })).userErrors)).toEqual([['COHORT_LABEL_TAKEN', ['input', 'label']]]);
      // Another programme's label is free (the demonstration programme's cohort).
      expect((await update({ cohortId: toGlobalId('Cohort', sameProgramme.uuid), label: demo.label })).userErrors).toEqual([]);
      expect(codes((await update({ cohortId: id, label: '2030-2032' })).userErrors)).toEqual([['COHORT_LABEL_INVALID', ['input', 'label']]]);
      expect(codes((await update({ cohortId: id })).userErrors)).toEqual([['NOTHING_TO_UPDATE', ['input', 'cohortId']]]);
      // Only the capacity change of 4 went through.
      expect(await auditCount('updateCohort')).toBe(audits + 2);
    });

    it('after the start, fixes the label, capacity and dates up to startDate, and still corrects endDate and note', async () => {
      const ds = server.database.dataSource;
      const cohort = await arrangeCohort(ds, { status: CohortStatus.IN_PROGRESS, capacity: 10 });
      await ds.getRepository(Cohort).update(cohort.uuid, { nominationDeadline: '2026-03-31', selectionDate: '2026-05-31', startDate: '2026-09-01', endDate: '2027-06-30' });
      const id = toGlobalId('Cohort', cohort.uuid);
      for (const [change, field] of [
        [{ label: '2095-2096' }, ['input', 'label']],
        [{ capacity: 12 }, ['input', 'capacity']],
        [{ dates: { startDate: '2026-09-15' } }, ['input', 'dates', 'startDate']],
        [{ dates: { nominationDeadline: '2027-03-01' } }, ['input', 'dates', 'nominationDeadline']],
      ] as const) {
        expect(codes((await update({ cohortId: id, ...change })).userErrors)).toEqual([['COHORT_STARTED', field]]);
      }
      expect(await update({ cohortId: id, dates: { endDate: '2027-07-15' }, note: 'Extended by two weeks.' })).toMatchObject({
        userErrors: [],
        cohort: { endDate: '2027-07-15', note: 'Extended by two weeks.', label: cohort.label },
      });
      // The end stays after the start.
      expect(codes((await update({ cohortId: id, dates: { endDate: '2026-08-01' } })).userErrors)).toEqual([['DATES_OUT_OF_ORDER', ['input', 'dates', 'endDate']]]);
    });
  });

  it('links a SELECTED nomination and the associate it created, both ways, and counts the seat', async () => {
    const ds = server.database.dataSource;
    const focal = await focalAdministration(ds);
    const cohort = await arrangeCohort(ds, { status: CohortStatus.SELECTION, capacity: 2 });
    const nomination = await arrangeNomination(ds, { cohort, administration: focal, status: NominationStatus.SHORTLISTED });
    const { decideNomination } = await admin.decideNomination({ input: { nominationId: toGlobalId('Nomination', nomination.uuid), decision: 'SELECTED' } });
    expect(decideNomination.userErrors).toEqual([]);
    const associateId = decideNomination.associate!.id;
    const read = `query ($n: ID!, $a: ID!, $c: ID!) {
      n: node(id: $n) { ... on Nomination { associate { id } } }
      a: node(id: $a) { ... on ProfessionalAssociate { nomination { id } } }
      c: node(id: $c) { ... on Cohort { seatsTaken seatsLeft } }
    }`;
    const ids = { n: toGlobalId('Nomination', nomination.uuid), a: associateId, c: toGlobalId('Cohort', cohort.uuid) };
    expect(await (await server.as(UserRole.FOCAL_POINT)).data(read, ids)).toEqual({
      n: { associate: { id: associateId } },
      a: { nomination: { id: ids.n } },
      c: { seatsTaken: 1, seatsLeft: 1 },
    });
    // Whoever may not see the nomination gets null, and the associate (public) still.
    expect(await server.data(read, ids)).toEqual({ n: null, a: { nomination: null }, c: { seatsTaken: 1, seatsLeft: 1 } });
    expect(await ds.getRepository(ProfessionalAssociate).countBy({ nominationId: nomination.uuid })).toBe(1);
  });
});
