/**
 * `npm run user:create -- --email <e> --role <ROLE> [--name <n>]
 *  [--administration <ISO2>] [--associate <associate global id>]`
 *
 * Creates a user account in the database named by DATABASE_URL, through
 * the same UserService.create as the createUser mutation: same validation,
 * password policy, role/link rules and audit entry (actor "system:cli").
 *
 * The password comes from CDP_USER_PASSWORD, or when that is unset from
 * standard input (one line; hidden when typed at a terminal). It is never
 * taken from the command line, where `ps` and shell history would show it.
 *
 * Prints the new user's global ID on stdout. Exit codes: 0 created;
 * 1 refused by a rule (e.g. EMAIL_TAKEN, PASSWORD_TOO_SHORT) or failed;
 * 2 wrong usage (unknown flag, unknown role or administration).
 */
import 'reflect-metadata';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { fixedClock, systemClock } from '../common/clock';
import { createLogger } from '../common/logger';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../db/data-source';
import type { UserError } from '../graphql/mutations/user-error';
import { toGlobalId } from '../graphql/relay/global-id';
import { Administration } from '../modules/administration/administration.entity';
import { createUserAsSystem } from '../modules/user/create-user-as-system';
import { CreateUserInput } from '../modules/user/user.inputs';
import { UserRole } from '../modules/user/user-role';

const USAGE =
  'Usage: npm run user:create -- --email <e-mail> --role <ADMIN|REVIEWER|FOCAL_POINT|ASSOCIATE> [--name <display name>] ' +
  '[--administration <ISO2 code>] [--associate <associate global ID>]\n' +
  'The password is read from CDP_USER_PASSWORD or, when unset, from standard input.';

class UsageError extends Error {}

interface Options {
  email: string;
  role: UserRole;
  name?: string;
  administration?: string;
  associate?: string;
}

function parseOptions(argv: string[]): Options {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        administration: { type: 'string' },
        associate: { type: 'string' },
      },
    }));
  } catch (err) {
    // parseArgs names the unknown option or the missing value, e.g. "Unknown option '--emial'".
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  if (!values.email) throw new UsageError('--email is required.');
  if (!values.role) throw new UsageError('--role is required.');
  const role = values.role.toUpperCase();
  if (!(Object.values(UserRole) as string[]).includes(role)) {
    throw new UsageError(`Unknown role "${values.role}": use one of ${Object.values(UserRole).join(', ')}.`);
  }
  return { email: values.email, role: role as UserRole, name: values.name, administration: values.administration, associate: values.associate };
}

/** One line of standard input: hidden when a person types it, else read from a pipe to the end. */
async function readPassword(): Promise<string> {
  const fromEnv = process.env.CDP_USER_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (process.stdin.isTTY) {
    process.stderr.write('Password for the new user (not shown): ');
    const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
    const rl = readline.createInterface({ input: process.stdin, output: silent, terminal: true });
    const line = await new Promise<string>((resolve) => rl.once('line', resolve));
    rl.close();
    process.stderr.write('\n');
    return line;
  }
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  // Only the line ending that `echo` or a here-string adds is dropped; other spaces belong to the password.
  return text.replace(/\r?\n$/, '');
}

function describeErrors(errors: UserError[]): string {
  return errors.map((e) => `${e.code}${e.field ? ` (${e.field.slice(1).join('.')})` : ''}: ${e.message}`).join('\n');
}

async function main(): Promise<number> {
  let options: Options;
  let config;
  try {
    options = parseOptions(process.argv.slice(2));
    config = loadConfig();
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n${USAGE}`);
      return 2;
    }
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  const password = await readPassword();
  if (!password) {
    console.error('No password given: set CDP_USER_PASSWORD or pass it on standard input.');
    return 2;
  }

  // Logs go to stderr: stdout carries only the new user's ID, for scripts.
  const log = createLogger(config.logLevel, pino.destination(2));
  const clock = config.clockOverride ? fixedClock(config.clockOverride) : systemClock;
  const bundle = await openDatabase(config.database, log);
  try {
    let administrationId: string | undefined;
    if (options.administration !== undefined) {
      const iso2 = options.administration.trim().toUpperCase();
      const administration = await bundle.dataSource.getRepository(Administration).findOneBy({ iso2 });
      if (!administration) {
        console.error(`Unknown administration "${options.administration}": give the ISO 3166 alpha-2 code of an administration CDP Hub knows (see the administrations query).`);
        return 2;
      }
      administrationId = toGlobalId('Administration', administration.uuid);
    }
    const input = Object.assign(new CreateUserInput(), {
      email: options.email,
      displayName: options.name ?? options.email.split('@')[0],
      role: options.role,
      password,
      administrationId,
      associateId: options.associate,
    });
    const result = await createUserAsSystem(bundle.database, clock, log, 'system:cli', input);
    if (result.userErrors.length || !result.user) {
      console.error(`The user was not created:\n${describeErrors(result.userErrors)}`);
      return 1;
    }
    process.stdout.write(`${result.user.id}\n`);
    console.error(`Created ${result.user.role} ${result.user.email}.`);
    return 0;
  } finally {
    await bundle.database.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`user:create failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
