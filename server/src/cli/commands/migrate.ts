import type { Command } from 'commander';
import { bumpDataVersion } from '../../db/data-version';
import { createDataSource } from '../../db/data-source';
import { migrationStatus, refuseUnknown } from '../../db/migration-status';
import { CliFailure } from '../cli-errors';
import { cliConfig, cliLogger, say } from '../cli-context';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply the pending migrations to the database of DATABASE_URL (the upgrade step in production)')
    .option('--check', 'apply nothing: exit 1 when migrations are pending, 0 when the database is up to date')
    .action(async (options: { check?: boolean }) => {
      const config = cliConfig();
      const dataSource = createDataSource(config.database, cliLogger(config));
      await dataSource.initialize();
      try {
        const status = await migrationStatus(dataSource);
        try {
          refuseUnknown(status);
        } catch (err) {
          throw new CliFailure((err as Error).message);
        }
        if (options.check) {
          if (status.pending.length) {
            say(`${status.pending.length} migration(s) pending: ${status.pending.join(', ')}. Run \`cdp-hub migrate\`.`);
            process.exitCode = 1;
          } else {
            say(`The database is up to date (${status.applied.length} migrations applied).`);
          }
          return;
        }
        if (!status.pending.length) {
          say(`Nothing to do: the database is up to date (${status.applied.length} migrations applied).`);
          return;
        }
        const applied = await dataSource.runMigrations();
        // A migration may change data: answers cached before it must not outlive it.
        await bumpDataVersion(dataSource.manager);
        for (const m of applied) process.stdout.write(`${m.name}\n`);
        say(`Applied ${applied.length} migration(s).`);
      } finally {
        await dataSource.destroy();
      }
    });
}
