import 'reflect-metadata';
import pino from 'pino';
import { fixedClock } from '../../server/src/common/clock';
import { createLogger } from '../../server/src/common/logger';
import { openDatabase, type DataSourceBundle } from '../../server/src/db/data-source';
import { seed } from '../../server/src/db/seed/seed';
import { ProfessionalAssociate } from '../../server/src/modules/associate/associate.entity';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity';
import { Certificate } from '../../server/src/modules/certificate/certificate.entity';
import { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { describeEachDatabase, type TestDatabase } from '../support/databases';
import { TEST_NOW } from '../support/server';

const silent = () => createLogger('silent', pino.destination({ dest: '/dev/null', sync: true }));

describeEachDatabase('migrations and seed', (kind) => {
  let db: TestDatabase;
  let bundle: DataSourceBundle;

  beforeAll(async () => {
    db = await kind.create();
    bundle = await openDatabase(db.config, silent());
  });
  afterAll(async () => {
    await bundle?.database.close();
    await db?.drop();
  });

  it('creates exactly the schema the entities describe', async () => {
    const pending = await bundle.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('seeds once and never duplicates', async () => {
    const clock = fixedClock(TEST_NOW);
    const first = await seed(bundle.dataSource, clock, silent());
    expect(first.created.ProfessionalAssociate).toBe(64);
    const second = await seed(bundle.dataSource, clock, silent());
    expect(Object.values(second.created).every((n) => n === 0)).toBe(true);
    expect(await bundle.dataSource.getRepository(Cohort).count()).toBe(9);
    expect(await bundle.dataSource.getRepository(ProfessionalAssociate).count()).toBe(64);
    expect(await bundle.dataSource.getRepository(AuditEntry).countBy({ operation: 'seed' })).toBe(1);
  });

  it('enforces the rules the constraints express', async () => {
    const certificates = bundle.dataSource.getRepository(Certificate);
    const existing = await certificates.findOneByOrFail({ serial: 'CDP-2024-001' });
    // Copies take no status-list position: each is refused for the rule under test only.
    const duplicateSerial = certificates.create({ ...existing, uuid: undefined, statusListIndex: null, associateId: existing.associateId });
    await expect(certificates.insert(duplicateSerial)).rejects.toThrow();
    const secondValid = certificates.create({ ...existing, uuid: undefined, statusListIndex: null, serial: 'CDP-2024-999' });
    await expect(certificates.insert(secondValid)).rejects.toThrow();
    await certificates.update({ uuid: existing.uuid }, { revokedAt: new Date(TEST_NOW), revocationReason: 'test' });
    await expect(certificates.insert(certificates.create({ ...secondValid }))).resolves.toBeDefined();
  });

  it('undoes every migration back to an empty database', async () => {
    const migrations = bundle.dataSource.migrations.length;
    for (let i = 0; i < migrations; i++) await bundle.dataSource.undoLastMigration();
    const tables = await bundle.dataSource.createQueryRunner().getTables(['cohort', 'research_project']);
    expect(tables).toEqual([]);
    await bundle.dataSource.runMigrations();
    const pending = await bundle.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries).toEqual([]);
  });
});
