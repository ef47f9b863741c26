import canonicalize from 'canonicalize';
import { canonicalizeJson, verifyCertificateOffline, type CertificateKeys } from '@cdp-hub/sdk';
import { Certificate } from '../../server/src/modules/certificate/certificate.entity';
import { credentialUrls } from '../../server/src/modules/certificate/credential/credential-settings';
import { signAsIssuer } from '../../server/src/modules/certificate/credential/issuer-signature';
import { SigningKeyRing } from '../../server/src/modules/certificate/credential/signing-keys';
import { UserRole } from '../../server/src/modules/user/user-role';
import { DATABASE_KINDS } from '../support/databases';
import { TAMPERINGS, VECTORS } from '../support/eddsa-vectors';
import { startTestServer, TEST_NOW, type TestServer } from '../support/server';

/** The vector's key as a verifier would hold it: one Multikey verification method, named as the proof names it. */
const VECTOR_KEYS: CertificateKeys = {
  verificationMethod: [{ id: VECTORS.signed.proof.verificationMethod, type: 'Multikey', publicKeyMultibase: VECTORS.keyPair.publicKeyMultibase }],
};

describe("the SDK's JSON canonicalisation (RFC 8785)", () => {
  const SAMPLES: unknown[] = [
    VECTORS.signed,
    // RFC 8785 section 3.2.2.3's numbers, and sorting by UTF-16 code units (section 3.2.3's example).
    { numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000001, 1e-7, -0, 1e21, 9007199254740992] },
    { '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '\ufb33': 'Hebrew Letter Dalet With Dagesh', '1': 'One', '\ud83d\ude00': 'Emoji: Grinning Face', '\u0080': 'Control', '\u00f6': 'Latin Small Letter O With Diaeresis' },
    { string: '\u20ac$\u000f\nA\'B"\\\\"/', literals: [null, true, false], nested: { b: [], a: {} } },
  ];

  it.each(SAMPLES.map((s, i) => [i, s]))('matches the canonicalize library on sample %i', (_i, sample) => {
    expect(canonicalizeJson(sample)).toBe(canonicalize(sample));
  });

  it("gives the vector's canonical document", () => {
    const { proof: _proof, ...document } = VECTORS.signed;
    expect(canonicalizeJson(document)).toBe(VECTORS.canonicalDocument);
  });
});

describe('verifyCertificateOffline with the W3C eddsa-jcs-2022 vector', () => {
  it("accepts the vector's signed credential", async () => {
    expect(await verifyCertificateOffline(structuredClone(VECTORS.signed), VECTOR_KEYS)).toEqual({ isValid: true, reason: 'VALID', revocationChecked: false });
  });

  it.each(TAMPERINGS)('rejects it when %s changes', async (_field, tamper) => {
    const credential = structuredClone(VECTORS.signed);
    tamper(credential);
    expect(await verifyCertificateOffline(credential, VECTOR_KEYS)).toMatchObject({ isValid: false, reason: 'BAD_PROOF' });
  });

  it("is NOT_YET_VALID before its validFrom by the verifier's clock, and VALID from that instant", async () => {
    const validFrom = new Date(VECTORS.signed.validFrom);
    expect(validFrom.toISOString()).toBe('2023-01-01T00:00:00.000Z');
    const asOf = (now: Date) => verifyCertificateOffline(structuredClone(VECTORS.signed), VECTOR_KEYS, { now });
    expect(await asOf(new Date(validFrom.getTime() - 1))).toEqual({ isValid: false, reason: 'NOT_YET_VALID', revocationChecked: false });
    expect(await asOf(validFrom)).toEqual({ isValid: true, reason: 'VALID', revocationChecked: false });
  });

  it('answers UNKNOWN_KEY when the proof names a key it was not given, and UNSIGNED without a proof', async () => {
    expect((await verifyCertificateOffline(structuredClone(VECTORS.signed), { verificationMethod: [] })).reason).toBe('UNKNOWN_KEY');
    const { proof: _proof, ...unsigned } = structuredClone(VECTORS.signed);
    expect((await verifyCertificateOffline(unsigned, VECTOR_KEYS)).reason).toBe('UNSIGNED');
  });
});

const [sqlite] = DATABASE_KINDS;

