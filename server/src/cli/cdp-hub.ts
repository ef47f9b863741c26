#!/usr/bin/env node
/**
 * `cdp-hub`: the operator's tool (the server package's bin). It runs the
 * built code as it is, reads the same environment as the server, and
 * answers --help on every command. Exit codes: 0 success; 1 failure (or a
 * check that did not pass); 2 bad usage or configuration. An error is one
 * line without a stack, unless --verbose.
 */
import 'reflect-metadata';
import { Command, CommanderError } from 'commander';
import { CliFailure, oneLine } from './cli-errors';
import { registerBackupCommands } from './commands/backup';
import { registerDoctorCommand } from './commands/doctor';
import { registerKeysCommands } from './commands/keys';
import { registerMigrateCommand } from './commands/migrate';
import { registerSeedCommand } from './commands/seed';
import { registerServeCommand } from './commands/serve';
import { registerUserCommands } from './commands/user';

export function cdpHubProgram(): Command {
  const program = new Command('cdp-hub')
    .description('CDP Hub operator tool. Reads the server\'s environment (DATABASE_URL, NODE_ENV, CDP_SIGNING_KEY_FILE, ...).')
    .option('--verbose', 'print the stack of an error')
    .exitOverride()
    // Commander's own errors (unknown option, missing value, ...) stay one line too.
    .configureOutput({ outputError: (text, write) => write(`${text.trim().replace(/\s*\n\s*/g, ' ')} (add --help for usage)\n`) });
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerSeedCommand(program);
  registerUserCommands(program);
  registerKeysCommands(program);
  registerBackupCommands(program);
  registerDoctorCommand(program);
  return program;
}

async function main(argv: string[]): Promise<number> {
  const program = cdpHubProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    // Commander has printed its own one-line message (unknown option, missing argument, ...) or the help.
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    const verbose = argv.includes('--verbose');
    const code = err instanceof CliFailure ? err.exitCode : 1;
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`cdp-hub: ${oneLine(message)}\n`);
    if (verbose && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return code;
  }
}

if (require.main === module) {
  void main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
