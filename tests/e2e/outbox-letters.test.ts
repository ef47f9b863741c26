/**
 * The letters of the outbox's e-mail channel, end to end: workflow
 * mutations over HTTP, the outbox worker, nodemailer over SMTP to a real
 * SMTP server started here (smtp-server), and what arrives parsed with
 * mailparser. Each letter reaches exactly its recipients, in their language,
 * and tells each only what they may read through the API.
 */
import { DEMO_USERS } from '../../server/src/db/seed/demo-users';
import { messageIdOf } from '../../server/src/mail/message-id';
import { Administration } from '../../server/src/modules/administration/administration.entity';
import { SigningKeyRing } from '../../server/src/modules/certificate/credential/signing-keys';
import { UserRole } from '../../server/src/modules/user/user-role';
import { User } from '../../server/src/modules/user/user.entity';
import { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { ResearchStatus } from '../../server/src/modules/research/research-status';
import { OutboxEvent } from '../../server/src/outbox/outbox-event.entity';
import { OutboxChannel } from '../../server/src/outbox/outbox-enums';
import { OutboxRouting } from '../../server/src/outbox/outbox-routing.entity';
import { In } from 'typeorm';
import { insertAssociateWithResearch } from '../support/arrange';
import { gid, uninvitedEligible } from '../support/arrange-nominations';
import { freshLabel, yearDates } from '../support/cohort-workflow';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type Caller, type TestServer } from '../support/server';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../support/smtp-sink';

const PUBLIC_URL = 'https://cdp-hub.test';
const FROM = 'cdp-hub@wco.example';
const PASSWORD = 'letters-suite-passphrase-2026';
const YEAR = 2031;
const MOTIVATION = 'A seasoned officer whose research on border risk management would serve the whole region.';

const CREATE_USER = `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id preferredLanguage } userErrors { code message } } }`;
const INVITE = `mutation ($input: InviteAdministrationsInput!) {
  inviteAdministrations(input: $input) { invited { administration { id } } alreadyInvited { id } userErrors { code } } }`;
const TRANSITION = `mutation ($input: TransitionCohortInput!) { transitionCohort(input: $input) { cohort { status } userErrors { code } } }`;
const SUBMIT = `mutation ($input: SubmitNominationInput!) { submitNomination(input: $input) { nomination { id } userErrors { code message } } }`;
const WITHDRAW = `mutation ($input: WithdrawNominationInput!) { withdrawNomination(input: $input) { nomination { status } userErrors { code } } }`;
const REVIEW = `mutation ($input: ReviewNominationInput!) { reviewNomination(input: $input) { review { id } userErrors { code } } }`;
const OUTBOX = `query ($filter: OutboxMessageFilter) {
  outboxMessages(first: 100, filter: $filter) { totalCount nodes { id eventType channel status attempts idempotencyKey lastError sentAt recipient { email } } } }`;

