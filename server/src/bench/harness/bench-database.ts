/**
 * The database a benchmark runs on: seeded, with the synthetic copies for
 * its scale, and kept between runs (a SQLite file under the temp folder, or a
 * PostgreSQL database per scale) so that a scale is generated once. A later
 * run only applies new migrations and adds copies that are missing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { systemClock } from '../../common/clock';
import { createLogger } from '../../common/logger';
import type { DatabaseConfig } from '../../config';
import { openDatabase } from '../../db/data-source';
import { seed } from '../../db/seed/seed';
import { synthesize } from '../../db/seed/synthetic/synthesize';
import { User } from '../../modules/user/user.entity';

export const BENCH_CACHE_DIR = path.join(os.tmpdir(), 'cdp-hub-bench');

export type BenchDatabaseKind = 'sqlite' | 'postgres';

export async function prepareBenchDatabase(kind: BenchDatabaseKind, scale: number, postgresAdminUrl: string): Promise<DatabaseConfig> {
  const config = kind === 'sqlite' ? sqliteConfig(scale) : await postgresConfig(postgresAdminUrl, scale);
  const log = createLogger('warn');
  const { dataSource, database } = await openDatabase(config, log);
  try {
    await seed(dataSource, systemClock, log);
    const started = Date.now();
    const report = await synthesize(dataSource, { scale, clock: systemClock });
    if (report.added) console.error(`generated ${report.added} synthetic copies (${report.rows} rows) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    // Production refuses to start while the seed's demonstration users can sign in.
    await dataSource.getRepository(User).update({ isDemo: true }, { isActive: false });
  } finally {
    await database.close();
  }
  return config;
}

function sqliteConfig(scale: number): DatabaseConfig {
  fs.mkdirSync(BENCH_CACHE_DIR, { recursive: true });
  return { kind: 'sqlite', file: path.join(BENCH_CACHE_DIR, `scale-${scale}.sqlite`) };
}

async function postgresConfig(adminUrl: string, scale: number): Promise<DatabaseConfig> {
  const name = `cdp_hub_bench_scale_${scale}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { kind: 'postgres', url: url.toString() };
}

export const databaseUrl = (config: DatabaseConfig) => (config.kind === 'sqlite' ? `sqlite:${config.file}` : config.url);
