/**
 * The development mailbox: with no MAIL_URL outside production, `npm start`
 * keeps the mail a step would send and shows it at /dev/mailbox, with
 * nothing to install; production refuses to start without MAIL_URL unless
 * MAIL=off says so.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/db/seed/demo-users';
import { UserRole } from '../../server/src/modules/user/user-role';
import { demoCohort, gid, MOTIVATION } from '../support/arrange-nominations';
import { describeEachDatabase } from '../support/databases';
import { exitOf, MAIN, start, stop, waitForLog } from '../support/process';
import { startTestServer, TEST_NOW, type TestServer } from '../support/server';
import { startSmtpSink } from '../support/smtp-sink';

const SUBMIT = `mutation ($input: SubmitNominationInput!) { submitNomination(input: $input) { nomination { id } userErrors { code } } }`;

/** The page's links to messages, in order (newest first). */
const messageLinks = (html: string) => [...html.matchAll(/href="(\/dev\/mailbox\/[0-9a-f-]{36})"/g)].map((m) => m[1]);

describeEachDatabase('the development mailbox', (kind) => {
  let server: TestServer;
  const base = () => server.url.replace(/\/graphql$/, '');

  beforeAll(async () => {
    server = await startTestServer(kind, { outbox: { mail: { mode: 'mailbox', from: 'CDP Hub <no-reply@localhost>' }, settings: { pollIntervalMs: 100 } } });
  });
  afterAll(async () => server?.close());

  it('lists what a step sent and shows each message, its HTML and text parts and its source, with no script', async () => {
    const focal = await server.as(UserRole.FOCAL_POINT);
    const cohort = await demoCohort(server.database.dataSource);
    const { submitNomination } = await focal.data(SUBMIT, {
      input: {
        cohortId: gid('Cohort', cohort.uuid),
        motivation: MOTIVATION,
        candidate: { fullName: 'Lina <Haddad>', email: `lina.haddad.${kind.name}@example.org`, position: 'Officer', yearsOfService: 6, languages: ['ar', 'fr'] },
      },
    });
    expect(submitNomination.userErrors).toEqual([]);

    let list = '';
    const deadline = Date.now() + 15_000;
    while (!messageLinks(list).length) {
      if (Date.now() > deadline) throw new Error(`the mailbox stayed empty: ${list}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const res = await fetch(`${base()}/dev/mailbox`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(res.headers.get('content-security-policy')).not.toMatch(/script-src/);
      list = await res.text();
    }
    expect(list).toContain(DEMO_USERS.FOCAL_POINT.email);
    // The candidate's name is escaped on the page, like every value.
    expect(list).toContain('Nomination received: Lina &lt;Haddad&gt;, 2027-2028 cohort');
    expect(list).not.toMatch(/<script/i);

    const [link] = messageLinks(list);
    const page = await (await fetch(`${base()}${link}`)).text();
    expect(page).toContain('<iframe sandbox=""');
    expect(page).toContain('CDP Hub received the nomination of Lina &lt;Haddad&gt;');
    expect(page).not.toMatch(/<script/i);
    const source = await fetch(`${base()}${link}.eml`);
    expect(source.headers.get('content-type')).toMatch(/^text\/plain/);
    const raw = await source.text();
    expect(raw).toMatch(/^Message-ID: <[0-9a-f]{40}@localhost>$/m);
    expect(raw).toContain('Content-Type: multipart/alternative');
    expect((await fetch(`${base()}/dev/mailbox/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it('is not served when mail goes over SMTP', async () => {
    const sink = await startSmtpSink();
    const smtp = await startTestServer(kind, { sameDatabaseAs: server, outbox: { mail: { mode: 'smtp', url: sink.url, from: 'x@wco.example' } } });
    try {
      const res = await fetch(smtp.url.replace(/\/graphql$/, '/dev/mailbox'));
      expect(res.status).toBe(404);
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('ENDPOINT_NOT_FOUND');
    } finally {
      await smtp.close();
      await sink.close();
    }
  });
});

describe('mail settings of the server process', () => {
  let dir: string;
  beforeAll(() => {
    if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: npm test builds it first (npm run build)`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-hub-mailbox-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('npm start without MAIL_URL names the development mailbox and keeps the mail of a step there', async () => {
    const running = start({ DATABASE_URL: `sqlite:${path.join(dir, 'db.sqlite')}`, PORT: '0', HOST: '127.0.0.1', CDP_CLOCK: TEST_NOW });
    try {
      const ready = await waitForLog(running, (l) => l.mail === 'mailbox');
      const mailbox = ready.msg.replace(/^.*: /, '');
      expect(mailbox).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/dev\/mailbox$/);
      const graphql = mailbox.replace(/\/dev\/mailbox$/, '/graphql');
      const post = (body: unknown, token?: string) =>
        fetch(graphql, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) }).then(
          (r) => r.json() as Promise<any>,
        );
      const { data } = await post({
        query: 'mutation ($input: LoginInput!) { login(input: $input) { token } }',
        variables: { input: { email: DEMO_USERS.ADMIN.email, password: DEMO_PASSWORD } },
      });
      const password = await post(
        {
          query: 'mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { userErrors { code } } }',
          variables: { input: { currentPassword: DEMO_PASSWORD, newPassword: 'a-new-mailbox-passphrase-2026' } },
        },
        data.login.token,
      );
      expect(password.data.changePassword.userErrors).toEqual([]);
      const deadline = Date.now() + 15_000;
      let page = '';
      while (!page.includes('Your CDP Hub password was changed')) {
        if (Date.now() > deadline) throw new Error(`not in the mailbox: ${page}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
        page = await (await fetch(mailbox)).text();
      }
      expect(page).toContain(DEMO_USERS.ADMIN.email);
    } finally {
      await stop(running);
    }
  });

  it('refuses production without MAIL_URL (exit 2, naming it) unless MAIL=off', async () => {
    const env = {
      NODE_ENV: 'production',
      CDP_TOKEN_PEPPER: 'p'.repeat(48),
      CDP_SIGNING_KEY_FILE: path.join(dir, 'absent-keys.json'),
      DATABASE_URL: `sqlite:${path.join(dir, 'production.sqlite')}`,
      PORT: '0',
    };
    const refused = await exitOf(start(env));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/MAIL_URL: is required in production .* unless MAIL=off turns e-mail off/);
    // With MAIL=off the configuration passes (the missing key file is what stops this start, after it).
    const off = await exitOf(start({ ...env, MAIL: 'off' }));
    expect(off.stderr).not.toMatch(/MAIL_URL/);
    expect(off.stderr).toMatch(/cannot read the signing key file/);
  });
});
