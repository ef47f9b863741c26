/**
 * The AuditGlobalIds migration on an audit log written before it, whose
 * values name related objects by raw UUIDs: afterwards auditLog answers
 * global IDs that node(id:) and the auditLog filters accept, values in
 * that form already are kept, and down gives the UUIDs back.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource, DeepPartial } from 'typeorm';
import { bumpDataVersion } from '../../server/src/db/data-version';
import { AuditGlobalIds1795950000000 } from '../../server/src/db/migrations/1795950000000-AuditGlobalIds';
import { Administration } from '../../server/src/modules/administration/administration.entity';
import { ProfessionalAssociate } from '../../server/src/modules/associate/associate.entity';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity';
import { Programme } from '../../server/src/modules/programme/programme.entity';
import { User } from '../../server/src/modules/user/user.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { demoCohort, gid } from '../support/arrange-nominations';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TEST_NOW, type Caller, type TestServer } from '../support/server';

const MIGRATION = new AuditGlobalIds1795950000000();
/** More entries than the migration reads in one batch, so that it has to page. */
const BULK = 1_100;

const AUDIT_LOG = `query ($filter: AuditEntryFilter) {
  auditLog(first: 100, filter: $filter) { totalCount nodes { operation entityType entityId actor { id } before after } }
}`;

async function runMigration(ds: DataSource, step: 'up' | 'down'): Promise<void> {
  const runner = ds.createQueryRunner();
  try {
    await runner.startTransaction();
    await MIGRATION[step](runner);
    await runner.commitTransaction();
  } catch (err) {
    await runner.rollbackTransaction();
    throw err;
  } finally {
    await runner.release();
  }
}

/** Writes an entry as audit() wrote it before the migration: values straight to the column, raw UUIDs included. */
function legacyEntry(values: DeepPartial<AuditEntry>): DeepPartial<AuditEntry> {
  return {
    occurredAt: new Date(TEST_NOW),
    actorId: null,
    actorLabel: 'user:ADMIN',
    requestId: null,
    operation: 'legacy',
    entityType: 'Cohort',
    entityId: null,
    before: null,
    after: null,
    ...values,
  };
}

