/** The small parts of the outbox and the e-mail channel that hold a rule of their own. */
import { retryDelayMs } from '../../server/src/outbox/backoff';
import { describeSmtpFailure } from '../../server/src/mail/smtp-failure';
import { messageIdOf } from '../../server/src/mail/message-id';
import { renderLetter } from '../../server/src/mail/render';
import { translator } from '../../server/src/mail/i18n/i18n';
import { Language } from '../../server/src/modules/user/language';
import { idempotencyKey } from '../../server/src/outbox/routing';
import { OutboxChannel } from '../../server/src/outbox/outbox-enums';
import { EVENT_TYPES } from '../../server/src/outbox/event-catalogue';
import { LETTERS } from '../../server/src/mail/letters';

describe('retry delays', () => {
  it('are "full jitter": anywhere from 0 to the exponential bound, capped', () => {
    expect(retryDelayMs(1, 30_000, 3_600_000, () => 0.999999)).toBe(29_999);
    expect(retryDelayMs(3, 30_000, 3_600_000, () => 0.5)).toBe(60_000);
    expect(retryDelayMs(4, 30_000, 3_600_000, () => 0)).toBe(0);
    expect(retryDelayMs(20, 30_000, 3_600_000, () => 0.999999)).toBe(3_599_996);
    const spread = new Set(Array.from({ length: 50 }, () => retryDelayMs(5, 1_000, 60_000)));
    expect(spread.size).toBeGreaterThan(40);
    for (const delay of spread) expect(delay).toBeLessThan(16_000);
  });
});

describe('SMTP failures', () => {
  it('say what happened without the recipient’s address, and which are for good', () => {
    const temporary = describeSmtpFailure({ code: 'EENVELOPE', responseCode: 451, response: '451 4.7.1 <jeanne.doe@customs.example>: greylisted' });
    expect(temporary).toEqual({ description: 'SMTP 451 4.7.1 [address]: greylisted', permanent: false });
    expect(describeSmtpFailure({ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 jeanne.doe@customs.example unknown' })).toEqual({
      description: 'SMTP 550 5.1.1 [address] unknown',
      permanent: true,
    });
    // A refused sign-in is the server's configuration, which may be put right: tried again.
    expect(describeSmtpFailure({ code: 'EAUTH', responseCode: 535, response: '535 Authentication failed' }).permanent).toBe(false);
    expect(describeSmtpFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' }))).toEqual({
      description: 'ESOCKET: connect ECONNREFUSED 127.0.0.1:25',
      permanent: false,
    });
    expect(describeSmtpFailure({ response: 'x'.repeat(2_000) }).description.length).toBeLessThanOrEqual(500);
  });
});

describe('message keys and Message-IDs', () => {
  it('one key per event, channel and recipient; the Message-ID is made from it, the same every time, naming no ID', () => {
    const key = idempotencyKey(OutboxChannel.EMAIL, 'a3c1e5b4-0000-4000-8000-000000000001', 'b7d2f6a8-0000-4000-8000-000000000002');
    expect(key).toBe('email:a3c1e5b4-0000-4000-8000-000000000001:b7d2f6a8-0000-4000-8000-000000000002');
    const id = messageIdOf(key, 'https://cdp-hub.wco.example');
    expect(id).toMatch(/^<[0-9a-f]{40}@cdp-hub\.wco\.example>$/);
    expect(messageIdOf(key, 'https://cdp-hub.wco.example/')).toBe(id);
    expect(id).not.toContain('a3c1e5b4');
    expect(messageIdOf(idempotencyKey(OutboxChannel.EMAIL, 'a3c1e5b4-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000003'), 'https://cdp-hub.wco.example')).not.toBe(id);
  });
});

describe('rendering a letter', () => {
  it('has a plain-text part and an HTML part in the recipient’s language, with every value escaped in the HTML', () => {
    const t = translator(Language.FR);
    const mail = renderLetter(
      { subject: 'Sujet <b>', paragraphs: ['Un texte avec <script>alert(1)</script> & "guillemets"'], facts: [['Série', 'CDP-2027-001']], action: { label: 'Ouvrir', url: 'https://cdp-hub.test/?a=1&b=2' } },
      'Aïcha <Ndiaye>',
      Language.FR,
      t,
    );
    expect(mail.text).toContain('Bonjour Aïcha <Ndiaye>,');
    expect(mail.text).toContain('Un texte avec <script>alert(1)</script> & "guillemets"');
    expect(mail.text).toContain('Série: CDP-2027-001');
    expect(mail.text).toContain('Ouvrir: https://cdp-hub.test/?a=1&b=2');
    expect(mail.html).toContain('<html lang="fr">');
    expect(mail.html).toContain('Bonjour Aïcha &lt;Ndiaye&gt;,');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;guillemets&quot;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('href="https://cdp-hub.test/?a=1&amp;b=2"');
    expect(mail.html).toContain('<title>Sujet &lt;b&gt;</title>');
  });
});

describe('the event catalogue', () => {
  it('has a letter only for events that name it, and every letter’s event is in the catalogue', () => {
    for (const type of Object.keys(LETTERS)) expect(EVENT_TYPES).toContain(type);
    expect(Object.keys(LETTERS).sort()).toEqual(
      [
        'AdministrationsInvited',
        'CertificateIssued',
        'CertificateRevoked',
        'MilestoneDue',
        'NominationDeadlineApproaching',
        'NominationSubmitted',
        'NominationWithdrawn',
        'NominationsClosed',
        'OutcomesPublished',
        'PasswordChanged',
        'PasswordResetRequested',
        'ResearchApproved',
        'ResearchReturned',
        'UserEmailChanged',
        'UserInvited',
        'WebhookEndpointDisabled',
      ].sort(),
    );
  });
});
