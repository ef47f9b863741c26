import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { Loaders } from '../../server/src/graphql/loaders';
import { rowsByKey } from '../../server/src/graphql/sql/rows-by-key';
import { shapeCount } from '../../server/src/graphql/sql/sql-shape';
import { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { Event } from '../../server/src/modules/event/event.entity';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';

/** Every entity's rows as TypeORM's own find() reads them, to hold the hand-built hydration against. */
async function everyEntityWithRows(ds: DataSource) {
  const found = [];
  for (const metadata of ds.entityMetadatas) {
    if (metadata.primaryColumns.length !== 1) continue;
    const key = metadata.primaryColumns[0].propertyName;
    const expected = await ds.getRepository(metadata.target).find({ order: { [key]: 'ASC' }, take: 50 });
    if (expected.length) found.push({ metadata, key, expected });
  }
  return found;
}

describeEachDatabase('SQL built once per shape (loaders and nested pages)', (kind) => {
  let server: TestServer;
  let reader: DataSource;
  beforeAll(async () => {
    server = await startTestServer(kind);
    reader = server.database.database.reader;
  });
  afterAll(async () => server?.close());

  it('hydrates every entity exactly as TypeORM does: same class, same values and types', async () => {
    const entities = await everyEntityWithRows(reader);
    expect(entities.length).toBeGreaterThan(10);
    for (const { metadata, key, expected } of entities) {
      const keys = expected.map((row) => String(row[key]));
      const actual = await rowsByKey(reader.manager, metadata.target, key, keys, { [key]: 'ASC' });
      expect({ entity: metadata.name, rows: actual }).toEqual({ entity: metadata.name, rows: expected });
      for (const row of actual) expect(row).toBeInstanceOf(metadata.target as Function);
    }
  });

  it('reuses one SQL text for a shape whatever the number of keys in the batch', async () => {
    const cohorts = await reader.getRepository(Cohort).find({ order: { label: 'ASC' } });
    expect(cohorts.length).toBeGreaterThanOrEqual(3);
    await new Loaders(reader.manager).byId(Cohort).load(cohorts[0].uuid);
    const shapes = shapeCount(reader);

    const loaded = await new Loaders(reader.manager).byId(Cohort).loadMany(cohorts.slice(0, 3).map((c) => c.uuid));
    expect(loaded.map((c) => (c as Cohort).label)).toEqual(cohorts.slice(0, 3).map((c) => c.label));
    const unknown = await new Loaders(reader.manager).byId(Cohort).load('00000000-0000-4000-8000-000000000000');
    expect(unknown).toBeNull();
    expect(shapeCount(reader)).toBe(shapes);

    // Another entity (or ordering) is another shape.
    await new Loaders(reader.manager).manyBy(Event, 'cohortId', { startsAt: 'ASC' }).load(cohorts[0].uuid);
    expect(shapeCount(reader)).toBe(shapes + 1);
  });

  it("runs a transaction's loaders on the transaction: they see its uncommitted write, the reader's do not", async () => {
    const cohort = (await reader.getRepository(Cohort).find({ order: { label: 'ASC' }, take: 1 }))[0];
    const seen = await server.database.database
      .transaction(async (manager) => {
        await manager.getRepository(Cohort).update({ uuid: cohort.uuid }, { label: '9999-TX' });
        const inside = await new Loaders(manager).byId(Cohort).load(cohort.uuid);
        const outside = await new Loaders(reader.manager).byId(Cohort).load(cohort.uuid);
        const events = await new Loaders(manager).manyBy(Event, 'cohortId', { startsAt: 'ASC' }).load(cohort.uuid);
        throw Object.assign(new Error('roll back'), { seen: { inside: inside?.label, outside: outside?.label, events: events.length } });
      })
      .catch((err: { seen?: unknown }) => {
        if (!err.seen) throw err;
        return err.seen;
      });
    expect(seen).toEqual({ inside: '9999-TX', outside: cohort.label, events: expect.any(Number) });
    expect((await reader.getRepository(Cohort).findOneByOrFail({ uuid: cohort.uuid })).label).toBe(cohort.label);
  });
});