describeEachDatabase('outbox: the letters by e-mail', (kind) => {
  let sink: SmtpSink;
  let server: TestServer;
  let admin: Caller;
  let cohortId: string;
  let cohortLabel: string;
  let adminA: Administration;
  let adminB: Administration;
  let adminC: Administration;
  const emails = {
    focalA: `focal.a.${kind.name}@customs-a.example`,
    focalA2: `focal.a2.${kind.name}@customs-a.example`,
    focalB: `focal.b.${kind.name}@customs-b.example`,
    reviewerFr: `reviewer.fr.${kind.name}@wco.example`,
    reviewerGone: `reviewer.gone.${kind.name}@wco.example`,
    associateFr: `associee.${kind.name}@example.org`,
  };

  /** Creates an active user through the API; returns its id. */
  async function createUser(email: string, role: UserRole, preferredLanguage: 'EN' | 'FR', links: Record<string, string> = {}): Promise<string> {
    const { createUser } = await admin.data(CREATE_USER, {
      input: { email, displayName: email.split('@')[0], role, password: PASSWORD, preferredLanguage, ...links },
    });
    expect(createUser.userErrors).toEqual([]);
    expect(createUser.user.preferredLanguage).toBe(preferredLanguage);
    return createUser.user.id;
  }

  const mailTo = async (email: string, count = 1) => {
    await sink.waitFor((r) => r.filter((m) => m.to === email).length >= count, 15_000, `${count} mail(s) to ${email}`);
    return sink.to(email);
  };
  /** Lets the worker finish whatever else a step made, so "nothing else arrived" means something. */
  const settled = async () => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const { outboxMessages } = await admin.data(OUTBOX, { filter: { statusIn: ['PENDING', 'SENDING'] } });
      const { routing } = (await server.database.dataSource.query(`SELECT COUNT(*) AS "routing" FROM "outbox_routing" WHERE "routedAt" IS NULL`))[0];
      if (outboxMessages.totalCount === 0 && Number(routing) === 0) return;
      if (Date.now() > deadline) throw new Error('the outbox did not settle');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const dayIn = (locale: string, isoDate: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer(kind, {
      credentials: { keys: SigningKeyRing.generate(), publicUrl: PUBLIC_URL },
      outbox: { mail: { mode: 'smtp', url: sink.url, from: `CDP Hub <${FROM}>` }, settings: { pollIntervalMs: 200 } },
    });
    admin = await server.as(UserRole.ADMIN);
    const { createCohort } = await admin.data(
      `mutation ($input: CreateCohortInput!) { createCohort(input: $input) { cohort { id label } userErrors { code } } }`,
      { input: { label: freshLabel(), capacity: 3, dates: yearDates(YEAR) } },
    );
    ({ id: cohortId, label: cohortLabel } = createCohort.cohort);
    [adminA, adminB, adminC] = await uninvitedEligible(server.database.dataSource, '00000000-0000-4000-8000-000000000000');
    await createUser(emails.focalA, UserRole.FOCAL_POINT, 'FR', { administrationId: gid('Administration', adminA.uuid) });
    await createUser(emails.focalB, UserRole.FOCAL_POINT, 'EN', { administrationId: gid('Administration', adminB.uuid) });
    const gone = await createUser(emails.focalA2, UserRole.FOCAL_POINT, 'EN', { administrationId: gid('Administration', adminA.uuid) });
    await admin.data(`mutation ($input: DeactivateUserInput!) { deactivateUser(input: $input) { userErrors { code } } }`, { input: { id: gone } });
  });
  afterAll(async () => {
    await server?.close();
    await sink?.close();
  });

  it('invites: every active focal point of each newly invited administration, about its own administration only, in its language', async () => {
    expect((await admin.data(TRANSITION, { input: { cohortId, to: 'NOMINATIONS_OPEN' } })).transitionCohort.userErrors).toEqual([]);
    const { inviteAdministrations } = await admin.data(INVITE, {
      input: { cohortId, administrationIds: [gid('Administration', adminA.uuid), gid('Administration', adminB.uuid)] },
    });
    expect(inviteAdministrations.invited).toHaveLength(2);

    const [french] = await mailTo(emails.focalA);
    const [english] = await mailTo(emails.focalB);
    expect(french.language).toBe('fr');
    expect(french.from).toBe(FROM);
    expect(french.subject).toBe(`Invitation à présenter des candidatures pour la promotion ${cohortLabel} du WCO-Japan Career Development Programme`);
    expect(french.text).toContain(`invite ${adminA.name} à présenter des candidats`);
    // The deadline is the last day nominations are accepted, written the French way by Intl.
    expect(french.text).toContain(`jusqu’à la fin du ${dayIn('fr', `${YEAR}-03-31`)} (UTC)`);
    expect(french.text).toContain('La promotion compte 3 places.');
    expect(french.html).toContain(`href="${PUBLIC_URL}"`);
    expect(english.language).toBe('en');
    expect(english.subject).toBe(`Invitation to nominate for the ${cohortLabel} cohort of the WCO-Japan Career Development Programme`);
    expect(english.text).toContain(`until the end of ${dayIn('en', `${YEAR}-03-31`)} (UTC)`);
    expect(english.text).toContain('The cohort has 3 seats.');
    // Neither focal point learns which other administration was invited.
    expect(`${french.text}${french.html}`).not.toContain(adminB.name);
    expect(`${english.text}${english.html}`).not.toContain(adminA.name);

    // Inviting A again with C: only C is newly invited, and C has no focal point, so nobody hears of it.
    const again = await admin.data(INVITE, { input: { cohortId, administrationIds: [gid('Administration', adminA.uuid), gid('Administration', adminC.uuid)] } });
    expect(again.inviteAdministrations.alreadyInvited.map((a: { id: string }) => a.id)).toEqual([gid('Administration', adminA.uuid)]);
    await settled();
    expect(sink.to(emails.focalA)).toHaveLength(1);
    // The deactivated focal point of A received nothing.
    expect(sink.to(emails.focalA2)).toEqual([]);
  });

  let nominationA = '';
  let nominationB = '';

  it('receipts: the focal point who submits or withdraws gets one; no other administration’s focal point hears of the candidate', async () => {
    const focalA = await server.signIn(emails.focalA, PASSWORD);
    const candidate = (name: string, email: string) => ({ fullName: name, email, position: 'Inspector', yearsOfService: 9, languages: ['fr'] });
    const first = await focalA.data(SUBMIT, { input: { cohortId, motivation: MOTIVATION, candidate: candidate('Aïcha Ndiaye', 'aicha.ndiaye@customs-a.example') } });
    expect(first.submitNomination.userErrors).toEqual([]);
    // The first is the invitation.
    const submitted = (await mailTo(emails.focalA, 2))[1];
    expect(submitted.subject).toBe(`Candidature reçue : Aïcha Ndiaye, promotion ${cohortLabel}`);
    expect(submitted.text).toContain(`présentée par ${adminA.name}`);
    // The request's clock (TEST_NOW), in French.
    expect(submitted.text).toContain('le 26 novembre 2026 à 12:00 UTC');

    expect((await focalA.data(WITHDRAW, { input: { nominationId: first.submitNomination.nomination.id } })).withdrawNomination.userErrors).toEqual([]);
    const withdrawn = (await mailTo(emails.focalA, 3))[2];
    expect(withdrawn.subject).toBe(`Candidature retirée : Aïcha Ndiaye, promotion ${cohortLabel}`);

    const second = await focalA.data(SUBMIT, { input: { cohortId, motivation: MOTIVATION, candidate: candidate('Omar Diallo', 'omar.diallo@customs-a.example') } });
    nominationA = second.submitNomination.nomination.id;
    await mailTo(emails.focalA, 4);

    // An ADMIN nominating for B gets the receipt; B's focal point does not (it did not act).
    const forB = await admin.data(SUBMIT, {
      input: { cohortId, administrationId: gid('Administration', adminB.uuid), motivation: MOTIVATION, candidate: candidate('Grace Mwangi', 'grace.mwangi@customs-b.example') },
    });
    nominationB = forB.submitNomination.nomination.id;
    const adminReceipt = (await mailTo(DEMO_USERS.ADMIN.email)).find((m) => m.subject.includes('Grace Mwangi'))!;
    expect(adminReceipt.subject).toBe(`Nomination received: Grace Mwangi, ${cohortLabel} cohort`);
    expect(adminReceipt.language).toBe('en');
    await settled();
    expect(sink.to(emails.focalB)).toHaveLength(1);
    const everythingB = sink.to(emails.focalB).map((m) => m.text + m.html).join('');
    for (const name of ['Aïcha Ndiaye', 'Omar Diallo', adminA.name]) expect(everythingB).not.toContain(name);
    const everythingA = sink.to(emails.focalA).map((m) => m.text + m.html).join('');
    for (const name of ['Grace Mwangi', adminB.name]) expect(everythingA).not.toContain(name);
  });

  it('closing nominations: every active reviewer, with the count that awaits their own review', async () => {
    await createUser(emails.reviewerFr, UserRole.REVIEWER, 'FR');
    const gone = await createUser(emails.reviewerGone, UserRole.REVIEWER, 'EN');
    await admin.data(`mutation ($input: DeactivateUserInput!) { deactivateUser(input: $input) { userErrors { code } } }`, { input: { id: gone } });
    // The demo reviewer has reviewed one of the two undecided nominations already.
    const reviewer = await server.as(UserRole.REVIEWER);
    expect((await reviewer.data(REVIEW, { input: { nominationId: nominationA, score: 4 } })).reviewNomination.userErrors).toEqual([]);

    expect((await admin.data(TRANSITION, { input: { cohortId, to: 'SELECTION', closeEarly: true } })).transitionCohort.userErrors).toEqual([]);
    const [french] = await mailTo(emails.reviewerFr);
    const english = (await mailTo(DEMO_USERS.REVIEWER.email)).at(-1)!;
    expect(french.subject).toBe(`Candidatures closes pour la promotion ${cohortLabel} : 2 attendent votre évaluation`);
    expect(french.text).toContain('2 candidatures attendent votre évaluation.');
    expect(english.subject).toBe(`Nominations closed for the ${cohortLabel} cohort: 1 awaits your review`);
    expect(english.text).toContain('1 nomination awaits your review.');
    // The letter names no candidate, and the count is each reviewer's own: another's review changes nothing in it.
    for (const mail of [french, english]) expect(mail.text + mail.html).not.toMatch(/Omar Diallo|Grace Mwangi/);
    await settled();
    expect(sink.to(emails.reviewerGone)).toEqual([]);
    // Focal points hear nothing of the closing.
    expect(sink.to(emails.focalA)).toHaveLength(4);
    expect(sink.to(emails.focalB)).toHaveLength(1);
  });

  it('certificates: the associate’s own user hears of the revocation and of the new certificate, with the credential’s, the PDF’s and the verification page’s links', async () => {
    const { verifyCertificate } = await server.data('{ verifyCertificate(serial: "CDP-2024-001") { certificate { associate { id } ceremony { id } } } }');
    const { associate, ceremony } = verifyCertificate.certificate;
    await createUser(emails.associateFr, UserRole.ASSOCIATE, 'FR', { associateId: associate.id });

    const revoked = await admin.data(
      `mutation ($input: RevokeCertificateInput!) { revokeCertificate(input: $input) { userErrors { code } } }`,
      { input: { serial: 'CDP-2024-001', reason: 'Délivré par erreur' } },
    );
    expect(revoked.revokeCertificate.userErrors).toEqual([]);
    const [revocation] = await mailTo(emails.associateFr);
    expect(revocation.subject).toBe('Votre certificat CDP CDP-2024-001 a été révoqué');
    expect(revocation.text).toContain('Motif indiqué: Délivré par erreur');

    const issued = await admin.data(
      `mutation ($input: IssueCertificateInput!) { issueCertificate(input: $input) { certificate { serial } userErrors { code } } }`,
      { input: { associateId: associate.id, ceremonyId: ceremony.id, signatoryName: 'Ian Saunders', signatoryTitle: 'Secretary General' } },
    );
    const { serial } = issued.issueCertificate.certificate;
    const issuance = (await mailTo(emails.associateFr, 2))[1];
    expect(issuance.subject).toBe(`Votre certificat CDP ${serial} a été délivré`);
    expect(issuance.text).toContain(`Numéro de série: ${serial}`);
    expect(issuance.text).toContain('verifyCertificate');
    const credentialUrl = `${PUBLIC_URL}/certificates/${serial}.json`;
    expect(issuance.text).toContain(credentialUrl);
    expect(issuance.html).toContain(`href="${credentialUrl}"`);
    expect(issuance.text).toContain(`${PUBLIC_URL}/.well-known/cdp-certificate-keys`);
    // The printable certificate and its public verification page, both linked.
    for (const url of [`${PUBLIC_URL}/certificates/${serial}.pdf`, `${PUBLIC_URL}/verify/${serial}`]) {
      expect(issuance.text).toContain(url);
      expect(issuance.html).toContain(`href="${url}"`);
    }
    expect(issuance.text).toContain('Imprimer votre certificat (PDF)');
    await settled();
    // The demo associate (another associate) hears of neither.
    expect(sink.to(DEMO_USERS.ASSOCIATE.email)).toEqual([]);
  });

  it('a password change: a notice to the user, at their own address, in their language', async () => {
    const focalB = await server.signIn(emails.focalB, PASSWORD);
    const changed = await focalB.data(
      `mutation ($input: ChangePasswordInput!) { changePassword(input: $input) { userErrors { code } } }`,
      { input: { currentPassword: PASSWORD, newPassword: 'another-letters-passphrase-2026' } },
    );
    expect(changed.changePassword.userErrors).toEqual([]);
    const notice = (await mailTo(emails.focalB, 2))[1];
    expect(notice.subject).toBe('Your CDP Hub password was changed');
    expect(notice.text).toContain(`The password of your CDP Hub account ${emails.focalB} was changed on November 26, 2026 at 12:00 PM UTC.`);
  });

  it('records the events with their facts; only the e-mail change reaches anyone here (the approved research’s associate has no user)', async () => {
    const before = sink.received.length;
    const ds = server.database.dataSource;
    // NominationDecided: the cohort is in SELECTION now.
    const decided = await admin.data(
      `mutation ($input: DecideNominationInput!) { decideNomination(input: $input) { userErrors { code } } }`,
      { input: { nominationId: nominationB, decision: 'SHORTLISTED' } },
    );
    expect(decided.decideNomination.userErrors).toEqual([]);
    // ResearchApproved: a proposal of an associate of the running seeded cohort.
    const cohort = await ds.getRepository(Cohort).findOneByOrFail({ label: '2023-2024' });
    const { research } = await insertAssociateWithResearch(ds, {
      cohortId: cohort.uuid,
      administrationId: adminA.uuid,
      fullName: 'Proposing Associate',
      title: 'A proposal',
      abstract: 'Proposed research, to be approved.',
      status: ResearchStatus.PROPOSED,
    });
    const approved = await admin.data(`mutation ($input: ApproveResearchInput!) { approveResearch(input: $input) { userErrors { code } } }`, {
      input: { researchId: gid('ResearchProject', research.uuid) },
    });
    expect(approved.approveResearch.userErrors).toEqual([]);
    // UserEmailChanged: the previous address is kept for the notice sent to it (accounts.test.ts reads that letter).
    const focalB = (await ds.getRepository(User).findOneByOrFail({ email: emails.focalB })).uuid;
    const changed = await admin.data(`mutation ($input: UpdateUserInput!) { updateUser(input: $input) { userErrors { code } } }`, {
      input: { id: gid('User', focalB), email: `moved.${emails.focalB}` },
    });
    expect(changed.updateUser.userErrors).toEqual([]);
    await settled();

    const events = await ds.getRepository(OutboxEvent).find({ where: { type: In(['CohortOpened', 'NominationDecided', 'ResearchApproved', 'UserEmailChanged']) } });
    const payloads = Object.fromEntries(events.map((e) => [e.type, e.payload]));
    expect(payloads).toEqual({
      CohortOpened: { cohortId },
      NominationDecided: expect.objectContaining({ nominationId: nominationB, administrationId: gid('Administration', adminB.uuid), status: 'SHORTLISTED', associateId: null }),
      ResearchApproved: { researchId: gid('ResearchProject', research.uuid), associateId: gid('ProfessionalAssociate', research.associateId) },
      UserEmailChanged: { userId: gid('User', focalB), previousEmail: emails.focalB },
    });
    expect(events.every((e) => e.actorLabel === 'user:ADMIN' && e.requestId)).toBe(true);
    // Routed: to nobody by e-mail, but for the notice of the e-mail change, which goes to the previous address.
    const routing = await ds.getRepository(OutboxRouting).findBy({ eventId: In(events.map((e) => e.uuid)), channel: OutboxChannel.EMAIL });
    const typeOf = new Map(events.map((e) => [e.uuid, e.type]));
    expect(Object.fromEntries(routing.map((r) => [typeOf.get(r.eventId), [r.channel, r.messageCount, r.routedAt !== null]]))).toEqual({
      CohortOpened: ['EMAIL', 0, true],
      NominationDecided: ['EMAIL', 0, true],
      ResearchApproved: ['EMAIL', 0, true],
      UserEmailChanged: ['EMAIL', 1, true],
    });
    // The sink parses a message after accepting it, so its record may be SENT a moment before the sink lists it.
    await sink.waitFor((received) => received.length >= before + 1, 15_000, 'the notice of the e-mail change');
    expect(sink.received.length).toBe(before + 1);
    expect(sink.received.at(-1)!.to).toBe(emails.focalB);
  });

  it('lists every message for ADMIN, SENT, each with its key; the Message-ID is made from the key and differs per message', async () => {
    await settled();
    const { outboxMessages } = await admin.data(OUTBOX, { filter: { channel: 'EMAIL' } });
    const sent = outboxMessages.nodes as Array<{ status: string; idempotencyKey: string; attempts: number; recipient: { email: string } }>;
    expect(sent.length).toBe(sink.received.length);
    expect(new Set(sent.map((m) => m.status))).toEqual(new Set(['SENT']));
    expect(sent.every((m) => m.attempts === 1)).toBe(true);
    const expectedIds = sent.map((m) => messageIdOf(m.idempotencyKey, PUBLIC_URL)).sort();
    expect(sink.received.map((m: ReceivedMail) => m.messageId).sort()).toEqual(expectedIds);
    expect(new Set(expectedIds).size).toBe(expectedIds.length);
    expect(expectedIds.every((id) => id.endsWith('@cdp-hub.test>'))).toBe(true);
  });
});
