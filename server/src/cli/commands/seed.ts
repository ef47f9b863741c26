import { Option, type Command } from 'commander';
import { openDatabase } from '../../db/data-source';
import { MigrationStateError } from '../../db/migration-status';
import { seed, SEED_PROFILES, type SeedProfile } from '../../db/seed/seed';
import { configuredCredentials } from '../../modules/certificate/credential/credential-settings';
import { CliFailure } from '../cli-errors';
import { cliClock, cliConfig, cliLogger } from '../cli-context';

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description(
      'load a seed profile into the database (idempotent: what exists is left as it is). ' +
        '`history`: the programme\'s public record only (regions, administrations, cohorts, events); ' +
        '`demo`: the history plus sample people, the demonstration programme and the demo users',
    )
    .addOption(new Option('--profile <profile>', 'the profile (default: SEED_PROFILE, else history in production and demo elsewhere)').choices(SEED_PROFILES))
    .action(async (options: { profile?: SeedProfile }) => {
      const config = cliConfig();
      const log = cliLogger(config);
      const profile = options.profile ?? config.seedProfile;
      const credentials = configuredCredentials(config);
      let bundle;
      try {
        bundle = await openDatabase(config.database, log, { migrations: config.migrateOnStart ? 'run' : 'require-current' });
      } catch (err) {
        if (err instanceof MigrationStateError) throw new CliFailure(err.message);
        throw err;
      }
      try {
        const report = await seed(bundle.dataSource, cliClock(config), log, credentials, { profile });
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } finally {
        await bundle.database.close();
      }
    });
}
