import fs from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { toGlobalId } from '../../server/src/graphql/relay/global-id';
import { Administration } from '../../server/src/modules/administration/administration.entity';
import { Certificate } from '../../server/src/modules/certificate/certificate.entity';
import { SigningKeyRing } from '../../server/src/modules/certificate/credential/signing-keys';
import { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { EventKind } from '../../server/src/modules/event/event-kind';
import { Event } from '../../server/src/modules/event/event.entity';
import { ResearchStatus } from '../../server/src/modules/research/research-status';
import { Language } from '../../server/src/modules/user/language';
import { User } from '../../server/src/modules/user/user.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { insert, insertAssociateWithResearch } from '../support/arrange';
import { ARTIFACT_DIR, differenceFromReference, getOnce, pdfFonts, pdfInfo, pdfText, pdfToPng, qrCodes } from '../support/certificate-files';
import { settableClock } from '../support/clocks';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TEST_NOW, type Caller, type TestServer } from '../support/server';

/** Debian's Chromium, as in the playground test; playwright's own browser downloads are not used. */
const CHROMIUM = '/usr/bin/chromium';
const BROWSER_TIMEOUT = 120_000;
const PUBLIC_URL = 'https://cdp-hub.test';
/** After every ceremony the suite arranges. */
const NOW = '2031-01-15T12:00:00.000Z';
/** Share of pixels that may differ from the reference (anti-aliasing of another poppler or FreeType). */
const TOLERANCE = 0.01;

const ISSUE = `mutation ($input: IssueCertificateInput!) {
  issueCertificate(input: $input) { certificate { serial pdfUrl verificationUrl } userErrors { code message } }
}`;
const REVOKE = `mutation ($input: RevokeCertificateInput!) {
  revokeCertificate(input: $input) { certificate { serial revokedAt } userErrors { code message } }
}`;

/** Holders whose names are in their own scripts, and one whose name has a character no embedded font has. */
const HOLDERS = {
  cyrillic: { fullName: 'Олена Ковальчук', title: 'Ризик-менеджмент на митному кордоні України' },
  georgian: { fullName: 'ნინო ბერიძე', title: 'Risk-based post-clearance audit in Georgia' },
  arabic: { fullName: 'فاطمة الزهراء', title: 'Single window interoperability in the Arab region' },
  missing: { fullName: 'Wei 李 Zhang', title: 'Time release study methods' },
} as const;

