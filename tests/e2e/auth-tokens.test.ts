/**
 * Sign-in end to end, over HTTP against real databases: what login returns,
 * which bearer tokens are refused (and how), when sessions end, the rules of
 * createUser/updateUser/deactivateUser/changePassword, what the audit log
 * keeps, and that no password or token reaches the log, the audit log or an
 * error response.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger } from '../../server/src/common/logger';
import { tokenDigest } from '../../server/src/auth/tokens';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/db/seed/demo-users';
import { toGlobalId } from '../../server/src/graphql/relay/global-id';
import { ProfessionalAssociate } from '../../server/src/modules/associate/associate.entity';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity';
import { Session } from '../../server/src/modules/user/session.entity';
import { User } from '../../server/src/modules/user/user.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TEST_NOW, type Caller, type TestServer } from '../support/server';

/** A common password of at least 12 characters from zxcvbn's list (the policy's 12-character minimum would catch shorter ones). */
const COMMON_PASSWORD = '1qaz2wsx3edc';

const LOGIN = `mutation ($input: LoginInput!) {
  login(input: $input) { token expiresAt retryAfterSeconds user { id email role } userErrors { code field message } }
}`;
const VIEWER = `{ viewer { id email displayName role isActive administration { id iso2 } associate { id } } }`;
const CREATE_USER = `mutation ($input: CreateUserInput!) {
  createUser(input: $input) { user { id email role isActive administration { id } associate { id } } userErrors { code field message } }
}`;
const UPDATE_USER = `mutation ($input: UpdateUserInput!) {
  updateUser(input: $input) { user { id role email } userErrors { code field message } }
}`;
const DEACTIVATE_USER = `mutation ($input: DeactivateUserInput!) {
  deactivateUser(input: $input) { user { id isActive } userErrors { code field message } }
}`;
const CHANGE_PASSWORD = `mutation ($input: ChangePasswordInput!) {
  changePassword(input: $input) { endedSessionCount user { id } userErrors { code field message } }
}`;
const LOGOUT = `mutation { logout { endedAt userErrors { code } } }`;
const AUDIT_LOG = `query ($filter: AuditEntryFilter) {
  auditLog(first: 100, filter: $filter) { nodes { operation actorLabel actor { id } entityType entityId requestId before after } }
}`;

interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, any> }> };
}