describeEachDatabase('the AuditGlobalIds migration', (kind) => {
  let server: TestServer;
  let ds: DataSource;
  let admin: Caller;

  beforeAll(async () => {
    server = await startTestServer(kind);
    ds = server.database.dataSource;
    admin = await server.as(UserRole.ADMIN);
  });
  afterAll(() => server?.close());

  it('rewrites the raw UUIDs of entries written before it into global IDs that auditLog answers and node(id:) and the filters accept', async () => {
    const cohort = await demoCohort(ds);
    const programme = await ds.getRepository(Programme).findOneByOrFail({ uuid: cohort.programmeId });
    const [first, second] = await ds.getRepository(Administration).find({ order: { iso2: 'ASC' }, take: 2 });
    const [associate] = await ds.getRepository(ProfessionalAssociate).find({ order: { uuid: 'ASC' }, take: 1 });
    const reviewer = await ds.getRepository(User).findOneByOrFail({ role: UserRole.REVIEWER });

    // The database as it stood at the previous migration: this one undone and not recorded as run.
    await runMigration(ds, 'down');
    await ds.query(`DELETE FROM "migrations" WHERE "name" = '${MIGRATION.name}'`);
    const entries = ds.getRepository(AuditEntry);
    await entries.save([
      legacyEntry({
        operation: 'createCohort',
        entityId: cohort.uuid,
        after: { programmeId: programme.uuid, label: cohort.label, status: 'PLANNED', note: randomUUID() },
      }),
      legacyEntry({ operation: 'inviteAdministrations', entityId: cohort.uuid, after: { invitedAdministrationIds: [first.uuid, second.uuid], sentAt: TEST_NOW } }),
      legacyEntry({
        operation: 'reviewNomination',
        entityType: 'Review',
        entityId: randomUUID(),
        actorId: reviewer.uuid,
        actorLabel: 'user:REVIEWER',
        before: { reviewerId: reviewer.uuid, score: 5 },
        // Written in both forms, as a log that was partly converted already would hold them.
        after: { reviewerId: gid('User', reviewer.uuid), score: 4 },
      }),
      legacyEntry({ operation: 'issueCertificate', entityType: 'Certificate', entityId: randomUUID(), after: { associateId: associate.uuid, ceremonyId: null } }),
    ]);
    for (let i = 0; i < BULK; i += 100) {
      await entries.save(Array.from({ length: Math.min(100, BULK - i) }, () => legacyEntry({ operation: 'legacy', after: { cohortId: cohort.uuid } })));
    }

    expect((await ds.runMigrations()).map((m) => m.name)).toEqual([MIGRATION.name]);
    // As openDatabase does after migrating: answers cached before must not outlive the change.
    await bumpDataVersion(ds.manager);

    const cohortId = gid('Cohort', cohort.uuid);
    const ofCohort = (await admin.data(AUDIT_LOG, { filter: { entityId: cohortId, operationIn: ['createCohort', 'inviteAdministrations'] } })).auditLog;
    const byOperation = Object.fromEntries(ofCohort.nodes.map((e: any) => [e.operation, e]));
    // Only references change: the free-text note keeps its UUID-shaped value.
    const created = await entries.findOneByOrFail({ operation: 'createCohort', entityId: cohort.uuid });
    expect(byOperation.createCohort.after).toEqual({ programmeId: gid('Programme', programme.uuid), label: cohort.label, status: 'PLANNED', note: created.after!.note });
    expect(byOperation.inviteAdministrations.after).toEqual({
      invitedAdministrationIds: [gid('Administration', first.uuid), gid('Administration', second.uuid)],
      sentAt: TEST_NOW,
    });
    const reviewerId = gid('User', reviewer.uuid);
    const reviews = (await admin.data(AUDIT_LOG, { filter: { actorId: reviewerId, operationIn: ['reviewNomination'] } })).auditLog;
    expect(reviews.nodes.map((e: any) => [e.before, e.after])).toEqual([[{ reviewerId, score: 5 }, { reviewerId, score: 4 }]]);
    const certificates = (await admin.data(AUDIT_LOG, { filter: { operationIn: ['issueCertificate'], entityType: 'Certificate' } })).auditLog;
    const associateId = gid('ProfessionalAssociate', associate.uuid);
    expect(certificates.nodes.map((e: any) => e.after)).toContainEqual({ associateId, ceremonyId: null });

    const references = [gid('Programme', programme.uuid), gid('Administration', first.uuid), gid('Administration', second.uuid), reviewerId, associateId, cohortId];
    const { nodes } = await admin.data(`query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids: references });
    expect(nodes.map((n: any) => n?.id ?? null)).toEqual(references);
    for (const entityId of references) expect((await admin.graphql(AUDIT_LOG, { filter: { entityId } })).errors).toBeUndefined();

    // Every entry was reached, however many batches it took.
    const bulk = await entries.findBy({ operation: 'legacy' });
    expect(bulk).toHaveLength(BULK);
    expect(bulk.filter((e) => e.after?.cohortId !== cohortId)).toEqual([]);
  });

  it('leaves converted entries as they are when it runs again, and down gives the UUIDs back', async () => {
    const cohort = await demoCohort(ds);
    const snapshot = async () => (await ds.getRepository(AuditEntry).find({ order: { uuid: 'ASC' } })).map((e) => [e.uuid, e.before, e.after]);
    const converted = await snapshot();
    await runMigration(ds, 'up');
    expect(await snapshot()).toEqual(converted);

    await runMigration(ds, 'down');
    const entries = ds.getRepository(AuditEntry);
    expect((await entries.findBy({ operation: 'legacy' })).every((e) => e.after?.cohortId === cohort.uuid)).toBe(true);
    const review = await entries.findOneByOrFail({ operation: 'reviewNomination', actorLabel: 'user:REVIEWER' });
    expect([review.before?.reviewerId, review.after?.reviewerId]).toEqual([review.actorId, review.actorId]);
    await runMigration(ds, 'up');
    expect(await snapshot()).toEqual(converted);
  });
});
