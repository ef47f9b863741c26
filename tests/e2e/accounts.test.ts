/**
 * Accounts without shared passwords, end to end through the generated SDK:
 * invitations (inviteUser, resendInvitation, acceptInvitation), password
 * resets (requestPasswordReset, resetPassword) and the security notices,
 * with the letters delivered by the outbox over SMTP to a real SMTP server
 * started here (smtp-server), parsed with mailparser. The links' tokens are
 * read from the letters, as a person would follow them.
 */
import { createCdpClient, type CdpClient } from '@cdp-hub/sdk';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/db/seed/demo-users';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity';
import { SigningKeyRing } from '../../server/src/modules/certificate/credential/signing-keys';
import { UserRole } from '../../server/src/modules/user/user-role';
import { AccountLink } from '../../server/src/modules/user/account-link.entity';
import { OutboxEvent } from '../../server/src/outbox/outbox-event.entity';
import { In } from 'typeorm';
import { settableClock } from '../support/clocks';
import { describeEachDatabase } from '../support/databases';
import { outboxSettled } from '../support/outbox-settled';
import { startTestServer, TEST_NOW, type TestServer } from '../support/server';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtp-sink';

const PUBLIC_URL = 'https://cdp-hub.test';
const PASSWORD = 'accounts-suite-passphrase-2026';
const HOUR = 3_600_000;

/** The token of the one account link a letter offers, and the link itself. */
function linkIn(mail: ReceivedMail, path: 'invitation' | 'password-reset'): { url: string; token: string } {
  const match = new RegExp(`(${PUBLIC_URL.replace(/[.]/g, '\\.')}/account/${path}#token=(cdpl_[A-Za-z0-9_-]{43}))`).exec(mail.text);
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
  expect(mail.html).toContain(`href="${match[1]}"`);
  return { url: match[1], token: match[2] };
}

