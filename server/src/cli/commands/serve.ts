import type { Command } from 'commander';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the server (as npm start does); configured by the environment, see docs/operations.md, Configuration')
    .action(() => {
      // main.js starts the server when loaded, and owns the process from then on (signals, exit codes).
      require('../../main');
      return new Promise<void>(() => undefined);
    });
}
