/**
 * Alumni records over HTTP (issue #8): updateAlumniProfile and
 * recordAlumniActivity, by the alumnus themself or ADMIN, once the
 * placement is COMPLETED; one test per rule with its UserErrorCode and an
 * unchanged database.
 */
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { AlumniActivity } from '../../server/src/modules/alumni/alumni-activity.entity';
import { AlumniProfile } from '../../server/src/modules/alumni/alumni-profile.entity';
import { AssociateStatus } from '../../server/src/modules/associate/associate-enums';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity';
import { CohortStatus } from '../../server/src/modules/cohort/cohort-status';
import { UserRole } from '../../server/src/modules/user/user-role';
import { insert } from '../support/arrange';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type Caller, type TestServer } from '../support/server';
import { arrangeAssociate, arrangeCohort, expectDenied, expectRefusal, gid, signInAsAssociate } from '../support/workflow-fixtures';

const UPDATE = `mutation ($input: UpdateAlumniProfileInput!) { updateAlumniProfile(input: $input) {
  alumniProfile { id currentPosition isLiaisonPoint associate { id } } userErrors { code field message } } }`;
const RECORD = `mutation ($input: RecordAlumniActivityInput!) { recordAlumniActivity(input: $input) {
  activity { id kind date title description alumniProfile { id } } userErrors { code field message } } }`;

