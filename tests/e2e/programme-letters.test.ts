/**
 * The programme's letters that follow the calendar and the Secretariat's
 * steps, end to end through the generated SDK and the outbox, over SMTP to
 * a real SMTP server (smtp-server, parsed with mailparser): the nomination
 * deadline reminders (7 days and 1 day before), the published outcomes,
 * research approved or returned, and milestones due or overdue. Reminders
 * come from the reminder tick, against the server clock a test moves as
 * CDP_CLOCK would; none is sent twice across ticks, clock moves and a
 * second instance on the same database.
 */
import { createCdpClient, type CdpClient } from '@cdp-hub/sdk';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/db/seed/demo-users';
import { Administration } from '../../server/src/modules/administration/administration.entity';
import { SigningKeyRing } from '../../server/src/modules/certificate/credential/signing-keys';
import { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { ResearchStatus } from '../../server/src/modules/research/research-status';
import { OutboxEvent } from '../../server/src/outbox/outbox-event.entity';
import { insertAssociateWithResearch } from '../support/arrange';
import { focalAdministration, gid, MOTIVATION, uninvitedEligible } from '../support/arrange-nominations';
import { settableClock } from '../support/clocks';
import { freshLabel, yearDates } from '../support/cohort-workflow';
import { describeEachDatabase } from '../support/databases';
import { outboxSettled } from '../support/outbox-settled';
import { startTestServer, TEST_NOW, type TestServer } from '../support/server';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink';

const PUBLIC_URL = 'https://cdp-hub.test';
const PASSWORD = 'programme-letters-passphrase-2026';
const YEAR = 2032;
const DATES = yearDates(YEAR);
const OUTBOX = { settings: { pollIntervalMs: 200 }, reminderTickMs: 3_600_000 };

describeEachDatabase('the programme’s letters: reminders, outcomes and research', (kind) => {
  let sink: SmtpSink;
  let server: TestServer;
  let admin: CdpClient;
  let cohortId: string;
  let cohortLabel: string;
  let adminA: Administration;
  let adminB: Administration;
  const clock = settableClock(TEST_NOW);
  const emails = {
    focalA: `focal.a.${kind.name}@programme-a.example`,
    focalB: `focal.b.${kind.name}@programme-b.example`,
    associate: `associee.${kind.name}@programme.example`,
  };
  const mail = () => ({ mode: 'smtp' as const, url: sink.url, from: 'CDP Hub <cdp-hub@wco.example>' });

  /** Signs in again: sessions last 12 hours of the server clock, which the tests move by months. */
  const signIn = async (email: string, password: string) => {
    const { login } = await createCdpClient({ url: server.url }).login({ input: { email, password } });
    if (!login.token) throw new Error(`sign-in of ${email} failed: ${JSON.stringify(login.userErrors)}`);
    return createCdpClient({ url: server.url, token: login.token });
  };
  const moveClock = async (instant: string) => {
    clock.set(instant);
    admin = await signIn(DEMO_USERS.ADMIN.email, DEMO_PASSWORD);
  };
  const mailTo = async (address: string, count: number) => {
    await sink.waitFor((r) => r.filter((m) => m.to === address).length >= count, 15_000, `${count} mail(s) to ${address}`);
    return sink.to(address);
  };
  const settled = () => outboxSettled(server);
  const reminderKeys = async () =>
    (await server.database.dataSource.getRepository(OutboxEvent).findBy({ type: 'NominationDeadlineApproaching' }))
      .map((e) => e.dedupeKey)
      .filter((key) => key?.includes(uuidOfCohort()))
      .sort();
  let cohortUuid = '';
  const uuidOfCohort = () => cohortUuid;
  const dayIn = (locale: string, isoDate: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate}T00:00:00Z`));

  beforeAll(async () => {
    sink = await startSmtpSink();
    server = await startTestServer(kind, { clock, credentials: { keys: SigningKeyRing.generate(), publicUrl: PUBLIC_URL }, outbox: { mail: mail(), ...OUTBOX } });
    admin = await signIn(DEMO_USERS.ADMIN.email, DEMO_PASSWORD);
    const { createCohort } = await admin.createCohort({ input: { label: freshLabel(), capacity: 3, dates: DATES } });
    ({ id: cohortId, label: cohortLabel } = createCohort.cohort!);
    cohortUuid = (await server.database.dataSource.getRepository(Cohort).findOneByOrFail({ label: cohortLabel })).uuid;
    [adminA, adminB] = await uninvitedEligible(server.database.dataSource, cohortUuid);
    for (const [email, administration, language] of [
      [emails.focalA, adminA, 'FR'],
      [emails.focalB, adminB, 'EN'],
    ] as const) {
      const { createUser } = await admin.createUser({
        input: { email, displayName: email.split('@')[0], role: 'FOCAL_POINT', password: PASSWORD, preferredLanguage: language, administrationId: gid('Administration', administration.uuid) },
      });
      expect(createUser.userErrors).toEqual([]);
    }
    expect((await admin.transitionCohort({ input: { cohortId, to: 'NOMINATIONS_OPEN' } })).transitionCohort.userErrors).toEqual([]);
    const { inviteAdministrations } = await admin.inviteAdministrations({
      input: { cohortId, administrationIds: [gid('Administration', adminA.uuid), gid('Administration', adminB.uuid)] },
    });
    expect(inviteAdministrations.invited).toHaveLength(2);
    await mailTo(emails.focalA, 1);
    await mailTo(emails.focalB, 1);
  });
  afterAll(async () => {
    await server?.close();
    await sink?.close();
  });

  const nominations: Record<string, string> = {};

  it('reminds the invited focal points 7 days and 1 day before the deadline, each with its own count, once whatever the ticks, clock moves and instances', async () => {
    const focalA = await signIn(emails.focalA, PASSWORD);
    const focalB = await signIn(emails.focalB, PASSWORD);
    const candidate = (fullName: string, email: string) => ({ fullName, email, position: 'Inspector', yearsOfService: 8, languages: ['fr'] });
    for (const [client, name, email] of [
      [focalA, 'Aminata Sow', 'aminata.sow@programme-a.example'],
      [focalA, 'Karim Benali', 'karim.benali@programme-a.example'],
      [focalB, 'Grace Otieno', 'grace.otieno@programme-b.example'],
    ] as const) {
      const { submitNomination } = await client.submitNomination({ input: { cohortId, motivation: MOTIVATION, candidate: candidate(name, email) } });
      expect(submitNomination.userErrors).toEqual([]);
      nominations[name] = submitNomination.nomination!.id;
    }
    // Two receipts each for A, one for B, after the invitations.
    await mailTo(emails.focalA, 3);
    await mailTo(emails.focalB, 2);

    // Eight days before: nothing is due yet.
    await moveClock(`${YEAR}-03-23T12:00:00.000Z`);
    await server.reminders!.tick();
    expect(await reminderKeys()).toEqual([]);

    // Seven days before (the deadline is the last day nominations are accepted).
    await moveClock(`${YEAR}-03-24T09:00:00.000Z`);
    expect(await server.reminders!.tick()).toBeGreaterThanOrEqual(1);
    const french = (await mailTo(emails.focalA, 4))[3];
    const english = (await mailTo(emails.focalB, 3))[2];
    expect(french.subject).toBe(`Rappel : les candidatures pour la promotion ${cohortLabel} sont closes dans 7 jours`);
    expect(french.text).toContain(`jusqu’à la fin du ${dayIn('fr', DATES.nominationDeadline)} (UTC)`);
    expect(french.text).toContain(`À ce jour, ${adminA.name} a présenté 2 candidats.`);
    expect(english.subject).toBe(`Reminder: nominations for the ${cohortLabel} cohort close in 7 days`);
    expect(english.text).toContain(`So far, ${adminB.name} has nominated 1 candidate.`);
    // Each focal point hears of its own administration only.
    expect(french.text + french.html).not.toContain(adminB.name);
    expect(english.text + english.html).not.toContain(adminA.name);

    // Another tick, the clock moved within the same window, and a second instance starting on the same database: nothing new.
    expect(await server.reminders!.tick()).toBe(0);
    await moveClock(`${YEAR}-03-27T18:00:00.000Z`);
    expect(await server.reminders!.tick()).toBe(0);
    const second = await startTestServer(kind, { sameDatabaseAs: server, clock, outbox: { mail: mail(), ...OUTBOX } });
    try {
      expect(await second.reminders!.tick()).toBe(0);
    } finally {
      await second.close();
    }

    // One day before: the last reminder, once, though two ticks race for it.
    await moveClock(`${YEAR}-03-30T08:00:00.000Z`);
    const raced = await Promise.all([server.reminders!.tick(), server.reminders!.tick()]);
    expect(raced.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    const lastFrench = (await mailTo(emails.focalA, 5))[4];
    expect(lastFrench.subject).toBe(`Rappel : les candidatures pour la promotion ${cohortLabel} sont closes dans 1 jour`);
    // A restart after the deadline: nothing more.
    await moveClock(`${YEAR}-04-02T08:00:00.000Z`);
    const restarted = await startTestServer(kind, { sameDatabaseAs: server, clock, outbox: { mail: mail(), ...OUTBOX } });
    try {
      expect(await restarted.reminders!.tick()).toBe(0);
    } finally {
      await restarted.close();
    }
    await settled();
    expect(await reminderKeys()).toEqual([
      `NominationDeadlineApproaching:${cohortUuid}:${DATES.nominationDeadline}:1`,
      `NominationDeadlineApproaching:${cohortUuid}:${DATES.nominationDeadline}:7`,
    ]);
    expect(sink.to(emails.focalA).filter((m) => m.subject.startsWith('Rappel'))).toHaveLength(2);
    expect(sink.to(emails.focalB).filter((m) => m.subject.startsWith('Reminder'))).toHaveLength(2);
  });

  it('publishes the outcomes no earlier than the notification date, telling each administration its own candidates only', async () => {
    expect((await admin.transitionCohort({ input: { cohortId, to: 'SELECTION' } })).transitionCohort.userErrors).toEqual([]);
    const decide = async (name: string, decision: 'SHORTLISTED' | 'SELECTED' | 'RESERVE' | 'NOT_SELECTED') =>
      expect((await admin.decideNomination({ input: { nominationId: nominations[name], decision } })).decideNomination.userErrors).toEqual([]);
    await decide('Aminata Sow', 'SHORTLISTED');
    const undecided = await admin.publishOutcomes({ input: { cohortId } });
    expect(undecided.publishOutcomes.userErrors.map((e) => e.code)).toEqual(['OUTCOMES_TOO_EARLY']);
    await decide('Aminata Sow', 'SELECTED');
    await decide('Karim Benali', 'NOT_SELECTED');
    await decide('Grace Otieno', 'SHORTLISTED');

    await moveClock(`${DATES.notificationDate}T08:00:00.000Z`);
    const pending = await admin.publishOutcomes({ input: { cohortId } });
    expect(pending.publishOutcomes.userErrors.map((e) => e.code)).toEqual(['OUTCOMES_UNDECIDED']);
    await decide('Grace Otieno', 'RESERVE');
    const before = sink.received.length;
    // The day before the notification date it is refused, whatever the decisions.
    clock.set(`${YEAR}-06-29T23:59:00.000Z`);
    expect((await admin.publishOutcomes({ input: { cohortId } })).publishOutcomes.userErrors.map((e) => e.code)).toEqual(['OUTCOMES_TOO_EARLY']);
    clock.set(`${DATES.notificationDate}T08:00:00.000Z`);
    const { publishOutcomes } = await admin.publishOutcomes({ input: { cohortId } });
    expect(publishOutcomes.userErrors).toEqual([]);
    expect(publishOutcomes.cohort).toMatchObject({ id: cohortId, outcomesPublishedAt: `${DATES.notificationDate}T08:00:00.000Z` });
    const again = await admin.publishOutcomes({ input: { cohortId } });
    expect(again.publishOutcomes.userErrors.map((e) => e.code)).toEqual(['OUTCOMES_ALREADY_PUBLISHED']);

    const french = (await mailTo(emails.focalA, 6))[5];
    const english = (await mailTo(emails.focalB, 5))[4];
    expect(french.subject).toBe(`Résultats de la sélection pour la promotion ${cohortLabel}`);
    expect(french.text).toContain(`les 2 candidats présentés par ${adminA.name}`);
    expect(french.text).toContain('Aminata Sow: Sélectionné');
    expect(french.text).toContain('Karim Benali: Non sélectionné');
    expect(english.subject).toBe(`Outcomes of the selection for the ${cohortLabel} cohort`);
    expect(english.text).toContain('Grace Otieno: Reserve list');
    // Nothing about the other administration, its candidates or their outcomes.
    for (const name of ['Grace Otieno', adminB.name]) expect(french.text + french.html).not.toContain(name);
    for (const name of ['Aminata Sow', 'Karim Benali', adminA.name]) expect(english.text + english.html).not.toContain(name);
    await settled();
    // One letter per active focal point of A and B: the demo focal point too when it acts for one of them, about that one only.
    const demoAdministration = await focalAdministration(server.database.dataSource);
    const demoActsFor = [adminA, adminB].find((a) => a.uuid === demoAdministration.uuid);
    const demo = DEMO_USERS.FOCAL_POINT.email;
    expect(sink.received.slice(before).map((m) => m.to).sort()).toEqual([emails.focalA, emails.focalB, ...(demoActsFor ? [demo] : [])].sort());
    if (demoActsFor) {
      const [letter] = sink.received.slice(before).filter((m) => m.to === demo);
      const others = demoActsFor === adminA ? ['Grace Otieno', adminB.name] : ['Aminata Sow', 'Karim Benali', adminA.name];
      for (const name of others) expect(letter.text + letter.html).not.toContain(name);
    }
  });

  it('tells the associate of a returned and an approved proposal, and of a milestone due in 7 days, then overdue, once each', async () => {
    const ds = server.database.dataSource;
    const running = await ds.getRepository(Cohort).findOneByOrFail({ label: '2023-2024' });
    const { associate, research } = await insertAssociateWithResearch(ds, {
      cohortId: running.uuid,
      administrationId: adminA.uuid,
      fullName: 'Associée Chercheuse',
      title: 'Le guichet unique',
      abstract: 'Une proposition de recherche.',
      status: ResearchStatus.PROPOSED,
    });
    const { createUser } = await admin.createUser({
      input: { email: emails.associate, displayName: 'Associée', role: 'ASSOCIATE', password: PASSWORD, preferredLanguage: 'FR', associateId: gid('ProfessionalAssociate', associate.uuid) },
    });
    expect(createUser.userErrors).toEqual([]);
    const researchId = gid('ResearchProject', research.uuid);

    const comment = 'Précisez la méthode de mesure des délais.';
    const { returnResearch } = await admin.returnResearch({ input: { researchId, comment } });
    expect(returnResearch).toMatchObject({ userErrors: [], research: { id: researchId, status: 'PROPOSED' } });
    const [returned] = await mailTo(emails.associate, 1);
    expect(returned.subject).toBe('Votre projet de recherche doit être modifié : Le guichet unique');
    expect(returned.text).toContain(comment);
    expect(returned.text).toContain('updateResearch');

    expect((await admin.approveResearch({ input: { researchId } })).approveResearch.userErrors).toEqual([]);
    const approved = (await mailTo(emails.associate, 2))[1];
    expect(approved.subject).toBe('Votre projet de recherche a été approuvé : Le guichet unique');
    expect(approved.text).toContain('addMilestone');
    // Returning is for proposals only.
    expect((await admin.returnResearch({ input: { researchId, comment } })).returnResearch.userErrors.map((e) => e.code)).toEqual(['INVALID_RESEARCH_STATUS']);

    const today = `${DATES.notificationDate}`;
    const due = '2032-07-05';
    const { addMilestone } = await admin.addMilestone({ input: { researchId, title: 'Collecte des données', dueDate: due } });
    expect(addMilestone.userErrors).toEqual([]);
    expect(today < due).toBe(true);
    await server.reminders!.tick();
    const dueLetter = (await mailTo(emails.associate, 3))[2];
    expect(dueLetter.subject).toBe(`Étape à échéance le ${dayIn('fr', due)} : Collecte des données`);
    expect(dueLetter.text).toContain('completeMilestone');
    expect(await server.reminders!.tick()).toBe(0);

    await moveClock('2032-07-06T09:00:00.000Z');
    expect(await server.reminders!.tick()).toBeGreaterThanOrEqual(1);
    const overdue = (await mailTo(emails.associate, 4))[3];
    expect(overdue.subject).toBe('Étape en retard : Collecte des données');
    expect(overdue.text).toContain(`était due le ${dayIn('fr', due)}`);
    await moveClock('2032-07-20T09:00:00.000Z');
    expect(await server.reminders!.tick()).toBe(0);
    await settled();
    expect(sink.to(emails.associate)).toHaveLength(4);
    // Another associate hears of none of it.
    expect(sink.to(DEMO_USERS.ASSOCIATE.email)).toEqual([]);
  });
});
