/**
 * Getting the first accounts into a real deployment, with the built
 * programs (`npm run build` first): the server process refuses production
 * without a token pepper, without certificate signing keys or with active
 * demo users, creates the first ADMIN from CDP_ADMIN_EMAIL/CDP_ADMIN_PASSWORD
 * (in production and on a freshly seeded development database) or warns why
 * not, and the user:create CLI adds
 * users through the same rules as the createUser mutation.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { fixedClock } from '../../server/src/common/clock';
import { createLogger } from '../../server/src/common/logger';
import { openDatabase } from '../../server/src/db/data-source';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/db/seed/demo-users';
import { seed } from '../../server/src/db/seed/seed';
import { fromGlobalId } from '../../server/src/graphql/relay/global-id';
import { Administration } from '../../server/src/modules/administration/administration.entity';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity';
import { SigningKeyRing } from '../../server/src/modules/certificate/credential/signing-keys';
import { User } from '../../server/src/modules/user/user.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { BOOTSTRAP_SKIPPED } from '../../server/src/auth/bootstrap';
import { DIST, exitOf, MAIN, start, stop, waitForLog } from '../support/process';
import { TEST_NOW } from '../support/server';
import { operationSources } from '../../sdk/src/generated/graphql';

const CLI = path.join(DIST, 'cli', 'cdp-hub.js');
const PEPPER = randomBytes(36).toString('base64url');
const ADMIN_EMAIL = 'first.admin@customs.example';
const ADMIN_PASSWORD = 'first-admin-passphrase-2026';
/** pino's number for the warn level. */
const WARN = 40;

/** The built `cdp-hub user create` (npm run user:create); `stdin` is written and closed (an absent one is closed empty). */
async function cli(args: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return cdpHub(['user', 'create', ...args], env, stdin);
}

async function cdpHub(args: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(stdin ?? '');
  const [code] = await once(child, 'close');
  return { code, stdout, stderr };
}

async function graphql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

// The SDK's Login: production runs trusted documents only (TRUSTED_DOCUMENTS=only), and sign-in comes before any ADMIN.
const LOGIN = operationSources.Login!;
const login = async (url: string, email: string, password: string) => (await graphql(url, LOGIN, { input: { email, password } })).data.login;

