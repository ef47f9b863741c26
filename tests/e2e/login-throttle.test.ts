/**
 * Login throttling over HTTP: after N failed sign-ins for one account from
 * one address (or M from one address), attempts are refused with
 * TOO_MANY_ATTEMPTS, retryAfterSeconds and a Retry-After header, even with
 * the right password. In memory the counts are per instance; with Redis
 * (REDIS_URL; here TEST_REDIS_URL, as .ci/run sets it, or 127.0.0.1:6379) every instance sees the same counts.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { ephemeralAuthSettings } from '../../server/src/auth/setup';
import { LoginThrottle, type LoginThrottleLimits } from '../../server/src/auth/login-throttle';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/db/seed/demo-users';
import { describeEachDatabase, type DatabaseKind } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';

const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const WINDOW_SECONDS = 60;
const LIMITS: LoginThrottleLimits = { perAccountAndAddress: 3, perAddress: 50, windowSeconds: WINDOW_SECONDS };

const LOGIN = `mutation ($input: LoginInput!) {
  login(input: $input) { token retryAfterSeconds userErrors { code field message } }
}`;
const CHANGE_PASSWORD = `mutation ($input: ChangePasswordInput!) {
  changePassword(input: $input) { endedSessionCount userErrors { code field message } }
}`;

interface Attempt {
  status: number;
  retryAfterHeader: string | null;
  token: string | null;
  retryAfterSeconds: number | null;
  codes: string[];
}

async function graphql(server: TestServer, query: string, variables: Record<string, unknown>, token?: string) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, retryAfterHeader: res.headers.get('retry-after'), body: (await res.json()) as { data?: any; errors?: unknown[] } };
}

async function login(server: TestServer, email: string, password: string): Promise<Attempt> {
  const { status, retryAfterHeader, body } = await graphql(server, LOGIN, { input: { email, password } });
  expect(body.errors).toBeUndefined();
  const { token, retryAfterSeconds, userErrors } = body.data.login;
  return { status, retryAfterHeader, token, retryAfterSeconds, codes: userErrors.map((e: { code: string }) => e.code) };
}

/** A refusal by the throttle: HTTP 200 with the user error, the wait in the payload and the same wait in Retry-After. */
function expectThrottled(attempt: Attempt) {
  expect(attempt.codes).toEqual(['TOO_MANY_ATTEMPTS']);
  expect(attempt.token).toBeNull();
  expect(attempt.status).toBe(200);
  expect(attempt.retryAfterSeconds).toBeGreaterThan(0);
  expect(attempt.retryAfterSeconds).toBeLessThanOrEqual(WINDOW_SECONDS);
  expect(attempt.retryAfterHeader).toBe(String(attempt.retryAfterSeconds));
}

function expectWrongPassword(attempt: Attempt) {
  expect(attempt).toMatchObject({ codes: ['INVALID_CREDENTIALS'], token: null, retryAfterSeconds: null, retryAfterHeader: null });
}

const serverWith = (kind: DatabaseKind, throttle: LoginThrottle) => startTestServer(kind, { auth: { ...ephemeralAuthSettings(), throttle } });