describe('certificates downloaded from the server, verified offline by the SDK', () => {
  let server: TestServer;
  /** The issuer's previous key: retired, but still published. */
  const retired = SigningKeyRing.generate();
  let base: string;
  const get = (path: string) => fetch(`${base}${path}`);
  const json = async (path: string): Promise<any> => {
    const res = await get(path);
    expect(res.status).toBe(200);
    return res.json();
  };
  const keys = () => json('/.well-known/cdp-certificate-keys');
  const statusList = () => json('/credentials/status/1');

  beforeAll(async () => {
    const rotated = retired.rotated();
    server = await startTestServer(sqlite, { credentials: { keys: rotated, publicUrl: 'https://cdp-hub.test' } });
    base = server.url.replace(/\/graphql$/, '');
  });
  afterAll(() => server?.close());

  it('publishes the keys as Multikey verification methods and as a JWKS, CORS-open and cacheable', async () => {
    const res = await get('/.well-known/cdp-certificate-keys');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    const document: any = await res.json();
    const kids = server.credentials.keys.keys.map((k) => k.kid);
    expect(kids).toHaveLength(2);
    expect(document.id).toBe('https://cdp-hub.test/.well-known/cdp-certificate-keys');
    expect(document.verificationMethod).toEqual(
      kids.map((kid) => ({ id: `${document.id}#${kid}`, type: 'Multikey', controller: document.id, publicKeyMultibase: expect.stringMatching(/^z6Mk/) })),
    );
    expect(document.keys).toEqual(kids.map((kid) => ({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid, use: 'sig', alg: 'EdDSA' })));
    expect(JSON.stringify(document)).not.toMatch(/"d"/);
  });

  it('serves a seeded certificate as a signed OpenBadgeCredential that verifies offline, with Multikey or JWKS keys', async () => {
    const res = await get('/certificates/CDP-2024-001.json');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const credential: any = await res.json();
    expect(credential).toMatchObject({
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: 'https://cdp-hub.test/credentials/issuer', type: ['Profile'] },
      validFrom: '2024-07-04T00:00:00Z',
      credentialSubject: { type: ['AchievementSubject'], achievement: { type: ['Achievement'], criteria: { narrative: expect.stringMatching(/ten-month placement/) } } },
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListCredential: 'https://cdp-hub.test/credentials/status/1' },
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', verificationMethod: expect.stringContaining(server.credentials.keys.current.kid) },
    });
    const published = await keys();
    expect(await verifyCertificateOffline(credential, published)).toEqual({ isValid: true, reason: 'VALID', revocationChecked: false });
    expect(await verifyCertificateOffline(credential, { id: published.id, keys: published.keys })).toMatchObject({ reason: 'VALID' });
    expect(await verifyCertificateOffline(credential, published, { statusList: await statusList() })).toEqual({ isValid: true, reason: 'VALID', revocationChecked: true });
  });

  it('answers 404 JSON for an unknown serial or status list', async () => {
    for (const path of ['/certificates/CDP-1999-999.json', '/credentials/status/2', '/credentials/status/zero']) {
      const res = await get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
    }
  });

  it.each<[string, (c: any) => void]>([
    ["the holder's name", (c) => (c.credentialSubject.name = 'Someone Else')],
    ['the achievement narrative (nested)', (c) => (c.credentialSubject.achievement.criteria.narrative += ' And more.')],
    ['the status list index', (c) => (c.credentialStatus.statusListIndex = '99')],
    ['validFrom', (c) => (c.validFrom = '2020-01-01T00:00:00Z')],
    ["the proof's created", (c) => (c.proof.created = '2024-07-05T00:00:00Z')],
  ])('finds a downloaded credential invalid once %s changes', async (_what, tamper) => {
    const credential = await json('/certificates/CDP-2024-002.json');
    tamper(credential);
    expect(await verifyCertificateOffline(credential, await keys())).toMatchObject({ isValid: false, reason: 'BAD_PROOF' });
  });

  it("answers UNKNOWN_KEY under another issuer's keys", async () => {
    const other = SigningKeyRing.generate().current;
    const credential = await json('/certificates/CDP-2024-003.json');
    const foreign = { verificationMethod: [{ id: credential.proof.verificationMethod.replace(/#.*/, `#${other.kid}`), type: 'Multikey', publicKeyMultibase: other.publicKeyMultibase }] };
    expect((await verifyCertificateOffline(credential, foreign)).reason).toBe('UNKNOWN_KEY');
  });

  it('reports REVOKED from the status list once the certificate is revoked, and refuses a forged list', async () => {
    const credential = await json('/certificates/CDP-2024-004.json');
    const before = await statusList();
    const admin = await server.as(UserRole.ADMIN);
    const { revokeCertificate } = await admin.data(
      'mutation ($input: RevokeCertificateInput!) { revokeCertificate(input: $input) { userErrors { code } } }',
      { input: { serial: 'CDP-2024-004', reason: 'Issued in error' } },
    );
    expect(revokeCertificate.userErrors).toEqual([]);
    const after = await statusList();
    expect(after.credentialSubject.encodedList).not.toBe(before.credentialSubject.encodedList);
    const published = await keys();
    expect(await verifyCertificateOffline(credential, published, { statusList: after })).toEqual({ isValid: false, reason: 'REVOKED', revocationChecked: true });
    // A list from before the revocation still verifies: verifiers honour its ttl and fetch it again.
    expect((await verifyCertificateOffline(credential, published, { statusList: before })).reason).toBe('VALID');
    const forged = { ...after, credentialSubject: { ...after.credentialSubject, encodedList: before.credentialSubject.encodedList } };
    expect(await verifyCertificateOffline(credential, published, { statusList: forged })).toEqual({ isValid: false, reason: 'BAD_STATUS_LIST', revocationChecked: false });
    expect((await verifyCertificateOffline(credential, published, { statusList: { ...after, id: 'https://elsewhere.test/status/1' } })).reason).toBe('BAD_STATUS_LIST');
  });

  it('keeps verifying credentials signed with a retired key, online and offline, while the seed signed with the current one', async () => {
    const settings = { keys: retired, publicUrl: server.credentials.publicUrl };
    const certificates = server.database.dataSource.getRepository(Certificate);
    const row = await certificates.findOneByOrFail({ serial: 'CDP-2024-005' });
    const { proof: _proof, ...unsigned } = row.credential!;
    const oldSigned = signAsIssuer(unsigned, settings, new Date('2024-07-04T00:00:00Z'));
    expect(oldSigned.proof.verificationMethod).toBe(credentialUrls(settings.publicUrl).verificationMethod(retired.current.kid));
    await certificates.update({ uuid: row.uuid }, { credential: oldSigned });
    const { verifyCertificate } = await server.data('{ verifyCertificate(serial: "CDP-2024-005") { isValid reason } }');
    expect(verifyCertificate).toEqual({ isValid: true, reason: 'VALID' });
    expect((await verifyCertificateOffline(await json('/certificates/CDP-2024-005.json'), await keys())).reason).toBe('VALID');
    expect((await verifyCertificateOffline(oldSigned, { verificationMethod: [] })).reason).toBe('UNKNOWN_KEY');
    const seeded = await json('/certificates/CDP-2024-006.json');
    expect(seeded.proof.verificationMethod).toBe(credentialUrls(settings.publicUrl).verificationMethod(server.credentials.keys.current.kid));
  });

  it('answers NOT_YET_VALID online and offline for a genuine credential whose validFrom is still to come, or unreadable', async () => {
    const certificates = server.database.dataSource.getRepository(Certificate);
    const published = await keys();
    const cases: Array<[string, string]> = [
      ['CDP-2024-007', '2026-11-26T12:00:00.001Z'],
      ['CDP-2024-008', 'at the next ceremony'],
    ];
    for (const [serial, validFrom] of cases) {
      // Signed by the issuer as it is, as the server once signed a certificate of a ceremony still to come.
      const row = await certificates.findOneByOrFail({ serial });
      const { proof: _proof, ...unsigned } = row.credential!;
      const altered: Record<string, any> = { ...unsigned, validFrom };
      const signed = signAsIssuer(altered, server.credentials, new Date(TEST_NOW));
      await certificates.update({ uuid: row.uuid }, { credential: signed });
      const { verifyCertificate } = await server.data('query ($serial: String!) { verifyCertificate(serial: $serial) { isValid reason } }', { serial });
      expect({ serial, verifyCertificate }).toEqual({ serial, verifyCertificate: { isValid: false, reason: 'NOT_YET_VALID' } });
      const offline = await verifyCertificateOffline(await json(`/certificates/${serial}.json`), published, { now: new Date(TEST_NOW), statusList: await statusList() });
      expect({ serial, offline }).toEqual({ serial, offline: { isValid: false, reason: 'NOT_YET_VALID', revocationChecked: true } });
    }
  });
});
