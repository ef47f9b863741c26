import pino from 'pino';
import { fixedClock, systemClock, type Clock } from '../common/clock';
import { createLogger, type Logger } from '../common/logger';
import { ConfigError, loadConfig, type Config } from '../config';
import { UsageError } from './cli-errors';

/** The environment's configuration; a bad one is a usage error (exit 2), named in one line. */
export function cliConfig(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(`Invalid configuration: ${err.problems.join('; ')}`);
    throw err;
  }
}

/**
 * The tools' log goes to stderr, so stdout carries only what a command
 * answers (an ID, a report); at `warn` unless LOG_LEVEL asks for more.
 */
export function cliLogger(config: Config): Logger {
  return createLogger(process.env.LOG_LEVEL?.trim() ? config.logLevel : 'warn', pino.destination({ dest: 2, sync: true }));
}

export function cliClock(config: Config): Clock {
  return config.clockOverride ? fixedClock(config.clockOverride) : systemClock;
}

/** Where to say what is going on: stderr, so stdout stays for a command's answer. */
export function say(line: string): void {
  process.stderr.write(`${line}\n`);
}
