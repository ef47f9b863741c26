import { randomUUID } from 'node:crypto';
import { verifyCertificateOffline } from '@cdp-hub/sdk';
import { toGlobalId } from '../../server/src/graphql/relay/global-id';
import { Administration } from '../../server/src/modules/administration/administration.entity';
import { ProfessionalAssociate } from '../../server/src/modules/associate/associate.entity';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity';
import { Certificate } from '../../server/src/modules/certificate/certificate.entity';
import { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { EventKind } from '../../server/src/modules/event/event-kind';
import { Event } from '../../server/src/modules/event/event.entity';
import { ResearchStatus } from '../../server/src/modules/research/research-status';
import { UserRole } from '../../server/src/modules/user/user-role';
import { insert, insertAssociate, insertAssociateWithResearch } from '../support/arrange';
import { settableClock } from '../support/clocks';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TEST_NOW, type Caller, type TestServer } from '../support/server';
import { expectUnchanged } from '../support/unchanged';

const ISSUE = `mutation ($input: IssueCertificateInput!) {
  issueCertificate(input: $input) {
    certificate { id serial issuedAt signatoryName signatoryTitle isValid credential associate { id } ceremony { id } }
    userErrors { code field message }
  }
}`;
const REVOKE = `mutation ($input: RevokeCertificateInput!) {
  revokeCertificate(input: $input) {
    certificate { id serial isValid revokedAt revocationReason }
    userErrors { code field message }
  }
}`;
const VERIFY = 'query ($serial: String!) { verifyCertificate(serial: $serial) { isValid reason certificate { serial } } }';
const SIGNATORY = { signatoryName: 'Ian Saunders', signatoryTitle: 'Secretary General' };
/**
 * The server clock once every ceremony the suite arranges has taken place:
 * certificates are issued from the ceremony's start. The seed runs at
 * TEST_NOW (so the demonstration cohort is 2027-2028), then the clock moves here.
 */
const NOW = '2031-01-15T12:00:00.000Z';