describe('bootstrap: production refusals, the first ADMIN and the user:create CLI (built programs)', () => {
  let dir: string;
  /** A database as development leaves it: seeded, with the four active demo users. */
  let seededUrl: string;
  /** A certificate signing key file (a JWK set of two keys, the second current), as production needs. */
  let keyFile: string;
  const keyRing = SigningKeyRing.generate().rotated();
  const quiet = createLogger('silent', pino.destination({ dest: '/dev/null', sync: true }));

  /** Opens a database file in this process to check what the programs wrote. */
  async function inspect<T>(url: string, look: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
    const db = await openDatabase({ kind: 'sqlite', file: url.slice('sqlite:'.length) }, quiet);
    try {
      return await look(db);
    } finally {
      await db.database.close();
    }
  }

  beforeAll(async () => {
    for (const file of [MAIN, CLI]) if (!fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-hub-bootstrap-'));
    seededUrl = `sqlite:${path.join(dir, 'seeded.sqlite')}`;
    keyFile = path.join(dir, 'signing-keys.json');
    fs.writeFileSync(keyFile, JSON.stringify(keyRing.toPrivateJwks()), { mode: 0o600 });
    await inspect(seededUrl, (db) => seed(db.dataSource, fixedClock(TEST_NOW), quiet));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  describe('the server in production', () => {
    it('refuses to start without CDP_TOKEN_PEPPER (exit 2, naming it)', async () => {
      const { code, stderr } = await exitOf(start({ NODE_ENV: 'production', DATABASE_URL: `sqlite:${path.join(dir, 'unused.sqlite')}`, PORT: '0' }));
      expect(code).toBe(2);
      expect(stderr).toMatch(/Invalid configuration/);
      expect(stderr).toMatch(/CDP_TOKEN_PEPPER: is required in production/);
      // Configuration is checked before anything is opened.
      expect(fs.existsSync(path.join(dir, 'unused.sqlite'))).toBe(false);
    });

    it('refuses to start without CDP_SIGNING_KEY_FILE (exit 2, naming it), or with a key file it cannot use', async () => {
      const unused = `sqlite:${path.join(dir, 'unused.sqlite')}`;
      const missing = await exitOf(start({ NODE_ENV: 'production', CDP_TOKEN_PEPPER: PEPPER, DATABASE_URL: unused, PORT: '0' }));
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/CDP_SIGNING_KEY_FILE: is required in production/);
      const publicOnly = path.join(dir, 'public-only.json');
      fs.writeFileSync(publicOnly, JSON.stringify({ keys: keyRing.keys.map((k) => k.publicJwk) }));
      for (const file of [publicOnly, path.join(dir, 'absent.json')]) {
        const refused = await exitOf(start({ NODE_ENV: 'production', MAIL: 'off', CDP_TOKEN_PEPPER: PEPPER, CDP_SIGNING_KEY_FILE: file, DATABASE_URL: unused, PORT: '0' }));
        expect({ file, code: refused.code }).toEqual({ file, code: 2 });
        expect(refused.stderr).toMatch(/Refusing to start: .*(no private key|cannot read the signing key file)/);
      }
      expect(fs.existsSync(path.join(dir, 'unused.sqlite'))).toBe(false);
    });

    it('refuses to start while demonstration users are active (exit 2, naming their e-mails), and starts once they are deactivated', async () => {
      const env = { NODE_ENV: 'production', MAIL: 'off', CDP_TOKEN_PEPPER: PEPPER, CDP_SIGNING_KEY_FILE: keyFile, DATABASE_URL: seededUrl, PORT: '0', HOST: '127.0.0.1' };
      const refused = await exitOf(start(env));
      expect(refused.code).toBe(2);
      for (const { email } of Object.values(DEMO_USERS)) expect(refused.stderr).toContain(email);
      expect(refused.stderr).toMatch(/Refusing to start in production/);

      // A copy with the demo users deactivated starts: the refusal was about them and nothing else.
      const copy = path.join(dir, 'seeded-no-demo.sqlite');
      fs.copyFileSync(seededUrl.slice('sqlite:'.length), copy);
      await inspect(`sqlite:${copy}`, (db) => db.dataSource.getRepository(User).update({ isDemo: true }, { isActive: false }));
      const running = start({ ...env, DATABASE_URL: `sqlite:${copy}` });
      try {
        const ready = await waitForLog(running, (l) => typeof l.url === 'string');
        expect(ready.env).toBe('production');
        expect((await login(ready.url, DEMO_USERS.ADMIN.email, DEMO_PASSWORD)).userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_CREDENTIALS']);
        // The key file's keys are the ones published, all of them, for credentials signed before a rotation.
        const published = (await (await fetch(ready.url.replace(/\/graphql$/, '/.well-known/cdp-certificate-keys'))).json()) as { keys: Array<{ kid: string }> };
        expect(published.keys.map((k: { kid: string }) => k.kid)).toEqual(keyRing.keys.map((k) => k.kid));
      } finally {
        await stop(running);
      }
    });

    it('creates the first ADMIN from CDP_ADMIN_EMAIL/CDP_ADMIN_PASSWORD on an empty database, once; CLI users sign in beside it', async () => {
      const url = `sqlite:${path.join(dir, 'empty.sqlite')}`;
      const env = { NODE_ENV: 'production', MAIL: 'off', CDP_TOKEN_PEPPER: PEPPER, CDP_SIGNING_KEY_FILE: keyFile, DATABASE_URL: url, SEED_ON_START: 'false', PORT: '0', HOST: '127.0.0.1' };
      // Production does not migrate at start: the install step does.
      expect((await cdpHub(['migrate'], env)).code).toBe(0);
      const first = start({ ...env, CDP_ADMIN_EMAIL: ADMIN_EMAIL, CDP_ADMIN_PASSWORD: ADMIN_PASSWORD });
      let adminId: string;
      try {
        const ready = await waitForLog(first, (l) => typeof l.url === 'string');
        expect(first.lines.some((l) => l.msg === 'first ADMIN created from CDP_ADMIN_EMAIL')).toBe(true);
        // The e-mail is matched without case, as at sign-in.
        const signedIn = await login(ready.url, ADMIN_EMAIL.toUpperCase(), ADMIN_PASSWORD);
        expect(signedIn.userErrors).toEqual([]);
        expect(signedIn.user).toMatchObject({ email: ADMIN_EMAIL, role: 'ADMIN' });
        adminId = signedIn.user.id;

        // The CLI writes to the database the running server serves; the new user signs in at once.
        const password = 'cli-made-reviewer-pass';
        const made = await cli(['--email', 'cli.reviewer@customs.example', '--role', 'REVIEWER', '--name', 'CLI Reviewer'], {
          DATABASE_URL: url,
          CDP_USER_PASSWORD: password,
        });
        expect(made).toMatchObject({ code: 0, stdout: expect.stringMatching(/^[A-Za-z0-9_-]+\n$/) });
        const reviewer = await login(ready.url, 'cli.reviewer@customs.example', password);
        expect(reviewer.user).toMatchObject({ id: made.stdout.trim(), role: 'REVIEWER' });

        // Production runs trusted documents only: an ad-hoc query passes for the ADMIN alone.
        const adHoc = '{ regions { totalCount } }';
        expect((await graphql(ready.url, adHoc, {}, reviewer.token)).errors?.[0]?.extensions?.code).toBe('UNTRUSTED_DOCUMENT');
        expect(await graphql(ready.url, adHoc, {}, signedIn.token)).toEqual({ data: { regions: { totalCount: expect.any(Number) } } });

        const audit = await graphql(
          ready.url,
          `{ auditLog(filter: { operationIn: ["createUser"] }) { nodes { actorLabel actor { id } entityId after } } }`,
          {},
          signedIn.token,
        );
        expect(audit.errors).toBeUndefined();
        const labels = Object.fromEntries(audit.data.auditLog.nodes.map((n: { entityId: string; actorLabel: string }) => [n.entityId, n.actorLabel]));
        expect(labels).toEqual({ [adminId]: 'system:bootstrap', [made.stdout.trim()]: 'system:cli' });
        expect(JSON.stringify(audit)).not.toContain('cli.reviewer@customs.example');
      } finally {
        await stop(first);
      }

      // A second start with other credentials creates nobody, and a warning says why.
      const again = start({ ...env, CDP_ADMIN_EMAIL: 'second.admin@customs.example', CDP_ADMIN_PASSWORD: 'another-admin-passphrase' });
      try {
        const ready = await waitForLog(again, (l) => typeof l.url === 'string');
        expect(again.lines.filter((l) => l.msg === BOOTSTRAP_SKIPPED.adminExists)).toEqual([expect.objectContaining({ level: WARN, reason: 'admin-exists' })]);
        expect((await login(ready.url, 'second.admin@customs.example', 'another-admin-passphrase')).userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_CREDENTIALS']);
        expect((await login(ready.url, ADMIN_EMAIL, ADMIN_PASSWORD)).user.id).toBe(adminId);
      } finally {
        await stop(again);
      }

      // Nor do the first ADMIN's own e-mail and a new password reset that ADMIN's password.
      const reset = start({ ...env, CDP_ADMIN_EMAIL: ADMIN_EMAIL, CDP_ADMIN_PASSWORD: 'a-password-to-take-over-with' });
      try {
        const ready = await waitForLog(reset, (l) => typeof l.url === 'string');
        expect(reset.lines.filter((l) => l.msg === BOOTSTRAP_SKIPPED.emailTaken)).toEqual([expect.objectContaining({ level: WARN, reason: 'email-taken' })]);
        expect((await login(ready.url, ADMIN_EMAIL, 'a-password-to-take-over-with')).userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_CREDENTIALS']);
        expect((await login(ready.url, ADMIN_EMAIL, ADMIN_PASSWORD)).user.id).toBe(adminId);
      } finally {
        await stop(reset);
      }
      expect(await inspect(url, (db) => db.dataSource.getRepository(User).count())).toBe(2);
    });

    it('refuses a weak CDP_ADMIN_PASSWORD without creating anyone', async () => {
      const url = `sqlite:${path.join(dir, 'weak.sqlite')}`;
      const { code, stderr } = await exitOf(
        start({ NODE_ENV: 'production', MAIL: 'off', CDP_TOKEN_PEPPER: PEPPER, CDP_SIGNING_KEY_FILE: keyFile, DATABASE_URL: url, SEED_ON_START: 'false', MIGRATE_ON_START: 'true', PORT: '0', CDP_ADMIN_EMAIL: ADMIN_EMAIL, CDP_ADMIN_PASSWORD: 'short' }),
      );
      expect(code).toBe(1);
      expect(stderr).toMatch(/CDP_ADMIN_PASSWORD must have 12 to 128 characters/);
      expect(await inspect(url, (db) => db.dataSource.getRepository(User).count())).toBe(0);
    });
  });

  describe('the first ADMIN in development', () => {
    const devEnv = (url: string) => ({ DATABASE_URL: url, PORT: '0', HOST: '127.0.0.1', CDP_CLOCK: TEST_NOW, CDP_TOKEN_PEPPER: PEPPER, CDP_SIGNING_KEY_FILE: keyFile });

    it('is created on a fresh database after the seed made its demo users, and signs in; a later start with other credentials creates nobody', async () => {
      const url = `sqlite:${path.join(dir, 'fresh-development.sqlite')}`;
      const first = start({ ...devEnv(url), CDP_ADMIN_EMAIL: ADMIN_EMAIL, CDP_ADMIN_PASSWORD: ADMIN_PASSWORD });
      try {
        const ready = await waitForLog(first, (l) => typeof l.url === 'string');
        expect(ready.env).toBe('development');
        expect(first.lines.some((l) => l.msg === 'first ADMIN created from CDP_ADMIN_EMAIL')).toBe(true);
        expect(first.lines.filter((l) => l.level >= WARN)).toEqual([]);
        const signedIn = await login(ready.url, ADMIN_EMAIL, ADMIN_PASSWORD);
        expect(signedIn.userErrors).toEqual([]);
        expect(signedIn.user).toMatchObject({ email: ADMIN_EMAIL, role: 'ADMIN' });
        // The demo users are there beside it.
        expect((await login(ready.url, DEMO_USERS.ADMIN.email, DEMO_PASSWORD)).userErrors).toEqual([]);
      } finally {
        await stop(first);
      }
      const again = start({ ...devEnv(url), CDP_ADMIN_EMAIL: 'second.admin@customs.example', CDP_ADMIN_PASSWORD: 'another-admin-passphrase' });
      try {
        const ready = await waitForLog(again, (l) => typeof l.url === 'string');
        expect(again.lines.filter((l) => l.msg === BOOTSTRAP_SKIPPED.adminExists)).toEqual([expect.objectContaining({ level: WARN, reason: 'admin-exists' })]);
        expect((await login(ready.url, 'second.admin@customs.example', 'another-admin-passphrase')).userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_CREDENTIALS']);
      } finally {
        await stop(again);
      }
      const admins = await inspect(url, (db) => db.dataSource.getRepository(User).find({ where: { role: UserRole.ADMIN }, order: { email: 'ASC' } }));
      expect(admins.map((u) => [u.email, u.isDemo])).toEqual([
        [DEMO_USERS.ADMIN.email, true],
        [ADMIN_EMAIL, false],
      ]);
    });

    it('is not created when the e-mail belongs to a user, whose password and role stay as they are, and a warning says why', async () => {
      const copy = path.join(dir, 'seeded-email-taken.sqlite');
      fs.copyFileSync(seededUrl.slice('sqlite:'.length), copy);
      const url = `sqlite:${copy}`;
      const running = start({ ...devEnv(url), CDP_ADMIN_EMAIL: DEMO_USERS.REVIEWER.email.toUpperCase(), CDP_ADMIN_PASSWORD: ADMIN_PASSWORD });
      try {
        const ready = await waitForLog(running, (l) => typeof l.url === 'string');
        expect(running.lines.filter((l) => l.msg === BOOTSTRAP_SKIPPED.emailTaken)).toEqual([
          expect.objectContaining({ level: WARN, reason: 'email-taken', role: 'REVIEWER' }),
        ]);
        expect(running.lines.some((l) => l.msg === 'first ADMIN created from CDP_ADMIN_EMAIL')).toBe(false);
        expect((await login(ready.url, DEMO_USERS.REVIEWER.email, ADMIN_PASSWORD)).userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_CREDENTIALS']);
        expect((await login(ready.url, DEMO_USERS.REVIEWER.email, DEMO_PASSWORD)).user).toMatchObject({ role: 'REVIEWER' });
      } finally {
        await stop(running);
      }
      expect(await inspect(url, (db) => db.dataSource.getRepository(User).countBy({ role: UserRole.ADMIN }))).toBe(1);
    });
  });

  describe('cdp-hub user create (npm run user:create)', () => {
    it('creates a FOCAL_POINT with the password on stdin and the administration by ISO2 code', async () => {
      const [chosen] = await inspect(seededUrl, (db) => db.dataSource.getRepository(Administration).find({ order: { iso2: 'ASC' }, take: 1 }));
      // A trailing newline (as from echo) is not part of the password.
      const result = await cli(['--email', 'Focal.One@Customs.example', '--role', 'focal_point', '--administration', chosen.iso2.toLowerCase()], { DATABASE_URL: seededUrl }, 'stdin-given-passphrase\n');
      expect(result.stderr).not.toContain('stdin-given-passphrase');
      expect(result.code).toBe(0);
      const { typeName, id } = fromGlobalId(result.stdout.trim(), new Set(['User']));
      expect(typeName).toBe('User');
      const user = await inspect(seededUrl, (db) => db.dataSource.getRepository(User).findOneByOrFail({ uuid: id }));
      expect(user).toMatchObject({ email: 'focal.one@customs.example', role: 'FOCAL_POINT', administrationId: chosen.uuid, displayName: 'Focal.One', isDemo: false, isActive: true });
      const entry = await inspect(seededUrl, (db) => db.dataSource.getRepository(AuditEntry).findOneByOrFail({ entityId: id, operation: 'createUser' }));
      expect(entry).toMatchObject({ actorLabel: 'system:cli', actorId: null, after: { email: '[redacted]', displayName: '[redacted]', role: 'FOCAL_POINT' } });

      // Signing in proves the stored hash is of exactly the piped line.
      const running = start({ DATABASE_URL: seededUrl, PORT: '0', HOST: '127.0.0.1', CDP_CLOCK: TEST_NOW, SEED_ON_START: 'false', CDP_TOKEN_PEPPER: PEPPER, CDP_SIGNING_KEY_FILE: keyFile });
      try {
        const ready = await waitForLog(running, (l) => typeof l.url === 'string');
        expect((await login(ready.url, 'focal.one@customs.example', 'stdin-given-passphrase')).user).toMatchObject({ role: 'FOCAL_POINT', administration: { iso2: chosen.iso2 } });
      } finally {
        await stop(running);
      }
    });

    it('refuses an existing e-mail, whatever its case (exit 1, EMAIL_TAKEN)', async () => {
      const before = await inspect(seededUrl, (db) => db.dataSource.getRepository(User).count());
      const result = await cli(['--email', DEMO_USERS.REVIEWER.email.toUpperCase(), '--role', 'REVIEWER'], { DATABASE_URL: seededUrl, CDP_USER_PASSWORD: 'a-fine-long-passphrase' });
      expect(result).toMatchObject({ code: 1, stdout: '' });
      expect(result.stderr).toMatch(/EMAIL_TAKEN \(email\): Another user already signs in with this e-mail/);
      expect(await inspect(seededUrl, (db) => db.dataSource.getRepository(User).count())).toBe(before);
    });

    it('refuses a FOCAL_POINT without --administration, and an unknown administration', async () => {
      const env = { DATABASE_URL: seededUrl, CDP_USER_PASSWORD: 'a-fine-long-passphrase' };
      const missing = await cli(['--email', 'fp.none@customs.example', '--role', 'FOCAL_POINT'], env);
      expect(missing).toMatchObject({ code: 1, stdout: '' });
      expect(missing.stderr).toMatch(/ADMINISTRATION_REQUIRED \(administrationId\)/);
      const unknown = await cli(['--email', 'fp.none@customs.example', '--role', 'FOCAL_POINT', '--administration', 'QQ'], env);
      expect(unknown).toMatchObject({ code: 2, stdout: '' });
      expect(unknown.stderr).toMatch(/Unknown administration "QQ"/);
    });

    it('refuses wrong usage with exit 2: an unknown role, an unknown flag, a password on the command line, no password', async () => {
      const env = { DATABASE_URL: seededUrl, CDP_USER_PASSWORD: 'a-fine-long-passphrase' };
      const role = await cli(['--email', 'x@customs.example', '--role', 'SUPERUSER'], env);
      expect(role).toMatchObject({ code: 2, stdout: '' });
      expect(role.stderr).toMatch(/Unknown role "SUPERUSER": use one of ADMIN, REVIEWER, FOCAL_POINT, ASSOCIATE/);
      const flag = await cli(['--email', 'x@customs.example', '--role', 'REVIEWER', '--admin'], env);
      expect(flag.code).toBe(2);
      expect(flag.stderr).toMatch(/unknown option '--admin'/);
      expect(flag.stderr).toMatch(/--help for usage/);
      const argv = await cli(['--email', 'x@customs.example', '--role', 'REVIEWER', '--password', 'on-the-command-line'], { DATABASE_URL: seededUrl });
      expect(argv.code).toBe(2);
      expect(argv.stderr).toMatch(/unknown option '--password'/);
      const none = await cli(['--email', 'x@customs.example', '--role', 'REVIEWER'], { DATABASE_URL: seededUrl }, '');
      expect(none.code).toBe(2);
      expect(none.stderr).toMatch(/No password given/);
      expect(await inspect(seededUrl, (db) => db.dataSource.getRepository(User).countBy({ email: 'x@customs.example' }))).toBe(0);
    });

    it('applies the password policy (exit 1, PASSWORD_TOO_COMMON)', async () => {
      const result = await cli(['--email', 'weak@customs.example', '--role', 'REVIEWER'], { DATABASE_URL: seededUrl }, '1qaz2wsx3edc\n');
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/PASSWORD_TOO_COMMON \(password\)/);
    });
  });
});
