/**
 * The built `cdp-hub` tool (`npm run build` first), as an operator runs it:
 * --help everywhere, exit codes (0 success, 1 failure, 2 bad usage or
 * configuration), one-line errors (a stack only with --verbose), and on each
 * database: migrate and migrate --check, the seed profiles and their
 * defaults, users, key rotation, doctor, verify finding damage, restore's
 * refusals, and the server's refusals of an unknown migration and (in
 * production) of pending ones.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postgresRunner, sqliteRunner, type SqlRunner } from '../../server/src/ops/sql-runner';
import { SigningKeyRing } from '../../server/src/modules/certificate/credential/signing-keys';
import { DEMO_USERS } from '../../server/src/db/seed/demo-users';
import history from '../../server/src/db/seed/cdp-history.json';
import { cdpHub, CDP_HUB, databaseUrl } from '../support/cdp-hub';
import { describeEachDatabase, type TestDatabase } from '../support/databases';
import { exitOf, start, stop, waitForLog } from '../support/process';
import { TEST_NOW } from '../support/server';
import { startSmtpSink } from '../support/smtp-sink';

const PEPPER = randomBytes(36).toString('base64url');

let dir: string;
let keyFile: string;
beforeAll(() => {
  if (!fs.existsSync(CDP_HUB)) throw new Error(`${CDP_HUB} is missing: run npm run build first`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-hub-cli-'));
  keyFile = path.join(dir, 'signing-keys.json');
  fs.writeFileSync(keyFile, JSON.stringify(SigningKeyRing.generate().toPrivateJwks()), { mode: 0o600 });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The one line an error is, whatever it says. */
const oneLine = (stderr: string) => expect(stderr.trimEnd().split('\n')).toHaveLength(1);

describe('cdp-hub: help, usage and errors', () => {
  it.each([
    [[]],
    [['serve']],
    [['migrate']],
    [['seed']],
    [['user']],
    [['user', 'create']],
    [['user', 'deactivate']],
    [['user', 'list']],
    [['keys']],
    [['keys', 'rotate']],
    [['backup']],
    [['restore']],
    [['verify']],
    [['doctor']],
  ])('answers --help for %j with exit 0', async (command) => {
    const result = await cdpHub([...command, '--help'], {});
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(new RegExp(`^Usage: cdp-hub${command.length ? ` ${command.join(' ')}` : ''} `));
  });

  it.each([
    ['an unknown command', ['frobnicate'], /unknown command 'frobnicate'/],
    ['an unknown option', ['migrate', '--bogus'], /unknown option '--bogus'/],
    ['a missing required option', ['backup'], /required option '--to <file>' not specified/],
    ['a profile that does not exist', ['seed', '--profile', 'everything'], /argument 'everything' is invalid.*history, demo/],
    ['an unknown role', ['user', 'create', '--email', 'x@customs.example', '--role', 'KING'], /Unknown role "KING"/],
  ])('refuses %s with exit 2 and one line', async (_, args, message) => {
    const result = await cdpHub(args, { DATABASE_URL: `sqlite:${path.join(dir, 'unused.sqlite')}` });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    oneLine(result.stderr);
    expect(fs.existsSync(path.join(dir, 'unused.sqlite'))).toBe(false);
  });

  it('refuses a bad configuration with exit 2, every problem on one line', async () => {
    const result = await cdpHub(['migrate'], { DATABASE_URL: 'mysql://nope', SEED_PROFILE: 'all' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^cdp-hub: Invalid configuration: .*DATABASE_URL: .*SEED_PROFILE: /);
    oneLine(result.stderr);
  });

  it('fails with exit 1 and one line without a stack, and with --verbose shows the stack', async () => {
    const env = { DATABASE_URL: `sqlite:${path.join(dir, 'users.sqlite')}`, CDP_SIGNING_KEY_FILE: keyFile };
    const plain = await cdpHub(['user', 'deactivate', '--email', 'nobody@customs.example'], env);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toBe('cdp-hub: No user signs in with nobody@customs.example.\n');
    const verbose = await cdpHub(['--verbose', 'user', 'deactivate', '--email', 'nobody@customs.example'], env);
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/^cdp-hub: No user signs in with nobody@customs\.example\.\nCliFailure: .*\n\s+at /);
    // After the command too.
    expect((await cdpHub(['user', 'deactivate', '--email', 'nobody@customs.example', '--verbose'], env)).stderr).toMatch(/\n\s+at /);
  });
});