describeEachDatabase('alumni workflow', (kind) => {
  let server: TestServer;
  let ds: DataSource;
  let admin: Caller;

  beforeAll(async () => {
    server = await startTestServer(kind);
    ds = server.database.dataSource;
    admin = await server.as(UserRole.ADMIN);
  });
  afterAll(async () => server?.close());

  /** A former associate of a completed cohort, with the profile completePlacement gives it. */
  async function alumnus() {
    const associate = await arrangeAssociate(ds, await arrangeCohort(ds, { status: CohortStatus.COMPLETED }), { status: AssociateStatus.COMPLETED });
    const profile = await insert(ds, AlumniProfile, { associateId: associate.uuid, currentPosition: null, isLiaisonPoint: false });
    return { associate, profile, associateId: gid('ProfessionalAssociate', associate.uuid) };
  }

  const activity = (associateId: string, overrides: Record<string, unknown> = {}) => ({
    associateId,
    kind: 'TRAINING_DELIVERED',
    date: '2026-11-20',
    title: 'Regional workshop on risk management',
    description: 'Three days for twenty officers.',
    ...overrides,
  });

  describe('updateAlumniProfile', () => {
    it('lets the alumnus update its own profile, field by field, with an audit entry', async () => {
      const { associate, profile, associateId } = await alumnus();
      const own = await signInAsAssociate(server, associate);
      const first = (await own.data(UPDATE, { input: { associateId, currentPosition: ' Head of Risk Management ' } })).updateAlumniProfile;
      expect(first).toEqual({
        userErrors: [],
        alumniProfile: { id: gid('AlumniProfile', profile.uuid), currentPosition: 'Head of Risk Management', isLiaisonPoint: false, associate: { id: associateId } },
      });
      const second = (await own.data(UPDATE, { input: { associateId, isLiaisonPoint: true } })).updateAlumniProfile;
      expect(second.alumniProfile).toMatchObject({ currentPosition: 'Head of Risk Management', isLiaisonPoint: true });
      const entries = await ds.getRepository(AuditEntry).findBy({ entityId: profile.uuid, operation: 'updateAlumniProfile' });
      expect(entries.map((e) => e.after).sort((a, b) => Object.keys(a!)[0].localeCompare(Object.keys(b!)[0]))).toEqual([
        { currentPosition: 'Head of Risk Management' },
        { isLiaisonPoint: true },
      ]);
      // An empty string clears the position.
      expect((await own.data(UPDATE, { input: { associateId, currentPosition: '' } })).updateAlumniProfile.alumniProfile.currentPosition).toBeNull();
    });

    it('lets ADMIN update any alumnus’s profile, creating one for a completed placement that lacks it', async () => {
      const associate = await arrangeAssociate(ds, await arrangeCohort(ds, { status: CohortStatus.COMPLETED }), { status: AssociateStatus.COMPLETED });
      const associateId = gid('ProfessionalAssociate', associate.uuid);
      const { updateAlumniProfile } = await admin.data(UPDATE, { input: { associateId, isLiaisonPoint: true } });
      expect(updateAlumniProfile).toMatchObject({ userErrors: [], alumniProfile: { isLiaisonPoint: true, associate: { id: associateId } } });
      expect(await ds.getRepository(AlumniProfile).countBy({ associateId: associate.uuid })).toBe(1);
    });

    it.each([AssociateStatus.ASSIGNED, AssociateStatus.ACTIVE, AssociateStatus.WITHDRAWN])(
      'refuses an associate whose placement is %s: PLACEMENT_NOT_COMPLETED',
      async (status) => {
        const associate = await arrangeAssociate(ds, await arrangeCohort(ds, { status: CohortStatus.IN_PROGRESS }), { status });
        const associateId = gid('ProfessionalAssociate', associate.uuid);
        await expectRefusal(ds, admin, UPDATE, { associateId, isLiaisonPoint: true }, 'PLACEMENT_NOT_COMPLETED', ['input', 'associateId']);
        await expectRefusal(ds, await signInAsAssociate(server, associate), UPDATE, { associateId, currentPosition: 'x' }, 'PLACEMENT_NOT_COMPLETED', [
          'input',
          'associateId',
        ]);
      },
    );

    it('refuses an unknown associate (ASSOCIATE_NOT_FOUND) and a position of more than 200 characters (INVALID_VALUE)', async () => {
      const unknown = gid('ProfessionalAssociate', '00000000-0000-4000-8000-000000000000');
      await expectRefusal(ds, admin, UPDATE, { associateId: unknown, isLiaisonPoint: true }, 'ASSOCIATE_NOT_FOUND', ['input', 'associateId']);
      const { associateId } = await alumnus();
      await expectRefusal(ds, admin, UPDATE, { associateId, currentPosition: 'x'.repeat(201) }, 'INVALID_VALUE', ['input', 'currentPosition']);
    });
  });

  describe('recordAlumniActivity', () => {
    it('records an activity of the alumnus, by itself or ADMIN, dated today at the latest', async () => {
      const { associate, profile, associateId } = await alumnus();
      const own = await signInAsAssociate(server, associate);
      const mine = (await own.data(RECORD, { input: activity(associateId, { date: '2026-11-26' }) })).recordAlumniActivity;
      expect(mine).toMatchObject({
        userErrors: [],
        activity: { kind: 'TRAINING_DELIVERED', date: '2026-11-26', title: 'Regional workshop on risk management', alumniProfile: { id: gid('AlumniProfile', profile.uuid) } },
      });
      const byAdmin = (await admin.data(RECORD, { input: activity(associateId, { kind: 'PROMOTION', description: null }) })).recordAlumniActivity;
      expect(byAdmin.activity).toMatchObject({ kind: 'PROMOTION', description: null });
      expect(await ds.getRepository(AlumniActivity).countBy({ alumniProfileId: profile.uuid })).toBe(2);
      expect(await ds.getRepository(AuditEntry).countBy({ operation: 'recordAlumniActivity', entityType: 'AlumniActivity' })).toBeGreaterThanOrEqual(2);
      // Public: the alumni list shows the activities.
      const { node } = await server.data('query ($id: ID!) { node(id: $id) { ... on AlumniProfile { activities(first: 5) { totalCount } } } }', {
        id: gid('AlumniProfile', profile.uuid),
      });
      expect(node.activities.totalCount).toBe(2);
    });

    it('refuses an activity dated after today by the clock: DATE_IN_FUTURE', async () => {
      const { associate, associateId } = await alumnus();
      await expectRefusal(ds, admin, RECORD, activity(associateId, { date: '2026-11-27' }), 'DATE_IN_FUTURE', ['input', 'date']);
      await expectRefusal(ds, await signInAsAssociate(server, associate), RECORD, activity(associateId, { date: '2027-01-01' }), 'DATE_IN_FUTURE', ['input', 'date']);
    });

    it('refuses an associate whose placement is not COMPLETED: PLACEMENT_NOT_COMPLETED', async () => {
      const associate = await arrangeAssociate(ds, await arrangeCohort(ds, { status: CohortStatus.IN_PROGRESS }), { status: AssociateStatus.ACTIVE });
      await expectRefusal(ds, admin, RECORD, activity(gid('ProfessionalAssociate', associate.uuid)), 'PLACEMENT_NOT_COMPLETED', ['input', 'associateId']);
    });

    it('wants a title: INVALID_VALUE', async () => {
      const { associateId } = await alumnus();
      await expectRefusal(ds, admin, RECORD, activity(associateId, { title: '   ' }), 'INVALID_VALUE', ['input', 'title']);
    });
  });

  describe('who may change alumni records', () => {
    it('answers UNAUTHENTICATED to anonymous callers, FORBIDDEN to REVIEWER, FOCAL_POINT and another associate', async () => {
      const { associateId } = await alumnus();
      // The demo associate is an alumnus too, of a historical cohort: still not this one.
      const another = await server.as(UserRole.ASSOCIATE);
      for (const [mutation, input] of [
        [UPDATE, { associateId, isLiaisonPoint: true }],
        [RECORD, activity(associateId)],
      ] as const) {
        await expectDenied(ds, server, mutation, input, 'UNAUTHENTICATED');
        for (const caller of [await server.as(UserRole.REVIEWER), await server.as(UserRole.FOCAL_POINT), another]) {
          await expectDenied(ds, caller, mutation, input, 'FORBIDDEN');
        }
      }
      // Even with a date in the future, authorization is decided first.
      await expectDenied(ds, another, RECORD, activity(associateId, { date: '2030-01-01' }), 'FORBIDDEN');
    });
  });
});