describeEachDatabase('workflow: certificates', (kind) => {
  let server: TestServer;
  const clock = settableClock(TEST_NOW);
  let admin: Caller;
  let base: string;
  /** The demonstration cohort 2027-2028, its ceremony (2028) and a second ceremony (2029) for the serial race. */
  let cohort: Cohort;
  let ceremony: Event;
  let raceCeremony: Event;
  let reportingSession: Event;
  /** The seeded cohort 2023-2024 and its ceremony of 4 July 2024, where CDP-2024-001 to -010 were handed out. */
  let seededCohort: Cohort;
  let seededCeremony: Event;
  let administrations: Administration[];
  let arranged = 0;

  const ds = () => server.database.dataSource;
  const gid = (type: string, uuid: string) => toGlobalId(type, uuid);

  /** The administrations in turn (there are more associates here than administrations). */
  const nextAdministration = () => administrations[arranged++ % administrations.length];

  /** A new associate of `inCohort` whose research has `status`. */
  async function associateWith(status: ResearchStatus, inCohort = cohort): Promise<ProfessionalAssociate> {
    const administration = nextAdministration();
    const { associate } = await insertAssociateWithResearch(ds(), {
      cohortId: inCohort.uuid,
      administrationId: administration.uuid,
      fullName: `Sample Associate ${arranged}`,
      title: `Research ${arranged}`,
      abstract: 'Sample research arranged by the certificate tests.',
      status,
    });
    return associate;
  }

  const issueInput = (associate: ProfessionalAssociate, at: Event = ceremony) => ({
    associateId: gid('ProfessionalAssociate', associate.uuid),
    ceremonyId: gid('Event', at.uuid),
    ...SIGNATORY,
  });
  const issue = async (input: Record<string, unknown>, caller: Caller = admin) => (await caller.data(ISSUE, { input })).issueCertificate;
  const revoke = async (input: Record<string, unknown>) => (await admin.data(REVOKE, { input })).revokeCertificate;
  const verify = async (serial: string) => (await server.data(VERIFY, { serial })).verifyCertificate;
  const codes = (payload: { userErrors: Array<{ code: string; field: string[] | null }> }) => payload.userErrors.map((e) => [e.code, e.field]);
  /** The database is unchanged and the mutation answered exactly this one error. */
  const refused = async (act: () => Promise<any>, code: string, field: string[] | null) => {
    const payload = await expectUnchanged(ds(), act);
    expect(codes(payload)).toEqual([[code, field]]);
    expect(payload.certificate).toBeNull();
  };
  const event = (kindOf: EventKind, at: string, of: Cohort) =>
    insert(ds(), Event, { programmeId: of.programmeId, cohortId: of.uuid, kind: kindOf, title: `${kindOf} ${at}`, startsAt: new Date(at), isVirtual: false });

  beforeAll(async () => {
    server = await startTestServer(kind, { clock });
    clock.set(NOW);
    base = server.url.replace(/\/graphql$/, '');
    admin = await server.as(UserRole.ADMIN);
    cohort = await ds().getRepository(Cohort).findOneByOrFail({ label: '2027-2028' });
    seededCohort = await ds().getRepository(Cohort).findOneByOrFail({ label: '2023-2024' });
    seededCeremony = await ds().getRepository(Event).findOneByOrFail({ cohortId: seededCohort.uuid, kind: EventKind.CERTIFICATE_CEREMONY });
    ceremony = await event(EventKind.CERTIFICATE_CEREMONY, '2028-07-06T10:00:00Z', cohort);
    raceCeremony = await event(EventKind.CERTIFICATE_CEREMONY, '2029-07-05T10:00:00Z', cohort);
    reportingSession = await event(EventKind.REPORTING_SESSION, '2028-06-20T09:00:00Z', cohort);
    administrations = await ds().getRepository(Administration).find({ order: { iso2: 'ASC' } });
  });
  afterAll(() => server?.close());

  describe('issueCertificate', () => {
    it('issues the first serial of the ceremony year, stamped with the clock, as a signed credential that verifies', async () => {
      const associate = await associateWith(ResearchStatus.PRESENTED);
      const payload = await issue(issueInput(associate));
      expect(payload.userErrors).toEqual([]);
      expect(payload.certificate).toMatchObject({
        serial: 'CDP-2028-001',
        issuedAt: NOW,
        ...SIGNATORY,
        isValid: true,
        associate: { id: gid('ProfessionalAssociate', associate.uuid) },
        ceremony: { id: gid('Event', ceremony.uuid) },
      });
      const { credential } = payload.certificate;
      expect(credential).toMatchObject({
        id: `${server.credentials.publicUrl}/certificates/CDP-2028-001.json`,
        validFrom: '2028-07-06T10:00:00Z',
        credentialSubject: { name: associate.fullName, identifier: [{ identityType: 'name', identityHash: associate.fullName }] },
        proof: { created: '2031-01-15T12:00:00Z', cryptosuite: 'eddsa-jcs-2022' },
      });
      expect(await verify('CDP-2028-001')).toEqual({ isValid: true, reason: 'VALID', certificate: { serial: 'CDP-2028-001' } });
      const { uuid } = await ds().getRepository(Certificate).findOneByOrFail({ serial: 'CDP-2028-001' });
      const entry = await ds().getRepository(AuditEntry).findOneByOrFail({ operation: 'issueCertificate', entityId: uuid });
      expect(entry).toMatchObject({ entityType: 'Certificate', actorLabel: 'user:ADMIN', after: { serial: 'CDP-2028-001', statusListIndex: expect.any(Number) } });
      expect(JSON.stringify(entry.after)).not.toContain(associate.fullName);
    });

    it("issues PUBLISHED research's associate too, and continues after the seeded serials of the ceremony year", async () => {
      const associate = await associateWith(ResearchStatus.PUBLISHED, seededCohort);
      const payload = await issue(issueInput(associate, seededCeremony));
      expect(payload.userErrors).toEqual([]);
      expect(payload.certificate.serial).toBe('CDP-2024-011');
    });

    it('refuses a malformed or foreign ID with INVALID_ID', async () => {
      const associate = await associateWith(ResearchStatus.PRESENTED);
      await refused(() => issue({ ...issueInput(associate), associateId: gid('Cohort', cohort.uuid) }), 'INVALID_ID', ['input', 'associateId']);
      await refused(() => issue({ ...issueInput(associate), ceremonyId: 'not-an-id' }), 'INVALID_ID', ['input', 'ceremonyId']);
    });

    it('refuses an unknown associate (ASSOCIATE_NOT_FOUND) and an unknown event (CEREMONY_NOT_FOUND)', async () => {
      const associate = await associateWith(ResearchStatus.PRESENTED);
      await refused(() => issue({ ...issueInput(associate), associateId: gid('ProfessionalAssociate', randomUUID()) }), 'ASSOCIATE_NOT_FOUND', ['input', 'associateId']);
      await refused(() => issue({ ...issueInput(associate), ceremonyId: gid('Event', randomUUID()) }), 'CEREMONY_NOT_FOUND', ['input', 'ceremonyId']);
    });

    it('refuses an event that is not a certificate ceremony (CEREMONY_NOT_CERTIFICATE_CEREMONY)', async () => {
      const associate = await associateWith(ResearchStatus.PRESENTED);
      await refused(() => issue(issueInput(associate, reportingSession)), 'CEREMONY_NOT_CERTIFICATE_CEREMONY', ['input', 'ceremonyId']);
    });

    it('refuses a cancelled ceremony (EVENT_CANCELLED)', async () => {
      const associate = await associateWith(ResearchStatus.PRESENTED);
      const cancelled = await event(EventKind.CERTIFICATE_CEREMONY, '2028-07-07T10:00:00Z', cohort);
      await ds().getRepository(Event).update({ uuid: cancelled.uuid }, { cancelledAt: new Date(NOW), cancellationReason: 'Moved' });
      await refused(() => issue(issueInput(associate, cancelled)), 'EVENT_CANCELLED', ['input', 'ceremonyId']);
    });

    it('refuses a ceremony that has not started by the server clock (CEREMONY_NOT_HELD), and issues from its start on', async () => {
      const associate = await associateWith(ResearchStatus.PRESENTED);
      const coming = await event(EventKind.CERTIFICATE_CEREMONY, '2031-01-15T12:00:00.001Z', cohort);
      const payload = await expectUnchanged(ds(), () => issue(issueInput(associate, coming)));
      expect(codes(payload)).toEqual([['CEREMONY_NOT_HELD', ['input', 'ceremonyId']]]);
      expect(payload.certificate).toBeNull();
      expect(payload.userErrors[0].message).toContain('2031-01-15T12:00:00.001Z');

      const starting = await event(EventKind.CERTIFICATE_CEREMONY, NOW, cohort);
      const issued = await issue(issueInput(associate, starting));
      expect(issued.userErrors).toEqual([]);
      expect(issued.certificate.credential.validFrom).toBe('2031-01-15T12:00:00Z');
      expect(await verify(issued.certificate.serial)).toMatchObject({ isValid: true, reason: 'VALID' });
    });

    it("refuses a ceremony of another cohort than the associate's (CEREMONY_OF_ANOTHER_COHORT)", async () => {
      const associate = await associateWith(ResearchStatus.PRESENTED);
      await refused(() => issue(issueInput(associate, seededCeremony)), 'CEREMONY_OF_ANOTHER_COHORT', ['input', 'ceremonyId']);
    });

    it.each([ResearchStatus.PROPOSED, ResearchStatus.IN_PROGRESS, ResearchStatus.SUBMITTED])(
      'refuses an associate whose research is %s (RESEARCH_NOT_PRESENTED)',
      async (status) => {
        const associate = await associateWith(status);
        await refused(() => issue(issueInput(associate)), 'RESEARCH_NOT_PRESENTED', ['input', 'associateId']);
      },
    );

    it('refuses an associate without research (RESEARCH_NOT_PRESENTED)', async () => {
      const associate = await insertAssociate(ds(), { cohortId: cohort.uuid, administrationId: nextAdministration().uuid, fullName: 'Associate Without Research' });
      await refused(() => issue(issueInput(associate)), 'RESEARCH_NOT_PRESENTED', ['input', 'associateId']);
    });

    it('refuses a second valid certificate (CERTIFICATE_EXISTS), and allows one after revocation with a new serial', async () => {
      const associate = await associateWith(ResearchStatus.PRESENTED);
      const first = await issue(issueInput(associate));
      expect(first.userErrors).toEqual([]);
      await refused(() => issue(issueInput(associate)), 'CERTIFICATE_EXISTS', ['input', 'associateId']);
      expect((await revoke({ serial: first.certificate.serial, reason: 'Name misspelt' })).userErrors).toEqual([]);
      const second = await issue(issueInput(associate));
      expect(second.userErrors).toEqual([]);
      expect(Number(second.certificate.serial.slice(-3))).toBe(Number(first.certificate.serial.slice(-3)) + 1);
      expect(await verify(first.certificate.serial)).toMatchObject({ isValid: false, reason: 'REVOKED' });
    });

    it('refuses a blank or over-long signatory with INVALID_VALUE', async () => {
      const associate = await associateWith(ResearchStatus.PRESENTED);
      await refused(() => issue({ ...issueInput(associate), signatoryName: '   ' }), 'INVALID_VALUE', ['input', 'signatoryName']);
      await refused(() => issue({ ...issueInput(associate), signatoryTitle: 'x'.repeat(201) }), 'INVALID_VALUE', ['input', 'signatoryTitle']);
    });

    it('is for ADMIN only: FORBIDDEN for a REVIEWER and UNAUTHENTICATED anonymously, changing nothing', async () => {
      const associate = await associateWith(ResearchStatus.PRESENTED);
      for (const [caller, code] of [[await server.as(UserRole.REVIEWER), 'FORBIDDEN'], [server, 'UNAUTHENTICATED']] as const) {
        const result = await expectUnchanged(ds(), () => caller.graphql(ISSUE, { input: issueInput(associate) }));
        expect(result.errors?.[0]?.extensions?.code).toBe(code);
      }
    });

    it('gives 20 concurrent issues at one ceremony 20 distinct, gapless serials and status-list positions', async () => {
      const associates: ProfessionalAssociate[] = [];
      for (let i = 0; i < 20; i++) associates.push(await associateWith(ResearchStatus.PRESENTED));
      const payloads = await Promise.all(associates.map((a) => issue(issueInput(a, raceCeremony))));
      expect(payloads.flatMap((p) => p.userErrors)).toEqual([]);
      const serials = payloads.map((p) => p.certificate.serial).sort();
      expect(serials).toEqual(Array.from({ length: 20 }, (_, i) => `CDP-2029-${String(i + 1).padStart(3, '0')}`));
      const rows = await ds().getRepository(Certificate).findBy({ ceremonyId: raceCeremony.uuid });
      const positions = rows.map((r) => r.statusListIndex!).sort((a, b) => a - b);
      expect(new Set(positions).size).toBe(20);
      expect(positions[19] - positions[0]).toBe(19);
      for (const p of payloads) expect(p.certificate.credential.credentialStatus.statusListIndex).toBe(String(rows.find((r) => r.serial === p.certificate.serial)!.statusListIndex));
    });

    it('keeps serials gapless across two ceremonies of one year issuing at once (the year counter, not a ceremony lock, orders them)', async () => {
      const july = await event(EventKind.CERTIFICATE_CEREMONY, '2030-07-04T10:00:00Z', cohort);
      const december = await event(EventKind.CERTIFICATE_CEREMONY, '2030-12-05T10:00:00Z', cohort);
      const calls: Array<Record<string, unknown>> = [];
      for (let i = 0; i < 20; i++) calls.push(issueInput(await associateWith(ResearchStatus.PRESENTED), i % 2 ? december : july));
      const payloads = await Promise.all(calls.map((input) => issue(input)));
      expect(payloads.flatMap((p) => p.userErrors)).toEqual([]);
      expect(payloads.map((p) => p.certificate.serial).sort()).toEqual(Array.from({ length: 20 }, (_, i) => `CDP-2030-${String(i + 1).padStart(3, '0')}`));
    });
  });

  describe('revokeCertificate', () => {
    let serial: string;
    let certificateId: string;

    beforeAll(async () => {
      const payload = await issue(issueInput(await associateWith(ResearchStatus.PRESENTED)));
      ({ serial, id: certificateId } = payload.certificate);
    });

    it('needs exactly one of certificateId and serial (CERTIFICATE_REFERENCE_REQUIRED)', async () => {
      await refused(() => revoke({ reason: 'No reference' }), 'CERTIFICATE_REFERENCE_REQUIRED', ['input', 'certificateId']);
      await refused(() => revoke({ certificateId, serial, reason: 'Both' }), 'CERTIFICATE_REFERENCE_REQUIRED', ['input', 'serial']);
    });

    it('refuses an unknown certificate (CERTIFICATE_NOT_FOUND) and a foreign ID (INVALID_ID)', async () => {
      await refused(() => revoke({ serial: 'CDP-1999-999', reason: 'Unknown' }), 'CERTIFICATE_NOT_FOUND', ['input', 'serial']);
      await refused(() => revoke({ certificateId: gid('Certificate', randomUUID()), reason: 'Unknown' }), 'CERTIFICATE_NOT_FOUND', ['input', 'certificateId']);
      await refused(() => revoke({ certificateId: gid('Event', ceremony.uuid), reason: 'Foreign' }), 'INVALID_ID', ['input', 'certificateId']);
    });

    it('refuses a blank or over-long reason with INVALID_VALUE', async () => {
      await refused(() => revoke({ serial, reason: ' ' }), 'INVALID_VALUE', ['input', 'reason']);
      await refused(() => revoke({ serial, reason: 'x'.repeat(501) }), 'INVALID_VALUE', ['input', 'reason']);
    });

    it('keeps the record and serial, stamps revokedAt from the clock, audits it, and verifyCertificate answers REVOKED', async () => {
      const payload = await revoke({ serial: serial.toLowerCase(), reason: ' Research found to be plagiarised ' });
      expect(payload).toEqual({
        userErrors: [],
        certificate: { id: certificateId, serial, isValid: false, revokedAt: NOW, revocationReason: 'Research found to be plagiarised' },
      });
      expect(await verify(serial)).toEqual({ isValid: false, reason: 'REVOKED', certificate: { serial } });
      const { uuid } = await ds().getRepository(Certificate).findOneByOrFail({ serial });
      const entry = await ds().getRepository(AuditEntry).findOneByOrFail({ operation: 'revokeCertificate', entityId: uuid });
      expect(entry).toMatchObject({ before: { serial, revokedAt: null }, after: { serial, revokedAt: NOW, revocationReason: 'Research found to be plagiarised' } });
    });

    it('sets the bit in the published status list, so the SDK reports REVOKED offline', async () => {
      const credential = await (await fetch(`${base}/certificates/${serial}.json`)).json();
      const keys = await (await fetch(`${base}/.well-known/cdp-certificate-keys`)).json();
      const statusList = await (await fetch(`${base}/credentials/status/1`)).json();
      expect(await verifyCertificateOffline(credential as any, keys as any, { statusList: statusList as any })).toEqual({ isValid: false, reason: 'REVOKED', revocationChecked: true });
      const valid = await (await fetch(`${base}/certificates/CDP-2024-001.json`)).json();
      expect((await verifyCertificateOffline(valid as any, keys as any, { statusList: statusList as any })).reason).toBe('VALID');
    });

    it('refuses a second revocation (ALREADY_REVOKED)', async () => {
      await refused(() => revoke({ certificateId, reason: 'Again' }), 'ALREADY_REVOKED', ['input', 'certificateId']);
    });
  });

  describe('verifyCertificate on stored credentials', () => {
    const credentialOf = (serial: string) => ds().getRepository(Certificate).findOneByOrFail({ serial });
    const store = (serial: string, credential: Record<string, any> | null) => ds().getRepository(Certificate).update({ serial }, { credential });

    it('answers BAD_PROOF when a stored credential was altered, or belongs to another serial', async () => {
      const { credential } = await credentialOf('CDP-2020-001');
      await store('CDP-2020-001', { ...credential, credentialSubject: { ...credential!.credentialSubject, name: 'Someone Else' } });
      expect(await verify('CDP-2020-001')).toEqual({ isValid: false, reason: 'BAD_PROOF', certificate: { serial: 'CDP-2020-001' } });
      const other = await credentialOf('CDP-2020-003');
      await store('CDP-2020-002', other.credential);
      expect(await verify('CDP-2020-002')).toMatchObject({ isValid: false, reason: 'BAD_PROOF' });
      expect(await verify('CDP-2020-003')).toMatchObject({ isValid: true, reason: 'VALID' });
    });

    it('answers UNSIGNED for a certificate without a credential, and the download is 404', async () => {
      await store('CDP-2020-004', null);
      expect(await verify('CDP-2020-004')).toEqual({ isValid: false, reason: 'UNSIGNED', certificate: { serial: 'CDP-2020-004' } });
      expect((await fetch(`${base}/certificates/CDP-2020-004.json`)).status).toBe(404);
    });

    it("answers NOT_YET_VALID while the server clock is before the credential's validFrom (its ceremony), as for one issued before the rule", async () => {
      const { certificate } = await issue(issueInput(await associateWith(ResearchStatus.PRESENTED)));
      const { serial } = certificate;
      expect(certificate.credential.validFrom).toBe('2028-07-06T10:00:00Z');
      try {
        clock.set('2028-07-06T09:59:59.999Z');
        expect(await verify(serial)).toEqual({ isValid: false, reason: 'NOT_YET_VALID', certificate: { serial } });
        // Cached answers are keyed by the day: the next day is asked afresh.
        clock.set('2028-07-07T00:00:00.000Z');
        expect(await verify(serial)).toEqual({ isValid: true, reason: 'VALID', certificate: { serial } });
      } finally {
        clock.set(NOW);
      }
    });

    it('answers UNKNOWN_SERIAL for a serial never issued', async () => {
      expect(await verify('CDP-2099-001')).toEqual({ isValid: false, reason: 'UNKNOWN_SERIAL', certificate: null });
    });
  });
});
