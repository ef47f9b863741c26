/**
 * Benchmark for the SQLite transaction seam: how reads fare while write
 * transactions run, under the two designs that keep reads from seeing
 * uncommitted rows. Run by hand (`npm run bench:isolation`); prints figures.
 *
 * - reader: reads use a separate read-only connection (WAL), as CDP Hub does;
 * - queued: reads use the writing connection and wait behind the write queue.
 *
 * Each write transaction inserts an audit row and holds the transaction for
 * `HOLD_MS` (standing in for a mutation's rule checks), so the figures show
 * what a read pays while a write is open.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Mutex } from 'async-mutex';
import { systemClock } from '../common/clock';
import { createLogger } from '../common/logger';
import { openDatabase } from '../db/data-source';
import { seedIfEmpty } from '../db/seed/seed-if-empty';
import { AuditEntry } from '../modules/audit/audit-entry.entity';
import { Cohort } from '../modules/cohort/cohort.entity';

const HOLD_MS = 5;
const SECONDS = 5;
const READERS = 8;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)];

async function main() {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-bench-')), 'bench.sqlite');
  const logger = createLogger('warn');
  const bundle = await openDatabase({ kind: 'sqlite', file }, logger);
  await seedIfEmpty(bundle.dataSource, systemClock, logger);
  const { database } = bundle;
  const queuedReads = new Mutex();

  const write = () =>
    database.transaction(async (manager) => {
      await manager.insert(AuditEntry, {
        occurredAt: new Date(),
        actorId: null,
        actorLabel: 'bench',
        requestId: null,
        operation: 'bench',
        entityType: 'Bench',
        entityId: null,
        before: null,
        after: null,
      });
      await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
    });

  const designs = {
    reader: () => database.reader.getRepository(Cohort).find({ take: 20 }),
    // The queue is the write queue's stand-in: a read waits while any write is open.
    queued: () => queuedReads.runExclusive(() => database.writer.getRepository(Cohort).find({ take: 20 })),
  };

  console.log(`machine: ${os.cpus()[0]?.model} x${os.cpus().length}; ${READERS} concurrent readers, writes holding ${HOLD_MS} ms, ${SECONDS} s per round`);
  for (let round = 0; round < 2; round++) {
    for (const [name, read] of Object.entries(designs)) {
      const latencies: number[] = [];
      let writes = 0;
      const until = Date.now() + SECONDS * 1000;
      const writer = (async () => {
        while (Date.now() < until) {
          if (name === 'queued') await queuedReads.runExclusive(write);
          else await write();
          writes++;
        }
      })();
      const readers = Array.from({ length: READERS }, async () => {
        while (Date.now() < until) {
          const started = performance.now();
          await read();
          latencies.push(performance.now() - started);
          // better-sqlite3 answers synchronously: yield as an HTTP server would, so timers (the writes) run.
          await new Promise((resolve) => setImmediate(resolve));
        }
      });
      await Promise.all([writer, ...readers]);
      console.log(
        `round ${round + 1} ${name.padEnd(6)} reads/s ${(latencies.length / SECONDS).toFixed(0).padStart(6)}  median ${median(latencies).toFixed(2)} ms  p99 ${p99(latencies).toFixed(2)} ms  writes/s ${(writes / SECONDS).toFixed(0)}`,
      );
    }
  }
  await database.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