describeEachDatabase('sign-in, bearer tokens and user administration', (kind) => {
  let server: TestServer;
  let admin: Caller;
  /** Everything the server logged (trace level: SQL, requests, errors), to search for leaked secrets. */
  const logged: string[] = [];
  /** Every HTTP response body this suite received. */
  const responses: string[] = [];
  /** Every password and token this suite used or was given; none may appear in the log, the audit log or an error. */
  const secrets = new Set<string>([DEMO_PASSWORD]);
  /** Tokens handed out by login() below, whose login response is recorded in `responses`. */
  const issued = new Set<string>();
  let counter = 0;
  const uniqueEmail = (tag: string) => `${tag}.${++counter}.${randomBytes(3).toString('hex')}@customs.example`;
  const newPassword = () => {
    const password = `pw-${randomBytes(12).toString('base64url')}`;
    secrets.add(password);
    return password;
  };

  /** POST /graphql with exactly these headers; keeps the status, headers and body text. */
  async function post(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<RawResponse> {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await res.text();
    responses.push(text);
    return { status: res.status, headers: res.headers, text, body: JSON.parse(text) };
  }
  const asToken = (token: string | null) => (query: string, variables?: Record<string, unknown>) =>
    post(query, variables, token ? { authorization: `Bearer ${token}` } : {});

  async function login(email: string, password: string) {
    const res = await post(LOGIN, { input: { email, password } });
    expect(res.body.errors).toBeUndefined();
    if (res.body.data.login.token) {
      secrets.add(res.body.data.login.token);
      issued.add(res.body.data.login.token);
    }
    return res.body.data.login;
  }

  async function createUser(input: Record<string, unknown>) {
    const res = await asToken(admin.token)(CREATE_USER, { input });
    expect(res.body.errors).toBeUndefined();
    return res.body.data.createUser;
  }

  /** A new user of this role (with the links it needs), and its password. */
  async function newUser(role: UserRole, links: Record<string, string> = {}) {
    const email = uniqueEmail(role.toLowerCase());
    const password = newPassword();
    const payload = await createUser({ email, displayName: `Test ${role} ${counter}`, role, password, ...links });
    expect(payload.userErrors).toEqual([]);
    return { id: payload.user.id as string, email, password };
  }

  async function rowCounts() {
    const ds = server.database.dataSource;
    return {
      users: await ds.getRepository(User).count(),
      audit: await ds.getRepository(AuditEntry).count(),
      sessions: await ds.getRepository(Session).count(),
    };
  }

  /** Runs a mutation that must be refused, and proves it changed no row: users, sessions and the audit log stay as they were. */
  async function refusedWithoutChange<T>(run: () => Promise<T>): Promise<T> {
    const before = await rowCounts();
    const result = await run();
    expect(await rowCounts()).toEqual(before);
    return result;
  }

  /** A refused token: HTTP 401, UNAUTHENTICATED with a request id, and no data at all (not even anonymous data). */
  function expectUnauthenticated(res: RawResponse) {
    expect(res.status).toBe(401);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', requestId: expect.any(String) });
    expect(res.body.errors![0].extensions!.requestId.length).toBeGreaterThan(0);
  }

  let administrationId: string;
  let associateId: string;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged.push(String(chunk));
        done();
      },
    });
    server = await startTestServer(kind, { logger: createLogger('trace', sink) });
    admin = await server.as(UserRole.ADMIN);
    // The demo users' tokens come from the support's own sign-in, not from login() here.
    for (const role of Object.values(UserRole)) secrets.add((await server.as(role)).token!);
    const ids = await admin.data(`{ administrations(first: 1) { nodes { id } } associates(first: 1) { nodes { id } } }`);
    administrationId = ids.administrations.nodes[0].id;
    associateId = ids.associates.nodes[0].id;
  });
  afterAll(async () => server?.close());

  describe('login and viewer', () => {
    it('returns an opaque token, its expiry and the user; only the token digest is stored', async () => {
      const result = await login(DEMO_USERS.REVIEWER.email.toUpperCase(), DEMO_PASSWORD);
      expect(result.userErrors).toEqual([]);
      expect(result.token).toMatch(/^cdp_[A-Za-z0-9_-]{43}$/);
      // The test server's clock is pinned, so the expiry is exactly now + the 12-hour session lifetime.
      expect(result.expiresAt).toBe(new Date(Date.parse(TEST_NOW) + server.auth.sessionTtlMs).toISOString());
      expect(result.user).toMatchObject({ email: DEMO_USERS.REVIEWER.email, role: 'REVIEWER' });
      expect(result.retryAfterSeconds).toBeNull();

      const session = await server.database.dataSource.getRepository(Session).findOneBy({ tokenHash: tokenDigest(server.auth.pepper, result.token) });
      expect(session).not.toBeNull();
      expect(session!.tokenHash).toBe(createHmac('sha256', server.auth.pepper).update(result.token).digest('hex'));
      const rows = JSON.stringify(await server.database.dataSource.getRepository(Session).find());
      expect(rows).not.toContain(result.token);
    });

    it('viewer returns the signed-in user with role, administration and associate; null when anonymous', async () => {
      const focal = await asToken((await server.as(UserRole.FOCAL_POINT)).token)(VIEWER);
      expect(focal.body.data.viewer).toMatchObject({ email: DEMO_USERS.FOCAL_POINT.email, role: 'FOCAL_POINT', isActive: true, associate: null });
      expect(focal.body.data.viewer.administration.iso2).toMatch(/^[A-Z]{2}$/);

      const associate = await asToken((await server.as(UserRole.ASSOCIATE)).token)(VIEWER);
      expect(associate.body.data.viewer).toMatchObject({ role: 'ASSOCIATE', administration: null, associate: { id: expect.any(String) } });

      const self = await asToken(admin.token)(VIEWER);
      expect(self.body.data.viewer).toMatchObject({ email: DEMO_USERS.ADMIN.email, role: 'ADMIN', administration: null, associate: null });

      const anonymous = await post(VIEWER);
      expect(anonymous.status).toBe(200);
      expect(anonymous.body).toEqual({ data: { viewer: null } });
    });

    it('answers a wrong password and an unknown e-mail identically', async () => {
      const user = await newUser(UserRole.REVIEWER);
      const wrongPassword = await login(user.email, `${user.password}x`);
      const unknownEmail = await login(uniqueEmail('nobody'), user.password);
      expect(wrongPassword).toEqual({
        token: null,
        expiresAt: null,
        retryAfterSeconds: null,
        user: null,
        userErrors: [{ code: 'INVALID_CREDENTIALS', field: null, message: expect.any(String) }],
      });
      expect(unknownEmail).toEqual(wrongPassword);
    });
  });

  describe('refused tokens: HTTP 401 UNAUTHENTICATED, never anonymous data', () => {
    const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

    it('refuses an expired token, from the instant it expires', async () => {
      const user = await newUser(UserRole.REVIEWER);
      const { token } = await login(user.email, user.password);
      const sessions = server.database.dataSource.getRepository(Session);
      const where = { tokenHash: tokenDigest(server.auth.pepper, token) };
      // One millisecond before expiry the token still works...
      await sessions.update(where, { expiresAt: new Date(Date.parse(TEST_NOW) + 1) });
      expect((await asToken(token)(VIEWER)).body.data.viewer.email).toBe(user.email);
      // ...and at the expiry instant it no longer does.
      await sessions.update(where, { expiresAt: new Date(TEST_NOW) });
      const res = await asToken(token)(VIEWER);
      expectUnauthenticated(res);
      expect(res.body.errors![0].message).toMatch(/expired/);
    });

    it('refuses a token with one character changed', async () => {
      const { token } = await login(DEMO_USERS.REVIEWER.email, DEMO_PASSWORD);
      const last = token.at(-1);
      const tampered = [`${token.slice(0, -1)}${last === 'A' ? 'B' : 'A'}`, `${token.slice(0, 10)}${token[10] === 'x' ? 'y' : 'x'}${token.slice(11)}`];
      for (const forged of tampered) {
        expect(forged).toHaveLength(token.length);
        expectUnauthenticated(await asToken(forged)(VIEWER));
      }
      // The original is still good: the refusals were about the change, not the session.
      expect((await asToken(token)(VIEWER)).body.data.viewer.role).toBe('REVIEWER');
    });

    it('refuses JWTs: alg "none", and one signed with another key', async () => {
      const { user } = await login(DEMO_USERS.ADMIN.email, DEMO_PASSWORD);
      const claims = { sub: user.id, role: 'ADMIN', exp: Math.floor(Date.parse(TEST_NOW) / 1000) + 3600 };
      const none = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
      const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims)}`;
      const signature = createHmac('sha256', randomBytes(32)).update(unsigned).digest('base64url');
      for (const jwt of [none, `${unsigned}.${signature}`]) expectUnauthenticated(await asToken(jwt)(`{ viewer { id } users { totalCount } }`));
    });

    it('refuses a malformed Authorization header', async () => {
      const { token } = await login(DEMO_USERS.REVIEWER.email, DEMO_PASSWORD);
      for (const authorization of ['Bearer', 'Bearer ', 'Basic x', `Basic ${token}`, `Token ${token}`, `Bearer ${token} extra`, token]) {
        const res = await post(VIEWER, {}, { authorization });
        // "Bearer " with nothing after it is trimmed to "Bearer": still a header that names no token.
        expectUnauthenticated(res);
      }
    });

    it('refuses the token after logout, and only that session ends', async () => {
      const user = await newUser(UserRole.REVIEWER);
      const first = (await login(user.email, user.password)).token;
      const second = (await login(user.email, user.password)).token;
      const out = await asToken(first)(LOGOUT);
      expect(out.body.data.logout).toEqual({ endedAt: TEST_NOW, userErrors: [] });
      const res = await asToken(first)(VIEWER);
      expectUnauthenticated(res);
      expect(res.body.errors![0].message).toMatch(/revoked/);
      expect((await asToken(second)(VIEWER)).body.data.viewer.email).toBe(user.email);
      // Logging out twice with the dead token is refused like any other request with it.
      expectUnauthenticated(await asToken(first)(LOGOUT));
    });

    it('refuses every session of a user an ADMIN deactivated, and the user can no longer sign in', async () => {
      const user = await newUser(UserRole.REVIEWER);
      const tokens = [(await login(user.email, user.password)).token, (await login(user.email, user.password)).token];
      const res = await asToken(admin.token)(DEACTIVATE_USER, { input: { id: user.id } });
      expect(res.body.data.deactivateUser).toEqual({ user: { id: user.id, isActive: false }, userErrors: [] });
      for (const token of tokens) expectUnauthenticated(await asToken(token)(VIEWER));
      // The deactivated account gets the answer an unknown e-mail gets.
      expect((await login(user.email, user.password)).userErrors).toEqual([
        { code: 'INVALID_CREDENTIALS', field: null, message: expect.any(String) },
      ]);
      // Deactivating again changes nothing.
      const again = await refusedWithoutChange(() => asToken(admin.token)(DEACTIVATE_USER, { input: { id: user.id } }));
      expect(again.body.data.deactivateUser.userErrors).toEqual([{ code: 'USER_INACTIVE', field: ['input', 'id'], message: expect.any(String) }]);
    });

    it('ends the other sessions on a password change; the current one stays', async () => {
      const user = await newUser(UserRole.REVIEWER);
      const current = (await login(user.email, user.password)).token;
      const other = (await login(user.email, user.password)).token;
      const replacement = newPassword();
      const res = await asToken(current)(CHANGE_PASSWORD, { input: { currentPassword: user.password, newPassword: replacement } });
      expect(res.body.data.changePassword).toEqual({ endedSessionCount: 1, user: { id: user.id }, userErrors: [] });
      expect((await asToken(current)(VIEWER)).body.data.viewer.email).toBe(user.email);
      expectUnauthenticated(await asToken(other)(VIEWER));
      expect((await login(user.email, user.password)).userErrors[0].code).toBe('INVALID_CREDENTIALS');
      expect((await login(user.email, replacement)).token).toEqual(expect.any(String));
    });
  });

  describe('role changes apply on the very next request', () => {
    it('a REVIEWER promoted to ADMIN gains ADMIN rights with the same token', async () => {
      const user = await newUser(UserRole.REVIEWER);
      const call = asToken((await login(user.email, user.password)).token);
      const before = await call(`{ users(first: 1) { totalCount } }`);
      expect(before.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const promoted = await asToken(admin.token)(UPDATE_USER, { input: { id: user.id, role: 'ADMIN' } });
      expect(promoted.body.data.updateUser).toMatchObject({ user: { role: 'ADMIN' }, userErrors: [] });
      const after = await call(`{ users(first: 1) { totalCount } }`);
      expect(after.body.errors).toBeUndefined();
      expect(after.body.data.users.totalCount).toBeGreaterThan(4);
      // Put back, so the last-ADMIN rule below starts from the seed's single ADMIN.
      await asToken(admin.token)(UPDATE_USER, { input: { id: user.id, role: 'REVIEWER' } });
    });

    it('a FOCAL_POINT demoted to REVIEWER loses the personal data of its administration at once', async () => {
      // The seed's associates have no e-mail (no real contact data is public), so one gets a work e-mail here.
      const associates = server.database.dataSource.getRepository(ProfessionalAssociate);
      const record = (await associates.find({ order: { fullName: 'ASC' }, take: 1 }))[0];
      await associates.update({ uuid: record.uuid }, { email: 'demoted.fp.check@customs.example' });
      const target = { id: toGlobalId('ProfessionalAssociate', record.uuid), email: 'demoted.fp.check@customs.example' };
      const user = await newUser(UserRole.FOCAL_POINT, { administrationId: toGlobalId('Administration', record.administrationId) });
      const call = asToken((await login(user.email, user.password)).token);
      const EMAIL = `query ($id: ID!) { node(id: $id) { ... on ProfessionalAssociate { email } } }`;
      expect((await call(EMAIL, { id: target.id })).body.data.node.email).toBe(target.email);
      const demoted = await asToken(admin.token)(UPDATE_USER, { input: { id: user.id, role: 'REVIEWER' } });
      expect(demoted.body.data.updateUser).toMatchObject({ user: { role: 'REVIEWER' }, userErrors: [] });
      const after = await call(EMAIL, { id: target.id });
      expect(after.body.errors).toBeUndefined();
      expect(after.body.data.node.email).toBeNull();
      expect((await call(VIEWER)).body.data.viewer).toMatchObject({ role: 'REVIEWER', administration: null });
    });
  });

  describe('createUser, updateUser, deactivateUser and changePassword rules (refusals change nothing)', () => {
    const base = () => ({ email: uniqueEmail('rule'), displayName: 'Rule Test', role: 'REVIEWER', password: newPassword() });
    const refusedCreate = async (input: Record<string, unknown>) => (await refusedWithoutChange(() => createUser(input))).userErrors;

    it('creates each role with the link it needs', async () => {
      const focal = await createUser({ ...base(), role: 'FOCAL_POINT', administrationId });
      expect(focal).toMatchObject({ user: { role: 'FOCAL_POINT', isActive: true, administration: { id: administrationId }, associate: null }, userErrors: [] });
      const associate = await createUser({ ...base(), role: 'ASSOCIATE', associateId });
      expect(associate.userErrors).toEqual([]);
      expect(associate.user.associate).toEqual({ id: associateId });
    });

    it('requires an administration for a FOCAL_POINT and an associate for an ASSOCIATE', async () => {
      expect(await refusedCreate({ ...base(), role: 'FOCAL_POINT' })).toEqual([
        { code: 'ADMINISTRATION_REQUIRED', field: ['input', 'administrationId'], message: expect.any(String) },
      ]);
      expect(await refusedCreate({ ...base(), role: 'ASSOCIATE' })).toEqual([
        { code: 'ASSOCIATE_REQUIRED', field: ['input', 'associateId'], message: expect.any(String) },
      ]);
    });

    it('refuses a link the role cannot have', async () => {
      expect(await refusedCreate({ ...base(), role: 'REVIEWER', administrationId })).toEqual([
        { code: 'LINK_NOT_ALLOWED', field: ['input', 'administrationId'], message: expect.any(String) },
      ]);
      expect(await refusedCreate({ ...base(), role: 'FOCAL_POINT', administrationId, associateId })).toEqual([
        { code: 'LINK_NOT_ALLOWED', field: ['input', 'associateId'], message: expect.any(String) },
      ]);
    });

    it('refuses an e-mail that is taken, whatever its case', async () => {
      const first = base();
      expect((await createUser({ ...first, email: first.email.replace(/^r/, 'R') })).userErrors).toEqual([]);
      expect(await refusedCreate({ ...base(), email: first.email.toUpperCase() })).toEqual([
        { code: 'EMAIL_TAKEN', field: ['input', 'email'], message: expect.any(String) },
      ]);
      expect(await refusedCreate({ ...base(), email: DEMO_USERS.ADMIN.email })).toEqual([
        { code: 'EMAIL_TAKEN', field: ['input', 'email'], message: expect.any(String) },
      ]);
    });

    it('applies the password policy: 12 to 128 characters, not a common password', async () => {
      const field = ['input', 'password'];
      expect(await refusedCreate({ ...base(), password: 'a'.repeat(11) })).toEqual([{ code: 'PASSWORD_TOO_SHORT', field, message: expect.any(String) }]);
      expect(await refusedCreate({ ...base(), password: 'a'.repeat(129) })).toEqual([{ code: 'PASSWORD_TOO_LONG', field, message: expect.any(String) }]);
      expect(await refusedCreate({ ...base(), password: COMMON_PASSWORD })).toEqual([{ code: 'PASSWORD_TOO_COMMON', field, message: expect.any(String) }]);
      // Case does not hide a common password.
      expect(await refusedCreate({ ...base(), password: COMMON_PASSWORD.toUpperCase() })).toEqual([
        { code: 'PASSWORD_TOO_COMMON', field, message: expect.any(String) },
      ]);
      // The boundaries themselves are allowed.
      for (const length of [12, 128]) {
        const password = `${randomBytes(96).toString('base64url')}`.slice(0, length);
        secrets.add(password);
        expect((await createUser({ ...base(), password })).userErrors).toEqual([]);
      }
    });

    it('refuses a malformed e-mail as INVALID_VALUE on its field', async () => {
      expect(await refusedCreate({ ...base(), email: 'not-an-email' })).toEqual([
        { code: 'INVALID_VALUE', field: ['input', 'email'], message: expect.any(String) },
      ]);
    });

    it('keeps one active ADMIN: the last cannot be deactivated or demoted', async () => {
      // Start from exactly one active ADMIN, whatever other tests left behind.
      const { users } = await admin.data(`{ users(first: 100, filter: { roleIn: [ADMIN], isActive: true }) { nodes { id email } } }`);
      for (const other of users.nodes.filter((u: { email: string }) => u.email !== DEMO_USERS.ADMIN.email)) {
        await admin.data(DEACTIVATE_USER, { input: { id: other.id } });
      }
      const self = (await admin.data(`{ viewer { id } }`)).viewer.id;
      const deactivate = await refusedWithoutChange(() => asToken(admin.token)(DEACTIVATE_USER, { input: { id: self } }));
      expect(deactivate.body.data.deactivateUser.userErrors).toEqual([{ code: 'LAST_ADMIN', field: ['input', 'id'], message: expect.any(String) }]);
      const demote = await refusedWithoutChange(() => asToken(admin.token)(UPDATE_USER, { input: { id: self, role: 'REVIEWER' } }));
      expect(demote.body.data.updateUser.userErrors).toEqual([{ code: 'LAST_ADMIN', field: ['input', 'id'], message: expect.any(String) }]);
      expect((await admin.data(VIEWER)).viewer).toMatchObject({ role: 'ADMIN', isActive: true });

      // With a second ADMIN the first may step down, and the rule then protects the second.
      const second = await newUser(UserRole.ADMIN);
      const stepDown = await asToken(admin.token)(UPDATE_USER, { input: { id: self, role: 'REVIEWER' } });
      expect(stepDown.body.data.updateUser).toMatchObject({ user: { role: 'REVIEWER' }, userErrors: [] });
      const secondCall = asToken((await login(second.email, second.password)).token);
      const last = await refusedWithoutChange(() => secondCall(DEACTIVATE_USER, { input: { id: second.id } }));
      expect(last.body.data.deactivateUser.userErrors[0].code).toBe('LAST_ADMIN');
      expect((await secondCall(UPDATE_USER, { input: { id: self, role: 'ADMIN' } })).body.data.updateUser.userErrors).toEqual([]);
    });

    it('changePassword checks the current password and refuses an unchanged one', async () => {
      const user = await newUser(UserRole.REVIEWER);
      const call = asToken((await login(user.email, user.password)).token);
      const wrong = await refusedWithoutChange(() => call(CHANGE_PASSWORD, { input: { currentPassword: `${user.password}!`, newPassword: newPassword() } }));
      expect(wrong.body.data.changePassword).toEqual({
        endedSessionCount: null,
        user: null,
        userErrors: [{ code: 'CURRENT_PASSWORD_INCORRECT', field: ['input', 'currentPassword'], message: expect.any(String) }],
      });
      const same = await refusedWithoutChange(() => call(CHANGE_PASSWORD, { input: { currentPassword: user.password, newPassword: user.password } }));
      expect(same.body.data.changePassword.userErrors).toEqual([{ code: 'PASSWORD_UNCHANGED', field: ['input', 'newPassword'], message: expect.any(String) }]);
      const weak = await refusedWithoutChange(() => call(CHANGE_PASSWORD, { input: { currentPassword: user.password, newPassword: 'short' } }));
      expect(weak.body.data.changePassword.userErrors[0]).toMatchObject({ code: 'PASSWORD_TOO_SHORT', field: ['input', 'newPassword'] });
      // None of it changed the password.
      expect((await login(user.email, user.password)).userErrors).toEqual([]);
    });

    it('lets only an ADMIN manage users', async () => {
      const reviewer = await server.as(UserRole.REVIEWER);
      const res = await refusedWithoutChange(() => asToken(reviewer.token)(CREATE_USER, { input: base() }));
      expect(res.body.data).toBeNull();
      expect(res.body.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN' });
      const anonymous = await refusedWithoutChange(() => post(CREATE_USER, { input: base() }));
      expect(anonymous.body.errors![0].extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it('concurrent createUser with one e-mail: exactly one succeeds, the others get EMAIL_TAKEN', async () => {
      // Two at first sight; four make it likely that on PostgreSQL some pass the e-mail check together and the unique index decides.
      const email = uniqueEmail('race');
      const results = await Promise.all(
        [email, email.toUpperCase(), email, email.replace(/^r/, 'R')].map((variant) => createUser({ ...base(), email: variant })),
      );
      const created = results.filter((r) => r.user);
      const refused = results.filter((r) => !r.user);
      expect(created).toHaveLength(1);
      expect(refused.map((r) => r.userErrors)).toEqual(
        Array(3).fill([{ code: 'EMAIL_TAKEN', field: ['input', 'email'], message: expect.any(String) }]),
      );
      expect(await server.database.dataSource.getRepository(User).countBy({ email })).toBe(1);
      const audits = await admin.data(AUDIT_LOG, { filter: { operationIn: ['createUser'], entityId: created[0].user.id } });
      expect(audits.auditLog.nodes).toHaveLength(1);
    });
  });

  // On SQLite writes queue behind one connection, so the e-mail check always sees a committed rival; on PostgreSQL
  // transactions overlap, and this pins the case where both pass the check and the unique index must decide.
  if (kind.name === 'postgres') {
    it('a createUser that loses to an uncommitted rival on the unique index gets EMAIL_TAKEN, not an internal error', async () => {
      const email = uniqueEmail('rival');
      const runner = server.database.dataSource.createQueryRunner();
      runner.data = { clock: server.clock };
      await runner.connect();
      await runner.startTransaction();
      try {
        await runner.manager.save(
          runner.manager.create(User, { email, passwordHash: 'x', displayName: 'Rival', role: UserRole.REVIEWER, isActive: true, isDemo: false, lastLoginAt: null }),
        );
        const before = await rowCounts();
        const pending = createUser({ email, displayName: 'Loser', role: 'REVIEWER', password: newPassword() });
        // Wait until the request has passed its e-mail check and waits on the index entry the rival holds:
        // only then does the commit below leave the decision to the unique index.
        const waitingOnLock = async () =>
          Number(
            (
              await server.database.dataSource.query(
                `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
              )
            )[0].n,
          );
        const deadline = Date.now() + 10_000;
        while ((await waitingOnLock()) === 0) {
          if (Date.now() > deadline) throw new Error('the createUser request never waited on the unique index');
          await new Promise((r) => setTimeout(r, 20));
        }
        await runner.commitTransaction();
        expect((await pending).userErrors).toEqual([{ code: 'EMAIL_TAKEN', field: ['input', 'email'], message: expect.any(String) }]);
        expect(await rowCounts()).toEqual({ ...before, users: before.users + 1 });
        // PostgreSQL's error detail names the duplicate key ("Key (email)=(...)"); the log must not repeat it.
        expect(logged.join('')).toMatch(/sql statement failed/);
        expect(logged.join('')).not.toContain(email);
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    });
  }

  describe('the audit log', () => {
    it('records sign-in, sign-out and every user change with its actor, and redacts personal and secret values', async () => {
      const adminId = (await admin.data(`{ viewer { id } }`)).viewer.id;
      const user = await newUser(UserRole.REVIEWER);
      const session = asToken((await login(user.email, user.password)).token);
      secrets.add('definitely-not-it');
      await login(user.email, 'definitely-not-it');
      const replacement = newPassword();
      expect((await session(CHANGE_PASSWORD, { input: { currentPassword: user.password, newPassword: replacement } })).body.data.changePassword.userErrors).toEqual([]);
      expect((await session(LOGOUT)).body.data.logout.userErrors).toEqual([]);
      const renamedEmail = uniqueEmail('renamed');
      const update = await asToken(admin.token)(UPDATE_USER, { input: { id: user.id, email: renamedEmail, displayName: 'Secret Name Zebra' } });
      expect(update.body.data.updateUser.userErrors).toEqual([]);
      expect((await asToken(admin.token)(DEACTIVATE_USER, { input: { id: user.id } })).body.data.deactivateUser.userErrors).toEqual([]);

      const res = await asToken(admin.token)(AUDIT_LOG, { filter: { entityId: user.id } });
      expect(res.body.errors).toBeUndefined();
      const entries: Array<Record<string, any>> = res.body.data.auditLog.nodes;
      const byOperation = (operation: string) => {
        const found = entries.filter((e) => e.operation === operation);
        expect(found).toHaveLength(1);
        return found[0];
      };
      expect(entries.map((e) => e.operation).sort()).toEqual(
        ['changePassword', 'createUser', 'deactivateUser', 'login', 'login.failed', 'logout', 'updateUser'].sort(),
      );
      for (const entry of entries) expect(entry).toMatchObject({ entityType: 'User', entityId: user.id, requestId: expect.any(String) });

      expect(byOperation('createUser')).toMatchObject({
        actorLabel: 'user:ADMIN',
        actor: { id: adminId },
        before: null,
        after: { email: '[redacted]', displayName: '[redacted]', role: 'REVIEWER', isActive: true },
      });
      expect(byOperation('login')).toMatchObject({ actorLabel: 'user:REVIEWER', actor: { id: user.id } });
      expect(byOperation('login.failed')).toMatchObject({ actorLabel: 'anonymous', actor: null, after: { email: '[redacted]' } });
      expect(byOperation('changePassword')).toMatchObject({
        actorLabel: 'user:REVIEWER',
        actor: { id: user.id },
        before: { passwordHash: '[redacted]' },
        after: { passwordHash: '[redacted]', endedSessionCount: 0 },
      });
      expect(byOperation('logout')).toMatchObject({ actorLabel: 'user:REVIEWER', actor: { id: user.id } });
      expect(byOperation('updateUser')).toMatchObject({
        actorLabel: 'user:ADMIN',
        actor: { id: adminId },
        before: { email: '[redacted]', displayName: '[redacted]' },
        after: { email: '[redacted]', displayName: '[redacted]' },
      });
      expect(byOperation('deactivateUser')).toMatchObject({ actor: { id: adminId }, before: { isActive: true }, after: { isActive: false, endedSessions: 0 } });

      const hash = (await server.database.dataSource.getRepository(User).findOneByOrFail({ email: renamedEmail })).passwordHash;
      for (const value of [user.email, renamedEmail, 'Secret Name Zebra', user.password, replacement, hash]) expect(res.text).not.toContain(value);
    });

    it('is for ADMIN only', async () => {
      const reviewer = await server.as(UserRole.REVIEWER);
      const res = await asToken(reviewer.token)(AUDIT_LOG);
      expect(res.body.data).toBeNull();
      expect(res.body.errors![0].extensions!.code).toBe('FORBIDDEN');
    });
  });

  describe('nothing leaks', () => {
    it('no password or token appears in the log, the audit log or any response that is not the login giving it out', async () => {
      // A few more of the paths that handle secrets, so this test stands on its own as well.
      const user = await newUser(UserRole.REVIEWER);
      const { token } = await login(user.email, user.password);
      await login(user.email, `${user.password}-wrong`);
      await post(CREATE_USER, { input: { email: uniqueEmail('leak'), displayName: 'x', role: 'REVIEWER', password: newPassword() } }, { authorization: `Bearer ${token}` });
      await post(VIEWER, {}, { authorization: `Bearer ${token.slice(0, -1)}A` });
      const weak = newPassword().slice(0, 11);
      secrets.add(weak);
      await createUser({ email: uniqueEmail('weak'), displayName: 'x', role: 'REVIEWER', password: weak });
      secrets.add('not-the-current-one');
      await asToken(token)(CHANGE_PASSWORD, { input: { currentPassword: 'not-the-current-one', newPassword: newPassword() } });

      // The log did record the requests (trace level: requests and SQL), so an empty log cannot pass.
      const log = logged.join('');
      expect(log).toContain('"sql"');
      expect(log).toMatch(/"statusCode":401/);
      const auditLog = (await asToken(admin.token)(AUDIT_LOG)).text;
      // Responses that legitimately carry a secret: the login payload hands out its own token.
      const others = responses.filter((r) => !r.includes('"login":{"token":"cdp_'));
      expect(others.length).toBeGreaterThan(50);
      const errors = responses.filter((r) => r.includes('"errors"') || r.includes('"userErrors":[{'));
      expect(errors.length).toBeGreaterThan(10);

      expect(secrets.size).toBeGreaterThan(20);
      for (const secret of secrets) {
        expect({ where: 'log', found: log.includes(secret) }).toEqual({ where: 'log', found: false });
        expect({ where: 'auditLog', found: auditLog.includes(secret) }).toEqual({ where: 'auditLog', found: false });
        expect({ where: 'responses', found: others.some((r) => r.includes(secret)) }).toEqual({ where: 'responses', found: false });
      }
      // Each token leaves the server exactly once: in the login response that issued it (the demo users' ones outside `responses`).
      const tokens = [...secrets].filter((s) => s.startsWith('cdp_'));
      expect(tokens.length).toBeGreaterThan(20);
      for (const token of tokens) expect(responses.filter((r) => r.includes(token)).length).toBe(issued.has(token) ? 1 : 0);
    });
  });
});
