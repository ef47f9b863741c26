/**
 * Placements over HTTP (issue #8): assignPlacement and completePlacement,
 * one test per rule with its UserErrorCode; every refusal leaves the
 * database, audit log included, as it was.
 */
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { AlumniProfile } from '../../server/src/modules/alumni/alumni-profile.entity';
import { AssociateStatus } from '../../server/src/modules/associate/associate-enums';
import { ProfessionalAssociate } from '../../server/src/modules/associate/associate.entity';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity';
import { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { CohortStatus } from '../../server/src/modules/cohort/cohort-status';
import { UserRole } from '../../server/src/modules/user/user-role';
import { insert } from '../support/arrange';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type Caller, type TestServer } from '../support/server';
import { arrangeAssociate, arrangeCohort, expectDenied, expectRefusal, gid, signInAsAssociate } from '../support/workflow-fixtures';

const ASSIGN = `mutation ($input: AssignPlacementInput!) { assignPlacement(input: $input) {
  associate { id status directorate supervisorName startDate endDate } userErrors { code field message } } }`;
const COMPLETE = `mutation ($input: CompletePlacementInput!) { completePlacement(input: $input) {
  associate { id status endDate } alumniProfile { id currentPosition isLiaisonPoint associate { id } } userErrors { code field message } } }`;

/** A placement inside the arranged cohorts' default dates (2026-09-01..2027-06-30). */
const placement = (associateId: string, overrides: Record<string, unknown> = {}) => ({
  associateId,
  directorate: 'CAPACITY_BUILDING',
  supervisorName: 'Supervisor Example',
  startDate: '2026-09-01',
  endDate: '2027-06-30',
  ...overrides,
});

