/**
 * Benchmark: SQL statements and latency of a nested list query as page sizes
 * grow. Run by hand (`npm run bench:nested`); prints a table, asserts nothing.
 * Uses DATABASE_URL when set (it must be an empty or CDP Hub database),
 * else a fresh SQLite file in the temp folder.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../app';
import { ephemeralAuthSettings } from '../auth/setup';
import { systemClock } from '../common/clock';
import { createLogger } from '../common/logger';
import { parseDatabaseUrl } from '../config';
import { openDatabase } from '../db/data-source';
import { seedIfEmpty } from '../db/seed/seed-if-empty';

const QUERY = `query Nested($size: Int!) {
  cohorts(first: $size) { totalCount nodes { label
    associates(first: $size) { totalCount nodes { fullName administration { iso2 region { code } } research { title themes } } } } }
}`;
// 40 at most: larger pages of this query cost more than the default limit allows.
const SIZES = [1, 5, 10, 25, 40];
const RUNS = 30;

async function main() {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-bench-')), 'bench.sqlite');
  const database = parseDatabaseUrl(process.env.DATABASE_URL ?? `sqlite:${file}`);
  const logger = createLogger('warn');
  const bundle = await openDatabase(database, logger);
  await seedIfEmpty(bundle.dataSource, systemClock, logger);
  const app = await createApp({ database: bundle, clock: systemClock, logger, auth: ephemeralAuthSettings() });
  const url = await app.listen(0, '127.0.0.1');
  const post = async (size: number) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY, variables: { size } }),
    });
    const body = (await res.json()) as { errors?: unknown; data: { cohorts: { nodes: Array<{ associates: { nodes: unknown[] } }> } } };
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data.cohorts.nodes.reduce((n, c) => n + c.associates.nodes.length, 0);
  };

  console.log(`database: ${database.kind}; ${RUNS} runs per page size after one warm-up`);
  console.log('page size | associates returned | SQL statements | median ms | p95 ms');
  for (const size of SIZES) {
    await post(size);
    const before = bundle.statements.count;
    const associates = await post(size);
    const statements = bundle.statements.count - before;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = process.hrtime.bigint();
      await post(size);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(RUNS / 2)].toFixed(1);
    const p95 = times[Math.floor(RUNS * 0.95)].toFixed(1);
    console.log(`${String(size).padStart(9)} | ${String(associates).padStart(19)} | ${String(statements).padStart(14)} | ${median.padStart(9)} | ${p95.padStart(6)}`);
  }
  await app.close();
  await bundle.database.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
