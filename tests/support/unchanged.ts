import type { DataSource } from 'typeorm';

/** Row counts of every table the entities map, audit log included. */
export async function rowCounts(ds: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const metadata of ds.entityMetadatas) counts[metadata.tableName] = await ds.getRepository(metadata.target).count();
  return counts;
}

/** The newest audit entry's id, so a test can tell that no entry was added (counts alone miss an add plus a delete). */
async function lastAuditId(ds: DataSource): Promise<string | null> {
  const [row] = await ds.query(`SELECT "id" FROM "audit_entry" ORDER BY "occurredAt" DESC, "id" DESC LIMIT 1`);
  return row?.id ?? null;
}

/**
 * Runs `act` (a refused mutation) and checks that the database is exactly
 * as before: every table's row count and the audit log's newest entry.
 * Returns what `act` returned, for the test's own assertions on userErrors.
 */
export async function expectUnchanged<T>(ds: DataSource, act: () => Promise<T>): Promise<T> {
  const before = { counts: await rowCounts(ds), lastAudit: await lastAuditId(ds) };
  const result = await act();
  expect({ counts: await rowCounts(ds), lastAudit: await lastAuditId(ds) }).toEqual(before);
  return result;
}