describeEachDatabase('login throttling', (kind) => {
  describe('in memory (one instance)', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await serverWith(kind, new LoginThrottle(LIMITS));
    });
    afterAll(async () => server?.close());

    it('refuses the 4th attempt after 3 failures, even with the right password, and tells when to retry', async () => {
      const { email } = DEMO_USERS.REVIEWER;
      for (let i = 0; i < LIMITS.perAccountAndAddress; i++) expectWrongPassword(await login(server, email, `wrong-${i}-password`));
      const fourth = await login(server, email, 'wrong-again-password');
      expectThrottled(fourth);
      // Within the window the wait is the rest of it: close to the full window right after the failures.
      expect(fourth.retryAfterSeconds).toBeGreaterThan(WINDOW_SECONDS - 10);
      expectThrottled(await login(server, email, DEMO_PASSWORD));
      // The e-mail's case does not make it another account.
      expectThrottled(await login(server, email.toUpperCase(), DEMO_PASSWORD));
    });

    it('parallel guesses get no more than the limit of password checks', async () => {
      const email = DEMO_USERS.ADMIN.email.replace('admin', 'nobody');
      const attempts = await Promise.all(Array.from({ length: 10 }, (_, i) => login(server, email, `parallel-guess-${i}`)));
      const checked = attempts.filter((a) => a.codes[0] === 'INVALID_CREDENTIALS');
      const refused = attempts.filter((a) => a.codes[0] === 'TOO_MANY_ATTEMPTS');
      expect({ checked: checked.length, refused: refused.length }).toEqual({ checked: LIMITS.perAccountAndAddress, refused: 10 - LIMITS.perAccountAndAddress });
      refused.forEach(expectThrottled);
    });

    it('blocks that account from that address only: other accounts still sign in', async () => {
      const other = await login(server, DEMO_USERS.FOCAL_POINT.email, DEMO_PASSWORD);
      expect(other.codes).toEqual([]);
      expect(other.token).toMatch(/^cdp_/);
    });

    it('a successful sign-in clears the account’s failures', async () => {
      const { email } = DEMO_USERS.ASSOCIATE;
      for (let round = 0; round < 2; round++) {
        for (let i = 0; i < LIMITS.perAccountAndAddress - 1; i++) expectWrongPassword(await login(server, email, `wrong-${round}-${i}-pass`));
        expect((await login(server, email, DEMO_PASSWORD)).token).toMatch(/^cdp_/);
      }
      // Without the clearing this would be the 5th failure in a row, over the limit of 3.
      expectWrongPassword(await login(server, email, 'wrong-final-pass'));
    });

    it('counts wrong current passwords of changePassword like failed sign-ins', async () => {
      const { token } = await login(server, DEMO_USERS.ADMIN.email, DEMO_PASSWORD);
      const change = (currentPassword: string) =>
        graphql(server, CHANGE_PASSWORD, { input: { currentPassword, newPassword: 'a-brand-new-passphrase' } }, token!);
      for (let i = 0; i < LIMITS.perAccountAndAddress; i++) {
        expect((await change(`not-it-${i}`)).body.data.changePassword.userErrors[0].code).toBe('CURRENT_PASSWORD_INCORRECT');
      }
      const blocked = await change(DEMO_PASSWORD);
      expect(blocked.body.data.changePassword.userErrors.map((e: { code: string }) => e.code)).toEqual(['TOO_MANY_ATTEMPTS']);
      expect(Number(blocked.retryAfterHeader)).toBeGreaterThan(0);
      // The same count guards sign-in to that account.
      expectThrottled(await login(server, DEMO_USERS.ADMIN.email, DEMO_PASSWORD));
    });
  });

  describe('in memory, per address', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await serverWith(kind, new LoginThrottle({ perAccountAndAddress: 100, perAddress: 3, windowSeconds: WINDOW_SECONDS }));
    });
    afterAll(async () => server?.close());

    it('does not count successful sign-ins against the address', async () => {
      // Every attempt is reserved before the password check; a success must give it back, or an office behind one address locks itself out.
      for (let i = 0; i < 5; i++) expect((await login(server, DEMO_USERS.ASSOCIATE.email, DEMO_PASSWORD)).token).toMatch(/^cdp_/);
    });

    it('blocks an address that fails across many accounts, including accounts it never tried', async () => {
      for (const email of ['a@nowhere.example', 'b@nowhere.example', 'c@nowhere.example']) expectWrongPassword(await login(server, email, 'guess-guess-guess'));
      expectThrottled(await login(server, DEMO_USERS.REVIEWER.email, DEMO_PASSWORD));
    });
  });

  describe('two instances sharing Redis', () => {
    // One prefix per run and database, so concurrent runs and the other database's run never share counts.
    const prefix = `cdp:test:${kind.name}:${randomBytes(6).toString('hex')}`;
    const clients: Redis[] = [];
    let a: TestServer;
    let b: TestServer;

    beforeAll(async () => {
      // A client per instance, as two processes would have.
      for (let i = 0; i < 2; i++) clients.push(new Redis(REDIS_URL, { maxRetriesPerRequest: 1 }));
      await Promise.all(clients.map((c) => c.ping()));
      a = await serverWith(kind, new LoginThrottle(LIMITS, clients[0], prefix));
      b = await serverWith(kind, new LoginThrottle(LIMITS, clients[1], prefix));
    });
    afterAll(async () => {
      await a?.close();
      await b?.close();
      if (clients.length) {
        const keys = await clients[0].keys(`${prefix}:*`);
        if (keys.length) await clients[0].del(...keys);
        await Promise.all(clients.map((c) => c.quit()));
      }
    });

    it('failures on instance A block the account on instance B', async () => {
      const { email } = DEMO_USERS.REVIEWER;
      for (let i = 0; i < LIMITS.perAccountAndAddress; i++) expectWrongPassword(await login(a, email, `wrong-${i}-password`));
      // The counts are in Redis under this run's prefix, not in either process.
      expect((await clients[0].keys(`${prefix}:*`)).length).toBeGreaterThan(0);
      const onB = await login(b, email, DEMO_PASSWORD);
      expectThrottled(onB);
      expect(onB.retryAfterSeconds).toBeGreaterThan(WINDOW_SECONDS - 10);
      expectThrottled(await login(a, email, DEMO_PASSWORD));
    });

    it('parallel guesses spread over both instances get no more than the limit of password checks', async () => {
      const email = 'parallel.guesser@nowhere.example';
      const attempts = await Promise.all(Array.from({ length: 10 }, (_, i) => login(i % 2 ? b : a, email, `parallel-guess-${i}`)));
      expect(attempts.filter((x) => x.codes[0] === 'INVALID_CREDENTIALS')).toHaveLength(LIMITS.perAccountAndAddress);
      attempts.filter((x) => x.codes[0] !== 'INVALID_CREDENTIALS').forEach(expectThrottled);
    });

    it('failures add up across instances', async () => {
      const { email } = DEMO_USERS.FOCAL_POINT;
      expectWrongPassword(await login(a, email, 'wrong-1-password'));
      expectWrongPassword(await login(b, email, 'wrong-2-password'));
      expectWrongPassword(await login(a, email, 'wrong-3-password'));
      expectThrottled(await login(b, email, DEMO_PASSWORD));
    });

    it('a success on one instance clears the count for both', async () => {
      const { email } = DEMO_USERS.ASSOCIATE;
      expectWrongPassword(await login(a, email, 'wrong-1-password'));
      expectWrongPassword(await login(a, email, 'wrong-2-password'));
      expect((await login(b, email, DEMO_PASSWORD)).token).toMatch(/^cdp_/);
      expectWrongPassword(await login(a, email, 'wrong-3-password'));
      // Without the clearing on B this would be the 4th attempt after 3 failures, and refused.
      expectWrongPassword(await login(a, email, 'wrong-4-password'));
    });
  });
});
