import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { EntityRows } from './entity-rows';
import { runShape } from './shape-runner';
import { shapeFor } from './sql-shape';

/**
 * Every row whose `property` is one of `keys`, sorted by `order` and then by
 * primary key, so lists come back in the same order every time.
 */
export async function rowsByKey<T extends ObjectLiteral>(
  db: EntityManager,
  entity: EntityTarget<T>,
  property: string,
  keys: readonly string[],
  order: Record<string, 'ASC' | 'DESC'> = {},
): Promise<T[]> {
  const metadata = db.connection.getMetadata(entity);
  const rows = EntityRows.of<T>(metadata);
  const shape = shapeFor(db.connection, `rows-by-key:${metadata.name}:${property}:${JSON.stringify(order)}`, (b) => {
    const sort = [
      ...Object.entries(order).map(([p, direction]) => `${rows.column(b, 't', p)} ${direction}`),
      ...metadata.primaryColumns.filter((c) => !(c.propertyName in order)).map((c) => `${rows.column(b, 't', c.propertyName)} ASC`),
    ];
    return `SELECT ${rows.selectList(b, 't')} FROM ${rows.table(b)} ${b.quote('t')} WHERE ${b.inList(rows.column(b, 't', property), 'keys')} ORDER BY ${sort.join(', ')}`;
  });
  const raw = await runShape(db, shape, { keys: [...keys] });
  return raw.map((r) => rows.hydrate(r));
}
