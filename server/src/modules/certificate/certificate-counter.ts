import type { EntityManager } from 'typeorm';

/**
 * The next number of a sequence in certificate_counter, in one statement:
 * the row is created or incremented and locked until the transaction ends,
 * so concurrent issues on PostgreSQL queue on it and get consecutive
 * numbers (SQLite's write queue already serialises them). `floor` is the
 * highest number already in use elsewhere (e.g. seeded serials), so the
 * sequence continues after it.
 */
export async function nextCounterValue(db: EntityManager, name: string, floor: number): Promise<number> {
  const postgres = db.connection.options.type === 'postgres';
  const [row] = await db.query(
    `INSERT INTO "certificate_counter" ("name", "lastValue") VALUES (${postgres ? '$1, $2' : '?, ?'})
     ON CONFLICT ("name") DO UPDATE SET "lastValue" = ${postgres ? 'GREATEST' : 'MAX'}("certificate_counter"."lastValue" + 1, excluded."lastValue")
     RETURNING "lastValue"`,
    [name, floor + 1],
  );
  return Number(row.lastValue);
}

/** The highest serial number of a ceremony year in use, 0 when none. */
export async function highestSerialNumber(db: EntityManager, year: number): Promise<number> {
  const rows: Array<{ serial: string }> = await db.query(
    `SELECT "serial" FROM "certificate" WHERE "serial" LIKE ${db.connection.options.type === 'postgres' ? '$1' : '?'}`,
    [`CDP-${year}-%`],
  );
  return rows.reduce((max, { serial }) => Math.max(max, Number(serial.slice(`CDP-${year}-`.length)) || 0), 0);
}

/** The highest status-list index in use, -1 when none. */
export async function highestStatusListIndex(db: EntityManager): Promise<number> {
  const [row] = await db.query(`SELECT MAX("statusListIndex") AS "highest" FROM "certificate"`);
  return row?.highest == null ? -1 : Number(row.highest);
}

export const formatSerial = (year: number, n: number): string => `CDP-${year}-${String(n).padStart(3, '0')}`;

/** A new certificate's serial (CDP-<ceremony year>-<nnn>) and status-list index, without gaps. */
export async function allocateCertificateNumbers(db: EntityManager, ceremonyYear: number): Promise<{ serial: string; statusListIndex: number }> {
  const n = await nextCounterValue(db, `serial:${ceremonyYear}`, await highestSerialNumber(db, ceremonyYear));
  const statusListIndex = await nextCounterValue(db, 'status-list', await highestStatusListIndex(db));
  return { serial: formatSerial(ceremonyYear, n), statusListIndex };
}
