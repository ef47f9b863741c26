/**
 * `cdp-hub user create|deactivate|list`: accounts, through the same
 * UserService as the createUser and deactivateUser mutations (validation,
 * password policy, role/link rules, the last ADMIN, audit entries with the
 * actor "system:cli").
 *
 * The password of `create` comes from CDP_USER_PASSWORD, or when that is
 * unset from standard input (one line; hidden when typed at a terminal). It
 * is never taken from the command line, where `ps` and shell history would
 * show it.
 */
import readline from 'node:readline';
import { Writable } from 'node:stream';
import { Option, type Command } from 'commander';
import { openDatabase, type DataSourceBundle } from '../../db/data-source';
import { MigrationStateError } from '../../db/migration-status';
import { normaliseEmailAddress } from '../../graphql/input/email-address';
import type { UserError } from '../../graphql/mutations/user-error';
import { toGlobalId } from '../../graphql/relay/global-id';
import { Administration } from '../../modules/administration/administration.entity';
import { createUserAsSystem } from '../../modules/user/create-user-as-system';
import { deactivateUserAsSystem } from '../../modules/user/deactivate-user-as-system';
import { User } from '../../modules/user/user.entity';
import { CreateUserInput, DeactivateUserInput } from '../../modules/user/user.inputs';
import { UserRole } from '../../modules/user/user-role';
import { CliFailure, UsageError } from '../cli-errors';
import { cliClock, cliConfig, cliLogger, say } from '../cli-context';
import type { Config } from '../../config';
import type { Logger } from '../../common/logger';

const ACTOR = 'system:cli';

/** The database as the server would find it: never migrated behind the operator's back in production. */
async function openForUsers(config: Config, log: Logger): Promise<DataSourceBundle> {
  try {
    return await openDatabase(config.database, log, { migrations: config.migrateOnStart ? 'run' : 'require-current' });
  } catch (err) {
    if (err instanceof MigrationStateError) throw new CliFailure(err.message);
    throw err;
  }
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
  return errors.map((e) => `${e.code}${e.field ? ` (${e.field.slice(1).join('.')})` : ''}: ${e.message}`).join(' ');
}

function parseRole(value: string): UserRole {
  const role = value.toUpperCase();
  if (!(Object.values(UserRole) as string[]).includes(role)) {
    throw new UsageError(`Unknown role "${value}": use one of ${Object.values(UserRole).join(', ')}.`);
  }
  return role as UserRole;
}

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('user accounts: create, deactivate, list');

  user
    .command('create')
    .description('create a user (the password from CDP_USER_PASSWORD or standard input, never the command line); prints its global ID')
    .requiredOption('--email <e-mail>', 'the e-mail the user signs in with')
    .addOption(new Option('--role <role>', 'ADMIN, REVIEWER, FOCAL_POINT or ASSOCIATE').makeOptionMandatory())
    .option('--name <display name>', 'the display name (default: the e-mail before the @)')
    .option('--administration <ISO2>', 'a FOCAL_POINT\'s administration, by ISO 3166 alpha-2 code')
    .option('--associate <global ID>', 'an ASSOCIATE\'s Professional Associate record')
    .action(async (options: { email: string; role: string; name?: string; administration?: string; associate?: string }) => {
      const role = parseRole(options.role);
      const config = cliConfig();
      const password = await readPassword();
      if (!password) throw new UsageError('No password given: set CDP_USER_PASSWORD or pass it on standard input.');
      const log = cliLogger(config);
      const bundle = await openForUsers(config, log);
      try {
        let administrationId: string | undefined;
        if (options.administration !== undefined) {
          const iso2 = options.administration.trim().toUpperCase();
          const administration = await bundle.dataSource.getRepository(Administration).findOneBy({ iso2 });
          if (!administration) {
            throw new UsageError(
              `Unknown administration "${options.administration}": give the ISO 3166 alpha-2 code of an administration CDP Hub knows (see the administrations query).`,
            );
          }
          administrationId = toGlobalId('Administration', administration.uuid);
        }
        const input = Object.assign(new CreateUserInput(), {
          email: options.email,
          displayName: options.name ?? options.email.split('@')[0],
          role,
          password,
          administrationId,
          associateId: options.associate,
        });
        const result = await createUserAsSystem(bundle.database, cliClock(config), log, ACTOR, input);
        if (result.userErrors.length || !result.user) throw new CliFailure(`The user was not created: ${describeErrors(result.userErrors)}`);
        process.stdout.write(`${toGlobalId('User', result.user.uuid)}\n`);
        say(`Created ${result.user.role} ${result.user.email}.`);
      } finally {
        await bundle.database.close();
      }
    });

  user
    .command('deactivate')
    .description('deactivate a user: they can no longer sign in and their sessions end (the last active ADMIN stays)')
    .requiredOption('--email <e-mail>', 'the user\'s e-mail')
    .action(async (options: { email: string }) => {
      const config = cliConfig();
      const log = cliLogger(config);
      const bundle = await openForUsers(config, log);
      try {
        const found = await bundle.dataSource.getRepository(User).findOneBy({ email: normaliseEmailAddress(options.email) });
        if (!found) throw new CliFailure(`No user signs in with ${options.email}.`);
        const input = Object.assign(new DeactivateUserInput(), { id: toGlobalId('User', found.uuid) });
        const result = await deactivateUserAsSystem(bundle.database, cliClock(config), log, ACTOR, input);
        if (result.userErrors.length) throw new CliFailure(`The user was not deactivated: ${describeErrors(result.userErrors)}`);
        say(`Deactivated ${found.role} ${found.email}.`);
      } finally {
        await bundle.database.close();
      }
    });

  user
    .command('list')
    .description('list the users: e-mail, role, active, demo, administration, last sign-in')
    .option('--json', 'one JSON array instead of a table')
    .action(async (options: { json?: boolean }) => {
      const config = cliConfig();
      const bundle = await openForUsers(config, cliLogger(config));
      try {
        const users = await bundle.dataSource.getRepository(User).find({ relations: { administration: true }, order: { email: 'ASC' } });
        const rows = users.map((u) => ({
          id: toGlobalId('User', u.uuid),
          email: u.email,
          role: u.role,
          active: u.isActive,
          demo: u.isDemo,
          administration: u.administration?.iso2 ?? null,
          lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
        }));
        if (options.json) {
          process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          return;
        }
        const table = [
          ['EMAIL', 'ROLE', 'ACTIVE', 'DEMO', 'ADMINISTRATION', 'LAST SIGN-IN'],
          ...rows.map((r) => [r.email, r.role, r.active ? 'yes' : 'no', r.demo ? 'yes' : 'no', r.administration ?? '-', r.lastLoginAt ?? '-']),
        ];
        const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
        for (const row of table) process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()}\n`);
      } finally {
        await bundle.database.close();
      }
    });
}