describeEachDatabase('placement workflow', (kind) => {
  let server: TestServer;
  let ds: DataSource;
  let admin: Caller;

  beforeAll(async () => {
    server = await startTestServer(kind);
    ds = server.database.dataSource;
    admin = await server.as(UserRole.ADMIN);
  });
  afterAll(async () => server?.close());

  const auditOf = (entityId: string, operation: string) => ds.getRepository(AuditEntry).findBy({ entityId, operation });
  const reload = (uuid: string) => ds.getRepository(ProfessionalAssociate).findOneByOrFail({ uuid });

  describe('assignPlacement', () => {
    it('places an associate of a running cohort and makes the placement ACTIVE, with an audit entry that hides the supervisor’s name', async () => {
      const cohort = await arrangeCohort(ds, { status: CohortStatus.IN_PROGRESS });
      const associate = await arrangeAssociate(ds, cohort);
      const { assignPlacement } = await admin.data(ASSIGN, { input: placement(gid('ProfessionalAssociate', associate.uuid)) });
      expect(assignPlacement).toEqual({
        userErrors: [],
        associate: {
          id: gid('ProfessionalAssociate', associate.uuid),
          status: 'ACTIVE',
          directorate: 'CAPACITY_BUILDING',
          supervisorName: 'Supervisor Example',
          startDate: '2026-09-01',
          endDate: '2027-06-30',
        },
      });
      const [entry] = await auditOf(associate.uuid, 'assignPlacement');
      expect(entry).toMatchObject({
        entityType: 'ProfessionalAssociate',
        actorLabel: 'user:ADMIN',
        before: { status: 'ASSIGNED', directorate: null, supervisorName: '[redacted]', startDate: null, endDate: null },
        after: { status: 'ACTIVE', directorate: 'CAPACITY_BUILDING', supervisorName: '[redacted]', startDate: '2026-09-01', endDate: '2027-06-30' },
      });
    });

    it('leaves the placement ASSIGNED while the cohort is still in SELECTION, and ACTIVE once assigned again in a running year', async () => {
      const cohort = await arrangeCohort(ds, { status: CohortStatus.SELECTION });
      const associate = await arrangeAssociate(ds, cohort);
      const id = gid('ProfessionalAssociate', associate.uuid);
      const first = await admin.data(ASSIGN, { input: placement(id, { directorate: 'TARIFF_AND_TRADE_AFFAIRS' }) });
      expect(first.assignPlacement.associate).toMatchObject({ status: 'ASSIGNED', directorate: 'TARIFF_AND_TRADE_AFFAIRS' });
      await ds.getRepository(Cohort).update(cohort.uuid, { status: CohortStatus.IN_PROGRESS });
      const second = await admin.data(ASSIGN, { input: placement(id) });
      expect(second.assignPlacement.associate).toMatchObject({ status: 'ACTIVE', directorate: 'CAPACITY_BUILDING' });
      expect(await auditOf(associate.uuid, 'assignPlacement')).toHaveLength(2);
    });

    it.each([CohortStatus.PLANNED, CohortStatus.NOMINATIONS_OPEN, CohortStatus.COMPLETED, CohortStatus.CANCELLED])(
      'refuses a cohort that is %s: COHORT_NOT_RUNNING',
      async (status) => {
        const cohort = await arrangeCohort(ds, { status });
        const associate = await arrangeAssociate(ds, cohort);
        const error = await expectRefusal(ds, admin, ASSIGN, placement(gid('ProfessionalAssociate', associate.uuid)), 'COHORT_NOT_RUNNING', ['input', 'associateId']);
        expect(error.message).toContain(status);
      },
    );

    it('refuses an end before the start: DATES_OUT_OF_ORDER', async () => {
      const cohort = await arrangeCohort(ds, { status: CohortStatus.IN_PROGRESS });
      const associate = await arrangeAssociate(ds, cohort);
      const input = placement(gid('ProfessionalAssociate', associate.uuid), { startDate: '2027-01-10', endDate: '2027-01-09' });
      await expectRefusal(ds, admin, ASSIGN, input, 'DATES_OUT_OF_ORDER', ['input', 'endDate']);
    });

    it('refuses a start before the cohort’s and an end after it: DATES_OUTSIDE_COHORT', async () => {
      const cohort = await arrangeCohort(ds, { status: CohortStatus.IN_PROGRESS });
      const associate = await arrangeAssociate(ds, cohort);
      const id = gid('ProfessionalAssociate', associate.uuid);
      await expectRefusal(ds, admin, ASSIGN, placement(id, { startDate: '2026-08-31' }), 'DATES_OUTSIDE_COHORT', ['input', 'startDate']);
      await expectRefusal(ds, admin, ASSIGN, placement(id, { endDate: '2027-07-01' }), 'DATES_OUTSIDE_COHORT', ['input', 'endDate']);
    });

    it('accepts any dates in order when the cohort’s dates are not known', async () => {
      const cohort = await arrangeCohort(ds, { status: CohortStatus.IN_PROGRESS, startDate: null, endDate: null });
      const associate = await arrangeAssociate(ds, cohort);
      const input = placement(gid('ProfessionalAssociate', associate.uuid), { startDate: '2020-01-01', endDate: '2030-01-01' });
      expect((await admin.data(ASSIGN, { input })).assignPlacement.userErrors).toEqual([]);
    });

    it.each([AssociateStatus.COMPLETED, AssociateStatus.WITHDRAWN, AssociateStatus.DECLINED])('refuses a placement that is %s: PLACEMENT_CLOSED', async (status) => {
      const cohort = await arrangeCohort(ds, { status: CohortStatus.IN_PROGRESS });
      const associate = await arrangeAssociate(ds, cohort, { status });
      await expectRefusal(ds, admin, ASSIGN, placement(gid('ProfessionalAssociate', associate.uuid)), 'PLACEMENT_CLOSED', ['input', 'associateId']);
    });

    it('refuses an unknown associate (ASSOCIATE_NOT_FOUND), an ID of another type (INVALID_ID) and a blank supervisor (INVALID_VALUE)', async () => {
      const cohort = await arrangeCohort(ds, { status: CohortStatus.IN_PROGRESS });
      const associate = await arrangeAssociate(ds, cohort);
      const unknown = gid('ProfessionalAssociate', '00000000-0000-4000-8000-000000000000');
      await expectRefusal(ds, admin, ASSIGN, placement(unknown), 'ASSOCIATE_NOT_FOUND', ['input', 'associateId']);
      await expectRefusal(ds, admin, ASSIGN, placement(gid('Cohort', cohort.uuid)), 'INVALID_ID', ['input', 'associateId']);
      const blank = placement(gid('ProfessionalAssociate', associate.uuid), { supervisorName: '  ' });
      await expectRefusal(ds, admin, ASSIGN, blank, 'INVALID_VALUE', ['input', 'supervisorName']);
    });

    it('is for ADMIN only: UNAUTHENTICATED anonymous, FORBIDDEN for every other role including the associate itself', async () => {
      const cohort = await arrangeCohort(ds, { status: CohortStatus.IN_PROGRESS });
      const associate = await arrangeAssociate(ds, cohort);
      const input = placement(gid('ProfessionalAssociate', associate.uuid));
      await expectDenied(ds, server, ASSIGN, input, 'UNAUTHENTICATED');
      for (const role of [UserRole.REVIEWER, UserRole.FOCAL_POINT, UserRole.ASSOCIATE]) {
        await expectDenied(ds, await server.as(role), ASSIGN, input, 'FORBIDDEN');
      }
      await expectDenied(ds, await signInAsAssociate(server, associate), ASSIGN, input, 'FORBIDDEN');
      expect((await reload(associate.uuid)).status).toBe(AssociateStatus.ASSIGNED);
    });
  });

  describe('completePlacement', () => {
    const activeAssociate = async () => {
      const cohort = await arrangeCohort(ds, { status: CohortStatus.IN_PROGRESS });
      return arrangeAssociate(ds, cohort, { status: AssociateStatus.ACTIVE, startDate: '2026-09-01', endDate: '2027-06-30' });
    };
    const completion = (associate: ProfessionalAssociate, outcome: string, endDate: string | null = '2027-06-30') => ({
      associateId: gid('ProfessionalAssociate', associate.uuid),
      outcome,
      ...(endDate === null ? {} : { endDate }),
    });

    it('completes an ACTIVE placement and creates the alumni profile in the same transaction', async () => {
      const associate = await activeAssociate();
      const { completePlacement } = await admin.data(COMPLETE, { input: completion(associate, 'COMPLETED', '2027-06-28') });
      const id = gid('ProfessionalAssociate', associate.uuid);
      expect(completePlacement).toMatchObject({
        userErrors: [],
        associate: { id, status: 'COMPLETED', endDate: '2027-06-28' },
        alumniProfile: { currentPosition: null, isLiaisonPoint: false, associate: { id } },
      });
      const profile = await ds.getRepository(AlumniProfile).findOneByOrFail({ associateId: associate.uuid });
      expect(completePlacement.alumniProfile.id).toBe(gid('AlumniProfile', profile.uuid));
      expect(await auditOf(associate.uuid, 'completePlacement')).toMatchObject([{ before: { status: 'ACTIVE' }, after: { status: 'COMPLETED' } }]);
      expect(await auditOf(profile.uuid, 'completePlacement')).toMatchObject([{ entityType: 'AlumniProfile' }]);
      // The new alumnus is public at once.
      const { alumni } = await server.data('query ($c: ID!) { alumni(first: 10, filter: { cohortId: $c }) { nodes { associate { id } } } }', {
        c: gid('Cohort', associate.cohortId),
      });
      expect(alumni.nodes).toEqual([{ associate: { id } }]);
    });

    it('keeps an alumni profile that exists already', async () => {
      const associate = await activeAssociate();
      const existing = await insert(ds, AlumniProfile, { associateId: associate.uuid, currentPosition: 'Director', isLiaisonPoint: true });
      const { completePlacement } = await admin.data(COMPLETE, { input: completion(associate, 'COMPLETED') });
      expect(completePlacement.alumniProfile).toMatchObject({ id: gid('AlumniProfile', existing.uuid), currentPosition: 'Director', isLiaisonPoint: true });
      expect(await ds.getRepository(AlumniProfile).countBy({ associateId: associate.uuid })).toBe(1);
    });

    it('withdraws an ACTIVE placement on its end date, without an alumni profile: WITHDRAWN', async () => {
      const associate = await activeAssociate();
      const { completePlacement } = await admin.data(COMPLETE, { input: completion(associate, 'WITHDRAWN', '2026-12-01') });
      expect(completePlacement).toMatchObject({ userErrors: [], alumniProfile: null, associate: { status: 'WITHDRAWN', endDate: '2026-12-01' } });
      expect(await ds.getRepository(AlumniProfile).countBy({ associateId: associate.uuid })).toBe(0);
      expect(await auditOf(associate.uuid, 'completePlacement')).toMatchObject([{ before: { status: 'ACTIVE', endDate: '2027-06-30' }, after: { status: 'WITHDRAWN', endDate: '2026-12-01' } }]);
    });

    it('makes an ASSIGNED associate who withdraws DECLINED, with no end date recorded, whether or not already placed', async () => {
      const cohort = await arrangeCohort(ds, { status: CohortStatus.SELECTION });
      const unplaced = await arrangeAssociate(ds, cohort);
      const placed = await arrangeAssociate(ds, cohort);
      const placing = await admin.data(ASSIGN, { input: placement(gid('ProfessionalAssociate', placed.uuid)) });
      expect(placing.assignPlacement.associate).toMatchObject({ status: 'ASSIGNED', endDate: '2027-06-30' });
      for (const [associate, plannedEnd] of [[unplaced, null], [placed, '2027-06-30']] as const) {
        const { completePlacement } = await admin.data(COMPLETE, { input: completion(associate, 'WITHDRAWN', null) });
        expect(completePlacement).toMatchObject({ userErrors: [], alumniProfile: null, associate: { status: 'DECLINED', endDate: plannedEnd } });
        expect(await auditOf(associate.uuid, 'completePlacement')).toEqual([
          expect.objectContaining({ before: { status: 'ASSIGNED' }, after: { status: 'DECLINED' } }),
        ]);
      }
      expect(await ds.getRepository(AlumniProfile).countBy({ associateId: unplaced.uuid })).toBe(0);
    });

    it('refuses an end date for a placement that never started, and wants one for a placement that started: INVALID_VALUE', async () => {
      const assigned = await arrangeAssociate(ds, await arrangeCohort(ds, { status: CohortStatus.SELECTION }));
      const error = await expectRefusal(ds, admin, COMPLETE, completion(assigned, 'WITHDRAWN', '2026-12-01'), 'INVALID_VALUE', ['input', 'endDate']);
      expect(error.message).toBe('A placement that never started has no end date; leave endDate out.');
      const active = await activeAssociate();
      for (const outcome of ['COMPLETED', 'WITHDRAWN']) {
        await expectRefusal(ds, admin, COMPLETE, completion(active, outcome, null), 'INVALID_VALUE', ['input', 'endDate']);
      }
      const explicitNull = { associateId: gid('ProfessionalAssociate', active.uuid), outcome: 'WITHDRAWN', endDate: null };
      await expectRefusal(ds, admin, COMPLETE, explicitNull, 'INVALID_VALUE', ['input', 'endDate']);
    });

    it('refuses to complete an ASSIGNED placement: PLACEMENT_NOT_ACTIVE', async () => {
      const associate = await arrangeAssociate(ds, await arrangeCohort(ds, { status: CohortStatus.IN_PROGRESS }));
      await expectRefusal(ds, admin, COMPLETE, completion(associate, 'COMPLETED'), 'PLACEMENT_NOT_ACTIVE', ['input', 'outcome']);
    });

    it.each([AssociateStatus.COMPLETED, AssociateStatus.WITHDRAWN, AssociateStatus.DECLINED])('refuses to end a placement that is %s: PLACEMENT_CLOSED', async (status) => {
      const associate = await arrangeAssociate(ds, await arrangeCohort(ds, { status: CohortStatus.COMPLETED }), { status });
      for (const outcome of ['COMPLETED', 'WITHDRAWN']) {
        await expectRefusal(ds, admin, COMPLETE, completion(associate, outcome), 'PLACEMENT_CLOSED', ['input', 'associateId']);
      }
    });

    it('refuses an end before the placement’s start: DATES_OUT_OF_ORDER', async () => {
      const associate = await activeAssociate();
      await expectRefusal(ds, admin, COMPLETE, completion(associate, 'COMPLETED', '2026-08-31'), 'DATES_OUT_OF_ORDER', ['input', 'endDate']);
    });

    it('is for ADMIN only: UNAUTHENTICATED anonymous, FORBIDDEN for every other role', async () => {
      const associate = await activeAssociate();
      const input = completion(associate, 'COMPLETED');
      await expectDenied(ds, server, COMPLETE, input, 'UNAUTHENTICATED');
      for (const role of [UserRole.REVIEWER, UserRole.FOCAL_POINT, UserRole.ASSOCIATE]) {
        await expectDenied(ds, await server.as(role), COMPLETE, input, 'FORBIDDEN');
      }
      await expectDenied(ds, await signInAsAssociate(server, associate), COMPLETE, input, 'FORBIDDEN');
    });
  });
});