describeEachDatabase('cdp-hub on a database', (kind) => {
  const databases: TestDatabase[] = [];
  const fresh = async () => {
    const db = await kind.create();
    databases.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of databases) await db.drop();
  });
  const development = (db: TestDatabase) => ({ DATABASE_URL: databaseUrl(db.config), CDP_CLOCK: TEST_NOW, CDP_SIGNING_KEY_FILE: keyFile, CDP_TOKEN_PEPPER: PEPPER });
  const production = (db: TestDatabase) => ({ DATABASE_URL: databaseUrl(db.config), NODE_ENV: 'production', CDP_SIGNING_KEY_FILE: keyFile, CDP_TOKEN_PEPPER: PEPPER, MAIL: 'off' });
  const runner = (db: TestDatabase): Promise<SqlRunner> =>
    db.config.kind === 'sqlite' ? Promise.resolve(sqliteRunner(db.config.file, { readonly: false })) : postgresRunner(db.config.url);
  async function sql<T = Record<string, unknown>>(db: TestDatabase, statement: string, parameters: unknown[] = []): Promise<T[]> {
    const r = await runner(db);
    try {
      return await r.query<T>(statement, parameters);
    } finally {
      await r.close();
    }
  }
  const count = async (db: TestDatabase, table: string) => Number((await sql<{ n: unknown }>(db, `SELECT COUNT(*) AS n FROM "${table}"`))[0].n);

  it('migrate --check exits 1 while migrations are pending and 0 once migrate has applied them', async () => {
    const db = await fresh();
    const before = await cdpHub(['migrate', '--check'], production(db));
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(/^\d+ migration\(s\) pending: InitialSchema\d+(, [A-Za-z]+\d+)*, DemonstrationProgramme\d+(, [A-Za-z]+\d+)*\. Run `cdp-hub migrate`\.$/m);
    const migrated = await cdpHub(['migrate'], production(db));
    expect(migrated.code).toBe(0);
    expect(migrated.stdout.trim().split('\n')).toHaveLength(await count(db, 'migrations'));
    expect(await cdpHub(['migrate', '--check'], production(db))).toMatchObject({ code: 0, stdout: '' });
    expect((await cdpHub(['migrate'], production(db))).stderr).toMatch(/Nothing to do/);
  });

  it('serve runs the server, which stops on SIGTERM with exit 0', async () => {
    const db = await fresh();
    const child = spawn(process.execPath, [CDP_HUB, 'serve'], { env: { PATH: process.env.PATH ?? '', ...development(db), PORT: '0', HOST: '127.0.0.1', SEED_ON_START: 'false' } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    const deadline = Date.now() + 30_000;
    let url: string | undefined;
    while (!url && Date.now() < deadline && child.exitCode == null) {
      url = out.split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((l) => typeof l.url === 'string')?.url;
      if (!url) await new Promise((r) => setTimeout(r, 50));
    }
    expect(url).toBeDefined();
    expect(await (await fetch(new URL('/healthz', url))).json()).toEqual({ status: 'ok' });
    child.kill('SIGTERM');
    const [code] = await once(child, 'close');
    expect(code).toBe(0);
  });

  it('in production the server refuses pending migrations, naming the command; MIGRATE_ON_START=true runs them; seed loads the history only', async () => {
    const db = await fresh();
    const env = { ...production(db), PORT: '0', HOST: '127.0.0.1' };
    const refused = await exitOf(start(env));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^Refusing to start: the database needs \d+ migration\(s\) .*run `cdp-hub migrate`/m);
    expect(await sql(db, `SELECT 1 FROM ${db.config.kind === 'sqlite' ? 'sqlite_master' : 'pg_tables'} WHERE ${db.config.kind === 'sqlite' ? 'name' : 'tablename'} = 'migrations'`)).toEqual([]);

    // SEED_ON_START=true in production: the history, no samples, no demo users, and the server serves.
    const running = start({ ...env, MIGRATE_ON_START: 'true', SEED_ON_START: 'true' });
    try {
      const ready = await waitForLog(running, (l) => typeof l.url === 'string');
      expect(running.lines.find((l) => l.msg === 'empty database: seeding the programme history')).toMatchObject({ profile: 'history' });
      const res = await fetch(ready.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ programme(code: "WCO-JAPAN-CDP") { cohorts { totalCount } } }' }),
      });
      // Production runs trusted documents only; the refusal shows the server is up on the migrated database.
      expect(res.status).toBeLessThan(500);
    } finally {
      await stop(running);
    }
    expect(await count(db, 'cohort')).toBe(history.cohorts.length);
    expect(await count(db, 'administration')).toBe(history.administrations.length);
    expect(await count(db, 'region')).toBe(history.regions.length);
    expect(await count(db, 'event')).toBe(history.cohorts.reduce((n, c) => n + (c.events?.length ?? 0), 0));
    for (const table of ['professional_associate', 'certificate', 'research_project', 'nomination', 'invitation', 'app_user']) expect({ table, n: await count(db, table) }).toEqual({ table, n: 0 });
    expect(await sql(db, `SELECT "code" FROM "programme"`)).toEqual([{ code: history.programme.code }]);

    // `cdp-hub seed` in production: the history profile again, nothing new.
    const seeded = await cdpHub(['seed'], production(db));
    expect(seeded.code).toBe(0);
    expect(JSON.parse(seeded.stdout)).toMatchObject({ profile: 'history', created: { Cohort: 0, User: 0, ProfessionalAssociate: 0 } });
  });

  it('seed defaults to the demo profile in development, with the demo users and the demonstration programme; user create, list and deactivate', async () => {
    const db = await fresh();
    const seeded = await cdpHub(['seed'], development(db));
    expect(seeded.code).toBe(0);
    expect(JSON.parse(seeded.stdout)).toMatchObject({ profile: 'demo', created: { User: 4, ProfessionalAssociate: 64, Programme: 2 } });
    expect((await sql<{ code: string }>(db, `SELECT "code" FROM "programme" ORDER BY "code"`)).map((r) => r.code)).toEqual(['CDP-DEMO', 'WCO-JAPAN-CDP']);

    const made = await cdpHub(['user', 'create', '--email', 'Reviewer.Two@Customs.example', '--role', 'reviewer', '--name', 'Reviewer Two'], {
      ...development(db),
      CDP_USER_PASSWORD: 'a-fine-long-passphrase',
    });
    expect(made).toMatchObject({ code: 0, stdout: expect.stringMatching(/^[A-Za-z0-9_-]+\n$/) });

    const listed = await cdpHub(['user', 'list', '--json'], development(db));
    expect(listed.code).toBe(0);
    const users = JSON.parse(listed.stdout) as Array<{ id: string; email: string; role: string; active: boolean; demo: boolean }>;
    expect(users.map((u) => u.email).sort()).toEqual([...Object.values(DEMO_USERS).map((u) => u.email), 'reviewer.two@customs.example'].sort());
    expect(users.find((u) => u.email === 'reviewer.two@customs.example')).toMatchObject({ id: made.stdout.trim(), role: 'REVIEWER', active: true, demo: false });
    const table = await cdpHub(['user', 'list'], development(db));
    expect(table.stdout.split('\n')[0]).toMatch(/^EMAIL\s+ROLE\s+ACTIVE\s+DEMO\s+ADMINISTRATION\s+LAST SIGN-IN$/);

    expect(await cdpHub(['user', 'deactivate', '--email', 'REVIEWER.TWO@customs.example'], development(db))).toMatchObject({ code: 0 });
    const again = await cdpHub(['user', 'deactivate', '--email', 'reviewer.two@customs.example'], development(db));
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/USER_INACTIVE/);
    // The same rules as the mutation: the last active ADMIN stays.
    const last = await cdpHub(['user', 'deactivate', '--email', DEMO_USERS.ADMIN.email], development(db));
    expect(last.code).toBe(1);
    expect(last.stderr).toMatch(/LAST_ADMIN/);
    oneLine(last.stderr);
    const audit = await sql<{ actorLabel: string; operation: string }>(db, `SELECT "actorLabel", "operation" FROM "audit_entry" WHERE "operation" IN ('createUser', 'deactivateUser') ORDER BY "operation"`);
    expect(audit).toEqual([
      { actorLabel: 'system:cli', operation: 'createUser' },
      { actorLabel: 'system:cli', operation: 'deactivateUser' },
    ]);

    // Doctor: all well here; a Redis that does not answer fails it.
    const doctor = await cdpHub(['doctor'], development(db));
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toMatch(/^ok\s+configuration\s+development, /m);
    for (const check of ['database', 'migrations', 'signing keys', 'mail', 'redis']) expect(doctor.stdout).toMatch(new RegExp(`^ok\\s+${check}\\s`, 'm'));
    expect(doctor.stdout).toMatch(/^ok\s+mail\s+no MAIL_URL: letters go to the development mailbox/m);
    const noRedis = await cdpHub(['doctor'], { ...development(db), REDIS_URL: 'redis://127.0.0.1:1' });
    expect(noRedis.code).toBe(1);
    expect(noRedis.stdout).toMatch(/^FAIL\s+redis\s+unreachable/m);
    // Mail: an SMTP server that takes our sign-in passes; a wrong password and a closed port fail, the password never shown.
    const sink = await startSmtpSink();
    try {
      const smtp = await cdpHub(['doctor'], { ...development(db), MAIL_URL: sink.url });
      expect(smtp.stdout).toMatch(/^ok\s+mail\s+smtp:\/\/.*accepts a connection and our sign-in/m);
      const wrong = await cdpHub(['doctor'], { ...development(db), MAIL_URL: sink.url.replace(/:[^:@/]+@/, ':wrong-password@') });
      expect(wrong.code).toBe(1);
      expect(wrong.stdout).toMatch(/^FAIL\s+mail\s/m);
      expect(wrong.stdout).not.toContain('wrong-password');
    } finally {
      await sink.close();
    }
    const closed = await cdpHub(['doctor'], { ...development(db), MAIL_URL: 'smtp://127.0.0.1:1' });
    expect(closed.code).toBe(1);
    expect(closed.stdout).toMatch(/^FAIL\s+mail\s+smtp:\/\/127\.0\.0\.1:1/m);

    // verify passes on it, then finds a tampered credential and a row pointing at a missing one.
    expect(await cdpHub(['verify'], development(db))).toMatchObject({ code: 0 });
    const [{ serial }] = await sql<{ serial: string }>(db, `SELECT MIN("serial") AS serial FROM "certificate"`);
    await sql(db, `UPDATE "certificate" SET "credential" = REPLACE("credential", 'Secretary General', 'Deputy Secretary General') WHERE "serial" = $1`, [serial]);
    const orphan = '00000000-0000-4000-8000-000000000000';
    const breakKey = `UPDATE "alumni_profile" SET "associateId" = '${orphan}' WHERE "id" = (SELECT "id" FROM "alumni_profile" ORDER BY "id" LIMIT 1)`;
    // The foreign key is enforced: it is switched off for this one connection, as a careless repair by hand would.
    const r = await runner(db);
    try {
      await r.query(db.config.kind === 'sqlite' ? 'PRAGMA foreign_keys = OFF' : 'SET session_replication_role = replica');
      await r.query(breakKey);
      // And a user the audit log records creating goes missing.
      await r.query(`DELETE FROM "app_user" WHERE "email" = 'reviewer.two@customs.example'`);
    } finally {
      await r.close();
    }
    const damaged = await cdpHub(['verify'], development(db));
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toMatch(new RegExp(`^FAIL\\s+credentials\\s+1 of \\d+ credentials do not verify: ${serial} \\(BAD_SIGNATURE\\)`, 'm'));
    expect(damaged.stdout).toMatch(/^FAIL\s+foreign keys\s+.*alumni_profile -> professional_associate \(1\)/m);
    expect(damaged.stdout).toMatch(/^FAIL\s+audit log\s+1 audited User row\(s\) missing from app_user/m);
    expect(damaged.stdout).toMatch(/^ok\s+integrity/m);
  });

  it('refuses a database migrated by a newer version: the server at start and migrate alike, changing nothing', async () => {
    const db = await fresh();
    expect((await cdpHub(['migrate'], development(db))).code).toBe(0);
    await sql(db, `INSERT INTO "migrations" ("timestamp", "name") VALUES ($1, $2)`, [4102444800000, 'FromTheFuture4102444800000']);
    const applied = await count(db, 'migrations');
    const refused = await exitOf(start({ ...development(db), PORT: '0', HOST: '127.0.0.1' }));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^Refusing to start: the database was migrated by a newer version of CDP Hub: .*\(FromTheFuture4102444800000\)/m);
    const migrate = await cdpHub(['migrate'], development(db));
    expect(migrate.code).toBe(1);
    expect(migrate.stderr).toMatch(/newer version of CDP Hub.*FromTheFuture4102444800000/);
    oneLine(migrate.stderr);
    expect(await count(db, 'migrations')).toBe(applied);
    expect((await cdpHub(['verify'], development(db))).stdout).toMatch(/^FAIL\s+migrations\s+made by a newer CDP Hub: unknown migration\(s\) FromTheFuture/m);
  });

  it('keys rotate appends a key to the key file, owner-only, and prints its id', async () => {
    const file = path.join(dir, `rotate-${kind.name}.json`);
    fs.copyFileSync(keyFile, file);
    const before = JSON.parse(fs.readFileSync(file, 'utf8')).keys;
    const rotated = await cdpHub(['keys', 'rotate', '--file', file], {});
    expect(rotated.code).toBe(0);
    const after = JSON.parse(fs.readFileSync(file, 'utf8')).keys;
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: rotated.stdout.trim(), d: expect.any(String) });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    fs.writeFileSync(file, 'not json');
    const broken = await cdpHub(['keys', 'rotate', '--file', file], {});
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/cannot read the signing key file/);
    expect(fs.readFileSync(file, 'utf8')).toBe('not json');
  });

  it('restore refuses a database that holds data or is in use, unless --force', async () => {
    const source = await fresh();
    expect((await cdpHub(['seed', '--profile', 'history'], development(source))).code).toBe(0);
    const backup = path.join(dir, `refusals-${kind.name}.backup`);
    expect((await cdpHub(['backup', '--to', backup], development(source))).code).toBe(0);
    expect((await cdpHub(['backup', '--to', backup], development(source))).code).toBe(2);

    const target = await fresh();
    expect((await cdpHub(['seed', '--profile', 'demo'], development(target))).code).toBe(0);
    const held = await cdpHub(['restore', '--from', backup], development(target));
    expect(held.code).toBe(1);
    expect(held.stderr).toMatch(/holds data \(.*\): restore into an empty database, or add --force/);
    expect(await count(target, 'professional_associate')).toBe(64);

    const running = start({ ...development(target), PORT: '0', HOST: '127.0.0.1' });
    try {
      await waitForLog(running, (l) => typeof l.url === 'string');
      const inUse = await cdpHub(['restore', '--from', backup], development(target));
      expect(inUse.code).toBe(1);
      expect(inUse.stderr).toMatch(/in use/);
    } finally {
      await stop(running);
    }
    expect(await count(target, 'professional_associate')).toBe(64);

    const forced = await cdpHub(['restore', '--from', backup, '--force'], development(target));
    expect(forced.code).toBe(0);
    expect(await count(target, 'professional_associate')).toBe(0);
    expect(await count(target, 'cohort')).toBe(history.cohorts.length);
    // A backup of the other kind of database is refused as bad usage.
    const other = path.join(dir, `other-kind-${kind.name}.backup`);
    fs.writeFileSync(other, kind.name === 'sqlite' ? 'PGDMP fake' : 'SQLite format 3\0 fake');
    expect((await cdpHub(['restore', '--from', other], development(target))).code).toBe(2);
  });
});

