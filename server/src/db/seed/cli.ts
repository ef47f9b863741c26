/**
 * `npm run seed`: brings the database schema up to date and loads the
 * programme's public history and sample data. Safe to run repeatedly.
 *
 * Reads the same environment as the server (DATABASE_URL, LOG_LEVEL,
 * CDP_CLOCK to pin "now", CDP_SIGNING_KEY_FILE and CDP_PUBLIC_URL for the
 * seeded certificates' credentials).
 */
import 'reflect-metadata';
import { fixedClock, systemClock } from '../../common/clock';
import { createLogger, type Logger } from '../../common/logger';
import { loadConfig } from '../../config';
import { configuredCredentials } from '../../modules/certificate/credential/credential-settings';
import { openDatabase } from '../data-source';
import { seed } from './seed';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  try {
    const { dataSource } = await openDatabase(config.database, log);
    try {
      const clock = config.clockOverride ? fixedClock(config.clockOverride) : systemClock;
      const report = await seed(dataSource, clock, log, configuredCredentials(config));
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } finally {
      await dataSource.destroy();
    }
  } catch (err) {
    fail(log, err);
  }
}

function fail(log: Logger | undefined, err: unknown): never {
  if (log) log.error({ err }, 'seed failed');
  else console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}

main().catch((err: unknown) => fail(undefined, err));
