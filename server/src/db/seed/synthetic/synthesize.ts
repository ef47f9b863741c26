/**
 * The synthetic generator behind `npm run seed:synthetic -- --scale N`: the
 * seeded programme copied N times under programmes CDP-SYN-0001 to
 * CDP-SYN-<N>, for measuring reads at many times the real data.
 *
 * Idempotent per copy: each copy is written whole inside one transaction
 * and is known by its programme code, so a second run with the same N finds
 * every code and adds nothing, and a larger N adds only the missing copies.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Clock } from '../../../common/clock';
import { AuditEntry } from '../../../modules/audit/audit-entry.entity';
import { Programme } from '../../../modules/programme/programme.entity';
import { DEFAULT_PROGRAMME_CODE } from '../../../modules/programme/programme.types';
import { researchSearchIndex } from '../../../modules/research/research-search';
import { runTransaction } from '../../database';
import { bulkInsert } from './bulk-insert';
import { MAX_SCALE, SYNTHETIC_CODE_PREFIX, syntheticCode, type CopyIdentity, type Row } from './copy-plan';
import { dialectOf } from '../../../graphql/sql/sql-shape';
import { readProgrammeRows, type ProgrammeRows } from './source-rows';

/** Rows per transaction: large enough to amortise the commit, small enough to keep memory and lock time short. */
const ROWS_PER_TRANSACTION = 5_000;

export interface SyntheticOptions {
  scale: number;
  clock: Clock;
  /** Called with the copies already present once they are known, then after every committed transaction. */
  onProgress?: (progress: { done: number; total: number }) => void;
}

export interface SyntheticReport {
  scale: number;
  /** Copies that were there before this run. */
  present: number;
  /** Copies this run added. */
  added: number;
  /** Rows this run inserted, over all tables. */
  rows: number;
}

export async function synthesize(dataSource: DataSource, { scale, clock, onProgress }: SyntheticOptions): Promise<SyntheticReport> {
  if (!Number.isInteger(scale) || scale < 0 || scale > MAX_SCALE) throw new Error(`scale must be an integer from 0 to ${MAX_SCALE}`);
  const manager = dataSource.manager;
  const source = await sourceProgrammeId(manager);
  const present = new Set(
    ((await manager.query(`SELECT "code" FROM "programme" WHERE "code" LIKE '${SYNTHETIC_CODE_PREFIX}%'`)) as Array<{ code: string }>).map(
      (r) => r.code,
    ),
  );
  const missing = Array.from({ length: scale }, (_, i) => i + 1).filter((n) => !present.has(syntheticCode(n)));
  let done = scale - missing.length;
  onProgress?.({ done, total: scale });
  if (!missing.length) return { scale, present: done, added: 0, rows: 0 };

  const rows = await readProgrammeRows(manager, source);
  const perTransaction = Math.max(1, Math.floor(ROWS_PER_TRANSACTION / Math.max(1, rows.rowCount)));
  for (let start = 0; start < missing.length; start += perTransaction) {
    const group = missing.slice(start, start + perTransaction);
    await runTransaction(dataSource, clock, async (tx) => {
      await insertCopies(tx, rows, group.map((number) => ({ number, code: syntheticCode(number) })));
    });
    done += group.length;
    onProgress?.({ done, total: scale });
  }

  // The planner's statistics still describe the seed: without them PostgreSQL (whose autovacuum may be off or not
  // yet run) plans search at 1,000x data for 113 research projects and hash-joins all 64,064 (190 ms, 24 ms after).
  // SQLite analyses what needs it when a connection opens.
  if (dialectOf(manager.connection) === 'postgres') await manager.query('ANALYZE');
  const report = { scale, present: scale - missing.length, added: missing.length, rows: missing.length * rows.rowCount };
  await runTransaction(dataSource, clock, (tx) => tx.save(auditEntry(tx, clock, report)));
  return report;
}

async function sourceProgrammeId(manager: EntityManager): Promise<string> {
  const found = await manager.findOneBy(Programme, { code: DEFAULT_PROGRAMME_CODE });
  if (!found) throw new Error(`programme ${DEFAULT_PROGRAMME_CODE} not found: seed the database first`);
  return found.uuid;
}

/** Writes the copies table by table, so each statement carries the rows of all of them. */
async function insertCopies(manager: EntityManager, source: ProgrammeRows, copies: CopyIdentity[]): Promise<void> {
  const copied = copies.map((copy) => copyRows(source, copy));
  for (const [index, { copy }] of source.tables.entries()) {
    await bulkInsert(manager, copy.table, copied.flatMap((tables) => tables[index]));
  }
  // Copies of the stemmed search rows get their plain-words and key rows, as researchSearchIndex writes them.
  if (dialectOf(manager.connection) === 'sqlite') await researchSearchIndex.completeSqliteRows(manager);
}

/**
 * One copy of every source row: each row gets a new id, and every column
 * holding the id of a copied row points at that row's copy. Ids are UUIDs,
 * so a value found among the copied ids is a reference; references to rows
 * outside the programme (administrations, reviewers) stay as they are.
 */
function copyRows(source: ProgrammeRows, copy: CopyIdentity): Row[][] {
  const newIds = new Map<unknown, string>();
  for (const { rows } of source.tables) for (const row of rows) if (row.id != null) newIds.set(row.id, randomUUID());
  return source.tables.map(({ copy: table, rows }) =>
    rows.map((row) => {
      const out: Row = {};
      for (const [column, value] of Object.entries(row)) out[column] = newIds.get(value) ?? value;
      table.rewrite?.(out, copy);
      return out;
    }),
  );
}

function auditEntry(manager: EntityManager, clock: Clock, report: SyntheticReport): AuditEntry {
  return manager.create(AuditEntry, {
    occurredAt: clock.now(),
    actorId: null,
    actorLabel: 'system:seed-synthetic',
    requestId: null,
    operation: 'seed:synthetic',
    entityType: 'Database',
    entityId: null,
    before: null,
    after: { ...report },
  });
}