describeEachDatabase('certificates people hold: the PDF, the verification page', (kind) => {
  let server: TestServer;
  const clock = settableClock(TEST_NOW);
  let admin: Caller;
  let base: string;
  const serials: Record<keyof typeof HOLDERS, string> = { cyrillic: '', georgian: '', arabic: '', missing: '' };
  let ceremony: Event;
  let seeded: Certificate;
  const ds = () => server.database.dataSource;
  const get = (p: string, headers: Record<string, string> = {}) => getOnce(`${base}${p}`, headers);
  const pdf = async (p: string, headers: Record<string, string> = {}) => {
    const res = await get(p, headers);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    return Buffer.from(await res.arrayBuffer());
  };

  beforeAll(async () => {
    server = await startTestServer(kind, { clock, captureLogs: true, credentials: { keys: SigningKeyRing.generate(), publicUrl: PUBLIC_URL } });
    clock.set(NOW);
    base = server.url.replace(/\/graphql$/, '');
    admin = await server.as(UserRole.ADMIN);
    seeded = await ds().getRepository(Certificate).findOneByOrFail({ serial: 'CDP-2024-001' });
    const cohort = await ds().getRepository(Cohort).findOneByOrFail({ label: '2027-2028' });
    ceremony = await insert(ds(), Event, {
      programmeId: cohort.programmeId,
      cohortId: cohort.uuid,
      kind: EventKind.CERTIFICATE_CEREMONY,
      title: 'Certificate ceremony 2028',
      startsAt: new Date('2028-07-06T10:00:00Z'),
      location: 'WCO headquarters, Brussels',
      isVirtual: false,
    });
    const administrations = await ds().getRepository(Administration).find({ order: { iso2: 'ASC' } });
    let i = 0;
    for (const [key, holder] of Object.entries(HOLDERS) as Array<[keyof typeof HOLDERS, (typeof HOLDERS)[keyof typeof HOLDERS]]>) {
      const { associate } = await insertAssociateWithResearch(ds(), {
        cohortId: cohort.uuid,
        administrationId: administrations[i++].uuid,
        fullName: holder.fullName,
        title: holder.title,
        abstract: 'Arranged by the printable certificate tests.',
        status: ResearchStatus.PRESENTED,
      });
      const { issueCertificate } = await admin.data(ISSUE, {
        input: {
          associateId: toGlobalId('ProfessionalAssociate', associate.uuid),
          ceremonyId: toGlobalId('Event', ceremony.uuid),
          signatoryName: 'Ian Saunders',
          signatoryTitle: 'Secretary General',
        },
      });
      expect(issueCertificate.userErrors).toEqual([]);
      serials[key] = issueCertificate.certificate.serial;
      expect(issueCertificate.certificate).toEqual({
        serial: serials[key],
        pdfUrl: `${PUBLIC_URL}/certificates/${serials[key]}.pdf`,
        verificationUrl: `${PUBLIC_URL}/verify/${serials[key]}`,
      });
    }
  });
  afterAll(() => server?.close());

  describe('GET /certificates/<serial>.pdf', () => {
    it('prints a seeded certificate from its credential: A4 landscape, fonts embedded as subsets, its text, a QR code to the verification page, as the reference looks', async () => {
      const bytes = await pdf('/certificates/CDP-2024-001.pdf');
      expect(bytes.length).toBeLessThanOrEqual(400 * 1024);
      expect(await pdfInfo(bytes)).toMatchObject({ Pages: '1', 'Page size': expect.stringMatching(/^841\.89 x 595\.28 pts \(A4\)/) });
      const fonts = await pdfFonts(bytes);
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) expect(font).toMatchObject({ embedded: true, subset: true });
      const credential = seeded.credential as any;
      const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
      expect(text).toContain(credential.credentialSubject.name);
      expect(text).toContain('CDP-2024-001');
      expect(text).toContain(seeded.signatoryName);
      expect(text).toContain(seeded.signatoryTitle);
      expect(text).toContain(credential.credentialSubject.administration.name);
      expect(text).toContain(credential.evidence[0].name);
      expect(text).toContain('Certificate of Completion');
      expect(text).toContain('4 July 2024');
      expect(await qrCodes(await pdfToPng(bytes, 150))).toEqual([`${PUBLIC_URL}/verify/CDP-2024-001`]);
      expect(differenceFromReference('seeded-CDP-2024-001', await pdfToPng(bytes, 50))).toBeLessThanOrEqual(TOLERANCE);
    });

    it('prints a Cyrillic name in Cyrillic, as the reference looks, and in French when asked', async () => {
      const bytes = await pdf(`/certificates/${serials.cyrillic}.pdf`);
      const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
      expect(text).toContain(HOLDERS.cyrillic.fullName);
      expect(text).toContain(HOLDERS.cyrillic.title);
      expect(text).toContain(serials.cyrillic);
      expect(text).toContain('Ian Saunders');
      expect(text).toContain('WCO headquarters, Brussels');
      expect(await qrCodes(await pdfToPng(bytes, 150))).toEqual([`${PUBLIC_URL}/verify/${serials.cyrillic}`]);
      expect(differenceFromReference('cyrillic', await pdfToPng(bytes, 50))).toBeLessThanOrEqual(TOLERANCE);
      const french = await pdfText(await pdf(`/certificates/${serials.cyrillic}.pdf?lang=fr`));
      expect(french).toContain('Certificat de réussite');
      expect(french).toContain('6 juillet 2028');
      expect(french).toContain(HOLDERS.cyrillic.fullName);
    });

    it('prints Georgian and Arabic names in their scripts (Arabic shaped, right to left)', async () => {
      const georgian = await pdf(`/certificates/${serials.georgian}.pdf`);
      expect(await pdfText(georgian)).toContain(HOLDERS.georgian.fullName);
      expect(differenceFromReference('georgian', await pdfToPng(georgian, 50))).toBeLessThanOrEqual(TOLERANCE);
      const arabic = await pdf(`/certificates/${serials.arabic}.pdf`);
      // Shaped glyphs map back to the name's letters (their presentation forms normalise to them).
      expect((await pdfText(arabic)).normalize('NFKC')).toContain(HOLDERS.arabic.fullName);
      expect(differenceFromReference('arabic', await pdfToPng(arabic, 50))).toBeLessThanOrEqual(TOLERANCE);
    });

    it('still prints a name with a character no embedded font has, and logs a warning naming it', async () => {
      const bytes = await pdf(`/certificates/${serials.missing}.pdf`);
      expect(await pdfText(bytes)).toContain(serials.missing);
      expect(server.logLines).toContainEqual(expect.objectContaining({ serial: serials.missing, codePoint: 'U+674E', msg: expect.stringMatching(/no embedded font/) }));
    });

    it("is in the holder's language when known, else English", async () => {
      expect(await pdfText(await pdf(`/certificates/${serials.georgian}.pdf`))).toContain('Certificate of Completion');
      const certificate = await ds().getRepository(Certificate).findOneByOrFail({ serial: serials.georgian });
      const user = await insert(ds(), User, {
        email: `holder-${kind.name}@example.org`,
        passwordHash: 'not-a-hash',
        displayName: 'Holder',
        role: UserRole.ASSOCIATE,
        administrationId: null,
        associateId: certificate.associateId,
        preferredLanguage: Language.FR,
      });
      expect(await pdfText(await pdf(`/certificates/${serials.georgian}.pdf`))).toContain('Certificat de réussite');
      expect(await pdfText(await pdf(`/certificates/${serials.georgian}.pdf?lang=en`))).toContain('Certificate of Completion');
      await ds().getRepository(User).delete({ uuid: user.uuid });
    });

    it('gives the same bytes twice, with an ETag that answers 304', async () => {
      const first = await get('/certificates/CDP-2024-001.pdf');
      const second = await get('/certificates/CDP-2024-001.pdf');
      const [a, b] = [Buffer.from(await first.arrayBuffer()), Buffer.from(await second.arrayBuffer())];
      expect(a.equals(b)).toBe(true);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
      expect(second.headers.get('etag')).toBe(etag);
      const cached = await get('/certificates/CDP-2024-001.pdf', { 'If-None-Match': etag });
      expect(cached.status).toBe(304);
      const french = await get('/certificates/CDP-2024-001.pdf?lang=fr');
      expect(french.headers.get('etag')).not.toBe(etag);
    });

    it('answers 404 for an unknown serial and 400 for another language', async () => {
      expect((await get('/certificates/CDP-1999-999.pdf')).status).toBe(404);
      expect((await get('/certificates/<script>.pdf')).status).toBe(404);
      expect((await get('/certificates/CDP-2024-001.pdf?lang=de')).status).toBe(400);
    });
  });

  describe('GET /ceremonies/<eventId>/certificates.pdf', () => {
    const path = () => `/ceremonies/${toGlobalId('Event', ceremony.uuid)}/certificates.pdf`;

    it('refuses anyone but an ADMIN: 401 without or with a bad token, 403 for other roles', async () => {
      expect((await get(path())).status).toBe(401);
      expect((await get(path(), { authorization: 'Bearer not-a-token' })).status).toBe(401);
      const reviewer = await server.as(UserRole.REVIEWER);
      const refused = await get(path(), { authorization: `Bearer ${reviewer.token}` });
      expect(refused.status).toBe(403);
      expect(((await refused.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    });

    it('gives an ADMIN every certificate of the ceremony, a page each, in serial order', async () => {
      const bytes = await pdf(path(), { authorization: `Bearer ${admin.token}` });
      const pages = (await pdfText(bytes)).split('\f').filter((p) => p.trim());
      const ordered = Object.values(serials).sort();
      expect((await pdfInfo(bytes)).Pages).toBe(String(ordered.length));
      expect(pages.map((p) => ordered.find((s) => p.includes(s)))).toEqual(ordered);
      expect((await get(`/ceremonies/${toGlobalId('Event', seeded.associateId)}/certificates.pdf`, { authorization: `Bearer ${admin.token}` })).status).toBe(404);
    });
  });

  describe('GET /verify/<serial> in Chromium', () => {
    let browser: Browser;
    let context: BrowserContext;
    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
      // axe is injected as a script; the page itself allows none (its CSP), so the test context bypasses it.
      context = await browser.newContext({ bypassCSP: true });
      fs.mkdirSync(ARTIFACT_DIR, { recursive: true });
    }, BROWSER_TIMEOUT);
    afterAll(() => browser?.close());

    /** Opens the page at a width, checks it with axe-core, and saves a screenshot. */
    async function open(p: string, width: number, name: string, headers: Record<string, string> = {}) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.setExtraHTTPHeaders(headers);
      const response = await page.goto(`${base}${p}`);
      await page.addScriptTag({ content: axe.source });
      const results: any = await page.evaluate("axe.run(document, { resultTypes: ['violations'] })");
      const violations = results.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
      const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      await page.screenshot({ path: path.join(ARTIFACT_DIR, `${name}-${kind.name}.png`), fullPage: true });
      const text = (await page.evaluate('document.body.innerText')) as string;
      const lang = await page.evaluate('document.documentElement.lang');
      await page.close();
      return { status: response!.status(), violations, overflow, text, lang };
    }

    it('shows VALID, the holder, the achievement and its criteria, the issuer, the issue date, in English, with no accessibility violation at 1280 and 320 px', async () => {
      const wide = await open(`/verify/${serials.cyrillic}`, 1280, 'verify-valid-1280');
      expect(wide).toMatchObject({ status: 200, violations: [], overflow: 0, lang: 'en' });
      for (const expected of ['VALID', HOLDERS.cyrillic.fullName, HOLDERS.cyrillic.title, 'WCO-Japan Career Development Programme certificate', 'ten-month placement', 'World Customs Organization (WCO) Secretariat', '15 January 2031', 'Add to LinkedIn profile', 'Verify it yourself']) {
        expect(wide.text).toContain(expected);
      }
      const narrow = await open(`/verify/${serials.cyrillic}`, 320, 'verify-valid-320');
      expect(narrow).toMatchObject({ status: 200, violations: [], overflow: 0 });
    }, BROWSER_TIMEOUT);

    it('is in French by ?lang=fr or by Accept-Language', async () => {
      const byParameter = await open(`/verify/${serials.cyrillic}?lang=fr`, 1280, 'verify-valid-fr');
      expect(byParameter).toMatchObject({ status: 200, violations: [], lang: 'fr' });
      expect(byParameter.text).toContain('VALIDE');
      expect(byParameter.text).toContain('15 janvier 2031');
      const byHeader = await open(`/verify/${serials.cyrillic}`, 1280, 'verify-valid-fr-header', { 'Accept-Language': 'fr-BE,fr;q=0.9,en;q=0.5' });
      expect(byHeader).toMatchObject({ lang: 'fr' });
    }, BROWSER_TIMEOUT);

    it('shows REVOKED with its date and reason after revokeCertificate, and the PDF is stamped', async () => {
      const { revokeCertificate } = await admin.data(REVOKE, { input: { serial: serials.missing, reason: 'Issued to the wrong person.' } });
      expect(revokeCertificate.userErrors).toEqual([]);
      const revoked = await open(`/verify/${serials.missing}`, 1280, 'verify-revoked');
      expect(revoked).toMatchObject({ status: 200, violations: [] });
      expect(revoked.text).toContain('REVOKED');
      expect(revoked.text).toContain('15 January 2031');
      expect(revoked.text).toContain('Issued to the wrong person.');
      expect(revoked.text).not.toContain('Add to LinkedIn profile');
      const french = await open(`/verify/${serials.missing}?lang=fr`, 320, 'verify-revoked-fr-320');
      expect(french).toMatchObject({ violations: [], overflow: 0 });
      expect(french.text).toContain('RÉVOQUÉ');
      // The stamp lies over the text, so pdftotext may break its line: compared with spaces collapsed.
      const stamped = (await pdfText(await pdf(`/certificates/${serials.missing}.pdf`))).replace(/\s+/g, ' ');
      expect(stamped).toContain('REVOKED');
      expect(stamped).toContain('Revoked on 15 January 2031');
    }, BROWSER_TIMEOUT);

    it('answers an unknown serial with a 404 page in the same style that says nothing more', async () => {
      const unknown = await open('/verify/CDP-1999-999', 1280, 'verify-unknown');
      expect(unknown).toMatchObject({ status: 404, violations: [] });
      expect(unknown.text).toContain('Certificate not found');
      expect(unknown.text).not.toContain('CDP-1999-999');
      const french = await open('/verify/CDP-1999-999?lang=fr', 320, 'verify-unknown-fr');
      expect(french).toMatchObject({ status: 404, violations: [] });
      expect(french.text).toContain('Certificat introuvable');
    }, BROWSER_TIMEOUT);
  });

  describe('GET /verify/<serial> as HTML', () => {
    it('has no script, a CSP that allows none, the links, and LinkedIn’s add-to-profile address', async () => {
      const res = await get(`/verify/${serials.cyrillic}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
      const html = await res.text();
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain(`href="${PUBLIC_URL}/certificates/${serials.cyrillic}.json"`);
      expect(html).toContain(`href="${PUBLIC_URL}/certificates/${serials.cyrillic}.pdf?lang=en"`);
      expect(html).toContain(`href="${PUBLIC_URL}/.well-known/cdp-certificate-keys"`);
      expect(html).toContain(`href="${PUBLIC_URL}/credentials/status/1"`);
      const linkedIn = new URL(/href="(https:\/\/www\.linkedin\.com\/[^"]+)"/.exec(html)![1].replace(/&amp;/g, '&'));
      expect(Object.fromEntries(linkedIn.searchParams)).toEqual({
        startTask: 'CERTIFICATION_NAME',
        name: 'WCO-Japan Career Development Programme certificate',
        organizationName: 'World Customs Organization (WCO) Secretariat',
        issueYear: '2028',
        issueMonth: '7',
        certUrl: `${PUBLIC_URL}/verify/${serials.cyrillic}`,
        certId: serials.cyrillic,
      });
    });

    it('shows UNKNOWN, with the reason, when the stored credential no longer matches its proof (as verifyCertificate answers BAD_PROOF)', async () => {
      const repository = ds().getRepository(Certificate);
      const certificate = await repository.findOneByOrFail({ serial: 'CDP-2024-002' });
      const original = certificate.credential!;
      const altered = structuredClone(original) as any;
      altered.credentialSubject.name = 'Someone Else';
      await repository.update({ uuid: certificate.uuid }, { credential: altered });
      try {
        const res = await get('/verify/CDP-2024-002');
        expect(res.status).toBe(200);
        const html = await res.text();
        expect(html).toContain('<strong>UNKNOWN</strong>');
        expect(html).toContain('BAD_PROOF');
        expect(html).not.toContain('linkedin.com');
        const { verifyCertificate } = await server.data('{ verifyCertificate(serial: "CDP-2024-002") { reason } }');
        expect(verifyCertificate.reason).toBe('BAD_PROOF');
      } finally {
        await repository.update({ uuid: certificate.uuid }, { credential: original });
      }
    });

    it('shows no personal data beyond the name, the administration and the research title', async () => {
      const certificate = await ds().getRepository(Certificate).findOneOrFail({ where: { serial: serials.cyrillic }, relations: { associate: true } });
      const html = await (await get(`/verify/${serials.cyrillic}`)).text();
      const associate = certificate.associate as unknown as Record<string, unknown>;
      for (const field of ['email', 'uuid', 'nominationId']) {
        const value = associate[field];
        if (typeof value === 'string' && value) expect(html).not.toContain(value);
      }
      expect(html).not.toContain(certificate.associateId);
      expect(html).not.toContain('Arranged by the printable certificate tests.');
    });
  });
});