describeEachDatabase('accounts: invitations, resets and security notices', (kind) => {
  let sink: SmtpSink;
  let server: TestServer;
  const clock = settableClock(TEST_NOW);
  /** A fresh ADMIN client (sessions last 12 hours of the test clock, which some tests move). */
  let admin: CdpClient;
  const anonymous = () => createCdpClient({ url: server.url });
  const signInAdmin = async () => {
    const { login } = await anonymous().login({ input: { email: DEMO_USERS.ADMIN.email, password: DEMO_PASSWORD } });
    admin = createCdpClient({ url: server.url, token: login.token! });
  };
  const email = (name: string) => `${name}.${kind.name}@accounts.example`;
  const mailTo = async (address: string, count = 1) => {
    await sink.waitFor((r) => r.filter((m) => m.to === address).length >= count, 15_000, `${count} mail(s) to ${address}`);
    return sink.to(address);
  };
  const settled = () => outboxSettled(server);

  beforeAll(async () => {
    sink = await startSmtpSink();
    // Letters write their links under the public URL (CDP_PUBLIC_URL).
    server = await startTestServer(kind, {
      clock,
      credentials: { keys: SigningKeyRing.generate(), publicUrl: PUBLIC_URL },
      outbox: { mail: { mode: 'smtp', url: sink.url, from: 'CDP Hub <cdp-hub@wco.example>' }, settings: { pollIntervalMs: 200 } },
    });
    await signInAdmin();
  });
  afterAll(async () => {
    await server?.close();
    await sink?.close();
  });
  afterEach(async () => {
    clock.set(TEST_NOW);
    await signInAdmin();
  });

  it('walks an invitation: the link arrives in the user’s language, the password is set once, and the user is signed in', async () => {
    const address = email('invited');
    const { inviteUser } = await admin.inviteUser({ input: { email: address, displayName: 'Inès Invitée', role: 'REVIEWER', preferredLanguage: 'FR' } });
    expect(inviteUser.userErrors).toEqual([]);
    expect(inviteUser.user).toMatchObject({ email: address, invitationPending: true, isActive: true, preferredLanguage: 'FR' });
    // 72 hours of the server clock by default.
    expect(inviteUser.invitationExpiresAt).toBe(new Date(Date.parse(TEST_NOW) + 72 * HOUR).toISOString());

    const [letter] = await mailTo(address);
    expect(letter.language).toBe('fr');
    expect(letter.subject).toBe('Votre compte CDP Hub : choisissez votre mot de passe');
    expect(letter.text).toContain(`un compte CDP Hub, ${address}, en tant que évaluateur des candidatures (REVIEWER)`);
    expect(letter.text).toContain('avant le 29 novembre 2026 à 12:00 UTC');
    const { token } = linkIn(letter, 'invitation');

    // No password yet: signing in fails like a wrong password.
    const before = await anonymous().login({ input: { email: address, password: PASSWORD } });
    expect(before.login.userErrors.map((e) => e.code)).toEqual(['INVALID_CREDENTIALS']);
    // The password policy applies, and a refused password leaves the link usable.
    const weak = await anonymous().acceptInvitation({ input: { token, password: 'short' } });
    expect(weak.acceptInvitation.userErrors.map((e) => e.code)).toEqual(['PASSWORD_TOO_SHORT']);

    const { acceptInvitation } = await anonymous().acceptInvitation({ input: { token, password: PASSWORD } });
    expect(acceptInvitation.userErrors).toEqual([]);
    expect(acceptInvitation.expiresAt).toBe(new Date(Date.parse(TEST_NOW) + 12 * HOUR).toISOString());
    expect(acceptInvitation.user).toMatchObject({ email: address, lastLoginAt: TEST_NOW });
    // The answer is a session, as login's.
    const invited = createCdpClient({ url: server.url, token: acceptInvitation.token! });
    expect((await invited.viewer()).viewer).toMatchObject({ email: address, role: 'REVIEWER' });
    const { login } = await anonymous().login({ input: { email: address, password: PASSWORD } });
    expect(login.userErrors).toEqual([]);

    // Single use.
    const again = await anonymous().acceptInvitation({ input: { token, password: `${PASSWORD}!` } });
    expect(again.acceptInvitation).toMatchObject({ token: null, userErrors: [{ code: 'ACCOUNT_LINK_INVALID', field: ['input', 'token'] }] });
    const { users } = await admin.users({ first: 100 });
    expect(users.nodes.find((u) => u.email === address)).toBeTruthy();

    // Audited without personal values: no e-mail, name or hash in the entries, and no token anywhere in the database's rows.
    const ds = server.database.dataSource;
    const entries = await ds.getRepository(AuditEntry).findBy({ operation: In(['inviteUser', 'acceptInvitation']) });
    expect(entries.map((e) => e.operation).sort()).toEqual(['acceptInvitation', 'inviteUser']);
    const audited = JSON.stringify(entries);
    for (const secret of [address, 'Inès Invitée', token, '$argon2']) expect(audited).not.toContain(secret);
    const events = JSON.stringify(await ds.getRepository(OutboxEvent).findBy({ type: 'UserInvited' }));
    expect(events).not.toContain(token);
    expect(JSON.stringify(await ds.getRepository(AccountLink).find())).not.toContain(token);
  });

  it('resendInvitation sends a new link and the earlier one stops working; an accepted invitation is not sent again', async () => {
    const address = email('resent');
    const { inviteUser } = await admin.inviteUser({ input: { email: address, displayName: 'Resent Person', role: 'REVIEWER' } });
    const userId = inviteUser.user!.id;
    const first = linkIn((await mailTo(address))[0], 'invitation');

    const { resendInvitation } = await admin.resendInvitation({ input: { userId } });
    expect(resendInvitation.userErrors).toEqual([]);
    expect(resendInvitation.user).toMatchObject({ id: userId, invitationPending: true });
    const second = linkIn((await mailTo(address, 2))[1], 'invitation');
    expect(second.token).not.toBe(first.token);

    const old = await anonymous().acceptInvitation({ input: { token: first.token, password: PASSWORD } });
    expect(old.acceptInvitation.userErrors.map((e) => e.code)).toEqual(['ACCOUNT_LINK_INVALID']);
    expect((await anonymous().acceptInvitation({ input: { token: second.token, password: PASSWORD } })).acceptInvitation.userErrors).toEqual([]);

    const late = await admin.resendInvitation({ input: { userId } });
    expect(late.resendInvitation.userErrors.map((e) => e.code)).toEqual(['INVITATION_NOT_PENDING']);
    await settled();
    expect(sink.to(address)).toHaveLength(2);
    // Only ADMIN invites.
    const reviewer = createCdpClient({ url: server.url, token: (await server.as(UserRole.REVIEWER)).token! });
    await expect(reviewer.resendInvitation({ input: { userId } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(anonymous().inviteUser({ input: { email: email('nobody'), displayName: 'Nobody', role: 'REVIEWER' } })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('refuses an expired invitation by the server clock (CDP_CLOCK pins it), and createUser without a password invites too', async () => {
    const address = email('late');
    const { createUser } = await admin.createUser({ input: { email: address, displayName: 'Late Person', role: 'FOCAL_POINT', administrationId: null } });
    // A FOCAL_POINT needs its administration: the rules of createUser hold whether or not a password is given.
    expect(createUser.userErrors.map((e) => e.code)).toEqual(['ADMINISTRATION_REQUIRED']);
    const created = await admin.createUser({ input: { email: address, displayName: 'Late Person', role: 'REVIEWER' } });
    expect(created.createUser.userErrors).toEqual([]);
    const { token } = linkIn((await mailTo(address))[0], 'invitation');

    clock.set(new Date(Date.parse(TEST_NOW) + 72 * HOUR + 1000));
    const expired = await anonymous().acceptInvitation({ input: { token, password: PASSWORD } });
    expect(expired.acceptInvitation.userErrors.map((e) => e.code)).toEqual(['ACCOUNT_LINK_EXPIRED']);
    clock.set(new Date(Date.parse(TEST_NOW) + 72 * HOUR - 1000));
    expect((await anonymous().acceptInvitation({ input: { token, password: PASSWORD } })).acceptInvitation.userErrors).toEqual([]);
  });

  it('walks a reset: the same answer for an unknown e-mail, every session ends, the link works once, and a notice follows', async () => {
    const address = email('forgetful');
    await admin.createUser({ input: { email: address, displayName: 'Forgetful Person', role: 'REVIEWER', password: PASSWORD } });
    const sessions = await Promise.all([1, 2].map(() => anonymous().login({ input: { email: address, password: PASSWORD } })));
    const signedIn = sessions.map(({ login }) => createCdpClient({ url: server.url, token: login.token! }));

    const known = await anonymous().requestPasswordReset({ input: { email: `  ${address.toUpperCase()} ` } });
    const unknown = await anonymous().requestPasswordReset({ input: { email: email('nobody-has-this') } });
    expect(known).toEqual(unknown);
    expect(known.requestPasswordReset).toEqual({ requestedAt: TEST_NOW, retryAfterSeconds: null, userErrors: [] });

    const [letter] = await mailTo(address);
    expect(letter.subject).toBe('Reset your CDP Hub password');
    expect(letter.text).toContain(`A new password was asked for the CDP Hub account ${address} on November 26, 2026 at 12:00 PM UTC.`);
    expect(letter.text).toContain('before November 26, 2026 at 01:00 PM UTC');
    const { token } = linkIn(letter, 'password-reset');
    // An invitation link is not a reset link.
    expect((await anonymous().acceptInvitation({ input: { token, password: PASSWORD } })).acceptInvitation.userErrors.map((e) => e.code)).toEqual([
      'ACCOUNT_LINK_INVALID',
    ]);

    const newPassword = 'a-fresh-accounts-passphrase-2026';
    const { resetPassword } = await anonymous().resetPassword({ input: { token, newPassword } });
    expect(resetPassword).toEqual({ endedSessionCount: 2, userErrors: [] });
    for (const client of signedIn) await expect(client.viewer()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const reused = await anonymous().resetPassword({ input: { token, newPassword: `${newPassword}!` } });
    expect(reused.resetPassword).toEqual({ endedSessionCount: null, userErrors: [expect.objectContaining({ code: 'ACCOUNT_LINK_INVALID' })] });
    expect((await anonymous().login({ input: { email: address, password: PASSWORD } })).login.userErrors.map((e) => e.code)).toEqual(['INVALID_CREDENTIALS']);
    expect((await anonymous().login({ input: { email: address, password: newPassword } })).login.userErrors).toEqual([]);

    // The security notice, at the account's address.
    const notice = (await mailTo(address, 2))[1];
    expect(notice.subject).toBe('Your CDP Hub password was changed');
    await settled();
    expect(sink.to(address)).toHaveLength(2);
    // The unknown e-mail's request left an event routed to nobody, and no link.
    const requests = await server.database.dataSource.getRepository(OutboxEvent).findBy({ type: 'PasswordResetRequested' });
    expect(requests.map((e) => (e.payload as { userId: string | null }).userId === null).sort()).toEqual([false, true]);
  });

  it('a reset link lasts one hour; repeated requests are throttled like sign-in, for known and unknown e-mails alike', async () => {
    const address = email('slow');
    await admin.createUser({ input: { email: address, displayName: 'Slow Person', role: 'REVIEWER', password: PASSWORD } });
    await anonymous().requestPasswordReset({ input: { email: address } });
    const { token } = linkIn((await mailTo(address))[0], 'password-reset');
    clock.set(new Date(Date.parse(TEST_NOW) + HOUR + 1000));
    const expired = await anonymous().resetPassword({ input: { token, newPassword: 'too-late-passphrase-2026' } });
    expect(expired.resetPassword.userErrors.map((e) => e.code)).toEqual(['ACCOUNT_LINK_EXPIRED']);

    for (const target of [address, email('unknown-throttled')]) {
      const answers = [];
      // The sign-in limit: 5 per account and address in the window; this test's first request counted for `address`.
      for (let i = 0; i < 6; i++) answers.push((await anonymous().requestPasswordReset({ input: { email: target } })).requestPasswordReset);
      const refused = answers.filter((a) => a.userErrors[0]?.code === 'TOO_MANY_ATTEMPTS');
      expect(refused.length).toBeGreaterThanOrEqual(1);
      expect(refused[0]).toMatchObject({ requestedAt: null, retryAfterSeconds: expect.any(Number) });
    }
    // Sign-in keeps its own counts: the resets did not lock the account.
    expect((await anonymous().login({ input: { email: address, password: PASSWORD } })).login.userErrors).toEqual([]);
  });

  it('tells a changed e-mail to the previous address, in the user’s language', async () => {
    const previous = email('moving');
    const { createUser } = await admin.createUser({
      input: { email: previous, displayName: 'Moving Person', role: 'REVIEWER', password: PASSWORD, preferredLanguage: 'FR' },
    });
    const next = email('moved');
    expect((await admin.updateUser({ input: { id: createUser.user!.id, email: next } })).updateUser.userErrors).toEqual([]);
    const [notice] = await mailTo(previous);
    expect(notice.subject).toBe('L’adresse électronique de votre compte CDP Hub a été modifiée');
    expect(notice.text).toContain(`est passée de cette adresse, ${previous}, à une autre`);
    // The new address is not told to the old mailbox, and the new mailbox gets nothing of it.
    expect(notice.text + notice.html).not.toContain(next);
    await settled();
    expect(sink.to(next)).toEqual([]);
  });
});
