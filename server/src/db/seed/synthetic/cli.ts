/**
 * `npm run seed:synthetic -- --scale N`: seeds the database if needed (as
 * `npm run seed`), then adds the synthetic copies of the programme that are
 * missing (see synthesize.ts). Reads the same environment as the server
 * (DATABASE_URL, LOG_LEVEL, CDP_CLOCK). The progress bar goes to stderr, the
 * report (JSON) to stdout.
 */
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { exitIfDryRun } from '../../../common/dry-run';
import { SingleBar, Presets } from 'cli-progress';
import { fixedClock, systemClock } from '../../../common/clock';
import { createLogger } from '../../../common/logger';
import { loadConfig } from '../../../config';
import { configuredCredentials } from '../../../modules/certificate/credential/credential-settings';
import { openDatabase } from '../../data-source';
import { seed } from '../seed';
import { MAX_SCALE } from './copy-plan';
import { synthesize } from './synthesize';

const USAGE = `usage: npm run seed:synthetic -- --scale N   (N copies of the seeded programme, 0 to ${MAX_SCALE})`;

function parseScale(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { scale: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const scale = Number(values.scale);
  if (values.scale === undefined || !Number.isInteger(scale) || scale < 0 || scale > MAX_SCALE) {
    console.error(USAGE);
    process.exit(2);
  }
  return scale;
}

async function main(): Promise<void> {
  const scale = parseScale(process.argv.slice(2));
  exitIfDryRun({ seed: 'synthetic', scale });
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const clock = config.clockOverride ? fixedClock(config.clockOverride) : systemClock;
  const { dataSource } = await openDatabase(config.database, log);
  const bar = new SingleBar(
    { format: 'synthetic copies [{bar}] {value}/{total} | {percentage}% | ETA {eta_formatted}', stream: process.stderr },
    Presets.shades_classic,
  );
  try {
    await seed(dataSource, clock, log, configuredCredentials(config));
    let started = false;
    const report = await synthesize(dataSource, {
      scale,
      clock,
      onProgress: ({ done, total }) => {
        if (!started) bar.start(total, done);
        else bar.update(done);
        started = true;
      },
    });
    bar.stop();
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    bar.stop();
    await dataSource.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
});
