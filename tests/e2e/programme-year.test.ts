/**
 * One programme year, end to end, the way the people of the programme run
 * it: over real HTTP, through the generated SDK, each step by the role that
 * does it in real life (issue 8). The `it`s are the steps of the year and
 * share their state, so they run in order and each builds on the one before.
 *
 * The walk starts at TEST_NOW (2026-11-26), so the cohort's dates are
 * compressed around it: nominations are open on that day and closed early
 * (closeEarly), and the programme year runs in 2027. The clock then moves
 * to the reporting session, the certificate ceremony and the last day of
 * the placements, since nothing is recorded at an event before it takes
 * place; whoever acts after such a move signs in again, as sessions last
 * 12 hours. The clock ticks one millisecond per reading instead of standing
 * still, so that every audit entry has its own time and the audit log's
 * order is the order of the walk.
 */
import {
  createCdpClient,
  verifyCertificateOffline,
  type CdpClient,
  type CertificateFieldsFragment,
  type CertificateKeys,
  type Directorate,
  type NominationFieldsFragment,
  type ProfessionalAssociateFieldsFragment,
  type UserErrorFieldsFragment,
} from '@cdp-hub/sdk';
import { AUDIT_REFERENCES } from '../../server/src/modules/audit/audit-references';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/db/seed/demo-users';
import { UserRole } from '../../server/src/modules/user/user-role';
import { settableClock } from '../support/clocks';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TEST_NOW, type TestServer } from '../support/server';

const LABEL = '2026-2027';
const CAPACITY = 3;
const DATES = {
  invitationDate: '2026-11-01',
  nominationDeadline: '2026-12-15',
  selectionDate: '2026-12-20',
  notificationDate: '2026-12-22',
  startDate: '2027-01-11',
  endDate: '2027-10-29',
};
const REPORTING_SESSION_AT = '2027-10-05T09:00:00.000Z';
const CEREMONY_AT = '2027-10-28T15:00:00.000Z';
/** Where the clock moves as the year goes by: into the session, into the ceremony, and the afternoon of the placements' last day. */
const DURING_SESSION = '2027-10-05T10:30:00.000Z';
const DURING_CEREMONY = '2027-10-28T15:30:00.000Z';
const LAST_DAY = `${DATES.endDate}T16:00:00.000Z`;
/** The alumni activity is dated on the day it is recorded: the clock's today then (DATE_IN_FUTURE after it). */
const TODAY = DATES.endDate;
const PASSWORD = 'programme-year-passphrase-2026';
/** A word that appears in the new research titles only, for the public search. */
const TITLE_WORD = 'transshipment';

/** A mutation's payload after checking that it was not refused. */
function ok<P extends { userErrors: ReadonlyArray<UserErrorFieldsFragment> }>(payload: P): P {
  expect(payload.userErrors).toEqual([]);
  return payload;
}

/** The candidates: two per administration; `scores` are the two reviewers' scores (means 3.5, 2, 4.5, 3). */
const CANDIDATES = [
  { fullName: 'Amara Walk-One', scores: [4, 3], of: 0 },
  { fullName: 'Bilal Walk-Two', scores: [2, 2], of: 0 },
  { fullName: 'Chen Walk-Three', scores: [5, 4], of: 1 },
  { fullName: 'Dina Walk-Four', scores: [3, 3], of: 1 },
].map((c, i) => ({ ...c, email: `candidate.${i + 1}@walk.example` }));
/** What a raw database key looks like; clients know objects by their global IDs only. */
const UUID_SHAPED = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Every string in an audit value, with where it sits (e.g. "decideNomination.after.nominationId"). */
function stringsIn(path: string, value: unknown): Array<[string, string]> {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(`${path}[${i}]`, v));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringsIn(`${path}.${k}`, v));
  return [];
}

/** By mean score, best first: what MEAN_SCORE DESC must answer. */
const RANKED = [2, 0, 3, 1];

describeEachDatabase('a programme year, walked through the SDK by each role', (kind) => {
  let server: TestServer;
  const clock = settableClock(TEST_NOW, 1);
  let base: string;
  const client = (token?: string | null): CdpClient => createCdpClient({ url: server.url, getToken: () => token ?? null });
  let anonymous: CdpClient;
  let admin: CdpClient;
  let reviewer: CdpClient;
  let focalPoint: CdpClient;

  /** What the audit log must hold after the walk, in order: [operation, entityType, actorLabel]. */
  const trail: Array<[string, string, string]> = [];
  const audited = (actorLabel: string, operation: string, ...entityTypes: string[]) => {
    for (const entityType of entityTypes) trail.push([operation, entityType, actorLabel]);
  };
  let walkStartedAt: Date;

  /** Signs in through the SDK, as a person does, and gives a client that sends the token. */
  const signIn = async (email: string, role: string, password = PASSWORD): Promise<CdpClient> => {
    const { login } = await anonymous.login({ input: { email, password } });
    expect(ok(login).user).toMatchObject({ email, role });
    audited(`user:${role}`, 'login', 'User');
    return client(login.token);
  };
  /** Time passes: the clock moves on, and ADMIN, whose session has ended meanwhile, signs in again. */
  const passTimeTo = async (instant: string) => {
    clock.set(instant);
    admin = await signIn(DEMO_USERS[UserRole.ADMIN].email, 'ADMIN', DEMO_PASSWORD);
  };
  const createUser = async (input: { email: string; displayName: string; role: 'FOCAL_POINT' | 'REVIEWER' | 'ASSOCIATE'; administrationId?: string; associateId?: string }) => {
    const { createUser: created } = await admin.createUser({ input: { ...input, password: PASSWORD } });
    audited('user:ADMIN', 'createUser', 'User');
    return ok(created).user!;
  };

  // What the steps hand on to each other.
  let cohortId: string;
  const administrationIds: string[] = [];
  let secondFocalPoint: CdpClient;
  let secondReviewer: CdpClient;
  const nominations: NominationFieldsFragment[] = [];
  const associates: ProfessionalAssociateFieldsFragment[] = [];
  const researchIds: string[] = [];
  const certificates: CertificateFieldsFragment[] = [];
  type Statistics = NonNullable<Awaited<ReturnType<CdpClient['programmeStatistics']>>['programmeStatistics']>;
  let statisticsBefore: Statistics;

  beforeAll(async () => {
    server = await startTestServer(kind, { clock });
    base = server.url.replace(/\/graphql$/, '');
    anonymous = client();
    // The demo users sign in before the walk, so the trail starts with the walk's own changes.
    [admin, reviewer, focalPoint] = await Promise.all(
      [UserRole.ADMIN, UserRole.REVIEWER, UserRole.FOCAL_POINT].map(async (role) => client((await server.as(role)).token)),
    );
    statisticsBefore = (await anonymous.programmeStatistics()).programmeStatistics!;
    walkStartedAt = server.clock.now();
  });
  afterAll(() => server?.close());

  it('1. ADMIN creates the cohort, opens nominations and invites two administrations, one with a new focal point', async () => {
    const { createCohort } = await admin.createCohort({ input: { label: LABEL, capacity: CAPACITY, dates: DATES } });
    cohortId = ok(createCohort).cohort!.id;
    audited('user:ADMIN', 'createCohort', 'Cohort');
    expect(createCohort.cohort).toMatchObject({ label: LABEL, status: 'PLANNED', capacity: CAPACITY, ...DATES });

    const { transitionCohort } = await admin.transitionCohort({ input: { cohortId, to: 'NOMINATIONS_OPEN' } });
    expect(ok(transitionCohort).cohort!.status).toBe('NOMINATIONS_OPEN');
    audited('user:ADMIN', 'transitionCohort', 'Cohort');

    // The demo focal point's own administration, and an eligible one of another region.
    const own = (await focalPoint.viewer()).viewer!.administration!;
    const { administrations } = await admin.administrations({ first: 100, filter: { isEligible: true } });
    const ownRegion = (await admin.administration({ iso2: own.iso2 })).administration!.region.code;
    const other = administrations.nodes.find((a) => a.id !== own.id && a.region.code !== ownRegion)!;
    expect(other).toBeDefined();
    administrationIds.push(own.id, other.id);

    await createUser({ email: 'second.focal.point@walk.example', displayName: 'Second Focal Point', role: 'FOCAL_POINT', administrationId: other.id });
    secondFocalPoint = await signIn('second.focal.point@walk.example', 'FOCAL_POINT');
    expect((await secondFocalPoint.viewer()).viewer!.administration!.id).toBe(other.id);

    const { inviteAdministrations } = await admin.inviteAdministrations({ input: { cohortId, administrationIds } });
    expect(ok(inviteAdministrations).invited.map((i) => i.administration.id).sort()).toEqual([...administrationIds].sort());
    audited('user:ADMIN', 'inviteAdministrations', 'Cohort');

    const { cohort } = await anonymous.cohort({ label: LABEL });
    expect(cohort).toMatchObject({ id: cohortId, status: 'NOMINATIONS_OPEN' });
    expect(cohort!.invitations.nodes.map((i) => i.administration.id).sort()).toEqual([...administrationIds].sort());
  });

  it('2. focal points nominate for their own administrations, two reviewers score, ADMIN closes early, ranks and selects up to capacity', async () => {
    const focalPoints = [focalPoint, secondFocalPoint];
    for (const candidate of CANDIDATES) {
      const { submitNomination } = await focalPoints[candidate.of].submitNomination({
        input: {
          cohortId,
          candidate: { fullName: candidate.fullName, email: candidate.email, position: 'Customs Officer', yearsOfService: 8, languages: ['en', 'fr'] },
          motivation: `${candidate.fullName} leads risk management work that the administration wants to bring to the WCO Secretariat.`,
        },
      });
      const nomination = ok(submitNomination).nomination!;
      // No administrationId in the input: a focal point nominates for its own administration.
      expect(nomination).toMatchObject({ status: 'SUBMITTED', administration: { id: administrationIds[candidate.of] } });
      nominations.push(nomination);
      audited('user:FOCAL_POINT', 'submitNomination', 'Nomination');
    }
    // Each focal point sees its own administration's nominations only.
    for (const [i, fp] of focalPoints.entries()) {
      const seen = (await fp.nominations({ filter: { cohortId } })).nominations.nodes.map((n) => n.candidateFullName);
      expect(seen.sort()).toEqual(CANDIDATES.filter((c) => c.of === i).map((c) => c.fullName).sort());
    }

    await createUser({ email: 'second.reviewer@walk.example', displayName: 'Second Reviewer', role: 'REVIEWER' });
    secondReviewer = await signIn('second.reviewer@walk.example', 'REVIEWER');
    for (const [r, who] of [reviewer, secondReviewer].entries()) {
      for (const [i, candidate] of CANDIDATES.entries()) {
        const { reviewNomination } = await who.reviewNomination({ input: { nominationId: nominations[i].id, score: candidate.scores[r], comment: 'Strong motivation.' } });
        // Blind review: a reviewer sees neither the mean nor the count before the decision.
        expect(ok(reviewNomination)).toMatchObject({ review: { score: candidate.scores[r] }, nomination: { meanScore: null, reviewCount: null } });
        audited('user:REVIEWER', 'reviewNomination', 'Review');
      }
    }

    // The deadline (15 December) has not passed: closing needs closeEarly, and the refusal changes nothing.
    const early = await admin.transitionCohort({ input: { cohortId, to: 'SELECTION' } });
    expect(early.transitionCohort.userErrors.map((e) => e.code)).toEqual(['DEADLINE_NOT_PASSED']);
    const { transitionCohort } = await admin.transitionCohort({ input: { cohortId, to: 'SELECTION', closeEarly: true } });
    expect(ok(transitionCohort).cohort!.status).toBe('SELECTION');
    audited('user:ADMIN', 'transitionCohort', 'Cohort');

    const ranked = (await admin.nominations({ filter: { cohortId }, orderBy: { field: 'MEAN_SCORE', direction: 'DESC' } })).nominations.nodes;
    expect(ranked.map((n) => [n.id, n.meanScore, n.reviewCount])).toEqual(
      RANKED.map((i) => [nominations[i].id, (CANDIDATES[i].scores[0] + CANDIDATES[i].scores[1]) / 2, 2]),
    );

    for (const n of ranked) {
      ok((await admin.decideNomination({ input: { nominationId: n.id, decision: 'SHORTLISTED' } })).decideNomination);
      audited('user:ADMIN', 'decideNomination', 'Nomination');
    }
    for (const n of ranked.slice(0, CAPACITY)) {
      const { decideNomination } = await admin.decideNomination({ input: { nominationId: n.id, decision: 'SELECTED' } });
      // SELECTED creates the Professional Associate in the same transaction.
      const associate = ok(decideNomination).associate!;
      expect(associate).toMatchObject({ fullName: n.candidateFullName, email: n.candidateEmail, status: 'ASSIGNED', cohort: { id: cohortId } });
      associates.push(associate);
      audited('user:ADMIN', 'decideNomination', 'Nomination', 'ProfessionalAssociate');
    }
    const last = ranked[CAPACITY];
    const full = await admin.decideNomination({ input: { nominationId: last.id, decision: 'SELECTED' } });
    expect(full.decideNomination).toMatchObject({ nomination: null, associate: null });
    expect(full.decideNomination.userErrors.map((e) => e.code)).toEqual(['COHORT_FULL']);
    ok((await admin.decideNomination({ input: { nominationId: last.id, decision: 'RESERVE' } })).decideNomination);
    audited('user:ADMIN', 'decideNomination', 'Nomination');

    const after = (await admin.nominations({ filter: { cohortId }, orderBy: { field: 'MEAN_SCORE', direction: 'DESC' } })).nominations.nodes;
    expect(after.map((n) => n.status)).toEqual(['SELECTED', 'SELECTED', 'SELECTED', 'RESERVE']);
    expect((await anonymous.cohort({ label: LABEL })).cohort!.associates.totalCount).toBe(CAPACITY);
  });

  it('3. ADMIN starts the programme year and assigns the placements', async () => {
    const { transitionCohort } = await admin.transitionCohort({ input: { cohortId, to: 'IN_PROGRESS' } });
    expect(ok(transitionCohort).cohort!.status).toBe('IN_PROGRESS');
    audited('user:ADMIN', 'transitionCohort', 'Cohort');
    const directorates: Directorate[] = ['CAPACITY_BUILDING', 'COMPLIANCE_AND_FACILITATION', 'TARIFF_AND_TRADE_AFFAIRS'];
    for (const [i, associate] of associates.entries()) {
      const input = { associateId: associate.id, directorate: directorates[i], supervisorName: `Supervisor ${i + 1}`, startDate: DATES.startDate, endDate: DATES.endDate };
      const { assignPlacement } = await admin.assignPlacement({ input });
      expect(ok(assignPlacement).associate).toMatchObject({ status: 'ACTIVE', directorate: directorates[i] });
      audited('user:ADMIN', 'assignPlacement', 'ProfessionalAssociate');
      const { node } = await admin.professionalAssociateById({ id: associate.id });
      expect(node).toMatchObject({ status: 'ACTIVE', directorate: directorates[i], supervisorName: `Supervisor ${i + 1}`, startDate: DATES.startDate, endDate: DATES.endDate });
    }
  });

  it('4. each associate signs in, proposes research, adds and completes milestones and submits; ADMIN approves', async () => {
    for (const [i, associate] of associates.entries()) {
      const email = `associate.${i + 1}@walk.example`;
      await createUser({ email, displayName: associate.fullName, role: 'ASSOCIATE', associateId: associate.id });
      const own = await signIn(email, 'ASSOCIATE');

      // No associateId: the signed-in associate proposes its own research.
      const { proposeResearch } = await own.proposeResearch({
        input: { title: `Container ${TITLE_WORD} risk profiling ${i + 1}`, abstract: 'How shared risk profiles speed up the release of goods in transit.', themes: ['risk management', 'transit'] },
      });
      const research = ok(proposeResearch).research!;
      expect(research).toMatchObject({ status: 'PROPOSED', associate: { id: associate.id } });
      researchIds.push(research.id);
      audited('user:ASSOCIATE', 'proposeResearch', 'ResearchProject');

      expect(ok((await admin.approveResearch({ input: { researchId: research.id } })).approveResearch).research!.status).toBe('APPROVED');
      audited('user:ADMIN', 'approveResearch', 'ResearchProject');

      const milestones = [];
      for (const [m, dueDate] of ['2027-03-31', '2027-08-31'].entries()) {
        const { addMilestone } = await own.addMilestone({ input: { researchId: research.id, title: `Milestone ${m + 1}`, dueDate } });
        // The first milestone starts the research.
        expect(ok(addMilestone).research!.status).toBe('IN_PROGRESS');
        milestones.push(addMilestone.milestone!);
        audited('user:ASSOCIATE', 'addMilestone', ...(m === 0 ? ['Milestone', 'ResearchProject'] : ['Milestone']));
      }
      for (const milestone of milestones) {
        expect(ok((await own.completeMilestone({ input: { milestoneId: milestone.id } })).completeMilestone).milestone!.completedAt).not.toBeNull();
        audited('user:ASSOCIATE', 'completeMilestone', 'Milestone');
      }
      const { submitResearch } = await own.submitResearch({ input: { researchId: research.id } });
      expect(ok(submitResearch).research).toMatchObject({ status: 'SUBMITTED', milestones: milestones.map((m) => ({ id: m.id, isOverdue: false })) });
      audited('user:ASSOCIATE', 'submitResearch', 'ResearchProject');

      const { node } = await own.researchProjectById({ id: research.id });
      expect(node).toMatchObject({ status: 'SUBMITTED', milestones: milestones.map((m) => ({ id: m.id, completedAt: expect.any(String) })) });
    }
  });

  it('5. ADMIN schedules the reporting session, records each presentation and publishes the research', async () => {
    const { scheduleEvent } = await admin.scheduleEvent({
      input: { cohortId, kind: 'REPORTING_SESSION', title: `Reporting session ${LABEL}`, startsAt: REPORTING_SESSION_AT, location: 'WCO, Brussels', audience: 'senior management' },
    });
    const session = ok(scheduleEvent).event!;
    audited('user:ADMIN', 'scheduleEvent', 'Event');
    // Nothing is presented at a session that has not taken place.
    const early = await admin.recordPresentation({ input: { researchId: researchIds[0], eventId: session.id } });
    expect(early.recordPresentation.userErrors.map((e) => e.code)).toEqual(['SESSION_NOT_HELD']);

    await passTimeTo(DURING_SESSION);
    for (const researchId of researchIds) {
      const { recordPresentation } = await admin.recordPresentation({ input: { researchId, eventId: session.id } });
      expect(ok(recordPresentation).research).toMatchObject({ status: 'PRESENTED', presentedAt: { id: session.id } });
      audited('user:ADMIN', 'recordPresentation', 'ResearchProject');
      const { publishResearch } = await admin.publishResearch({ input: { researchId, reportUrl: `https://cdp.example/reports/${LABEL}.pdf` } });
      expect(ok(publishResearch).research).toMatchObject({ status: 'PUBLISHED', publishedAt: expect.any(String) });
      audited('user:ADMIN', 'publishResearch', 'ResearchProject');
    }
    const { events } = await anonymous.events({ filter: { cohortId } });
    expect(events.nodes.map((e) => [e.id, e.kind])).toEqual([[session.id, 'REPORTING_SESSION']]);
    // Published research is public: the anonymous caller reads all three.
    const { researchProjects } = await anonymous.researchProjects({ filter: { cohortId } });
    expect(researchProjects.nodes.map((r) => r.status)).toEqual(['PUBLISHED', 'PUBLISHED', 'PUBLISHED']);
  });

  it('6. ADMIN schedules the certificate ceremony and issues the certificates, serials CDP-2027-001 to -003', async () => {
    const { scheduleEvent } = await admin.scheduleEvent({
      input: { cohortId, kind: 'CERTIFICATE_CEREMONY', title: `Certificate ceremony ${LABEL}`, startsAt: CEREMONY_AT, location: 'WCO, Brussels', officiantName: 'Ian Saunders', officiantTitle: 'Secretary General' },
    });
    const ceremony = ok(scheduleEvent).event!;
    audited('user:ADMIN', 'scheduleEvent', 'Event');
    const early = await admin.issueCertificate({
      input: { associateId: associates[0].id, ceremonyId: ceremony.id, signatoryName: 'Ian Saunders', signatoryTitle: 'Secretary General' },
    });
    expect(early.issueCertificate.userErrors.map((e) => e.code)).toEqual(['CEREMONY_NOT_HELD']);

    await passTimeTo(DURING_CEREMONY);
    for (const [i, associate] of associates.entries()) {
      const { issueCertificate } = await admin.issueCertificate({
        input: { associateId: associate.id, ceremonyId: ceremony.id, signatoryName: 'Ian Saunders', signatoryTitle: 'Secretary General' },
      });
      const certificate = ok(issueCertificate).certificate!;
      expect(certificate).toMatchObject({ serial: `CDP-2027-00${i + 1}`, isValid: true, associate: { id: associate.id }, ceremony: { id: ceremony.id } });
      expect(certificate.credential).toMatchObject({ validFrom: '2027-10-28T15:00:00Z' });
      certificates.push(certificate);
      audited('user:ADMIN', 'issueCertificate', 'Certificate');
    }
    const { node } = await anonymous.certificateById({ id: certificates[0].id });
    expect(node).toMatchObject({ serial: 'CDP-2027-001', isValid: true });
  });

  it('7. the certificates verify online and offline; a revoked one is REVOKED both ways', async () => {
    const keys = (await (await fetch(`${base}/.well-known/cdp-certificate-keys`)).json()) as CertificateKeys;
    /** The credential as a wallet downloads it. */
    const download = async (serial: string): Promise<any> => {
      const res = await fetch(`${base}/certificates/${serial}.json`);
      expect(res.status).toBe(200);
      return res.json();
    };
    /** The status list the credential names, fetched from this server (credentials name the configured public URL). */
    const statusListOf = async (credential: any): Promise<any> => {
      const res = await fetch(`${base}${new URL(credential.credentialStatus.statusListCredential).pathname}`);
      expect(res.status).toBe(200);
      return res.json();
    };
    /** The verifier's clock: the walk's, now after the ceremony. */
    const now = clock.now();
    for (const { serial } of certificates) {
      expect((await anonymous.verifyCertificate({ serial })).verifyCertificate).toMatchObject({ isValid: true, reason: 'VALID', certificate: { serial } });
      const credential = await download(serial);
      expect(credential.id).toMatch(new RegExp(`/certificates/${serial}\\.json$`));
      expect(await verifyCertificateOffline(credential, keys, { statusList: await statusListOf(credential), now })).toEqual({ isValid: true, reason: 'VALID', revocationChecked: true });
      // A verifier whose clock is before the ceremony is told it is not valid yet.
      const before = new Date(new Date(CEREMONY_AT).getTime() - 1);
      expect(await verifyCertificateOffline(credential, keys, { statusList: await statusListOf(credential), now: before })).toEqual({
        isValid: false,
        reason: 'NOT_YET_VALID',
        revocationChecked: true,
      });
    }

    const revoked = certificates[CAPACITY - 1];
    const { revokeCertificate } = await admin.revokeCertificate({ input: { serial: revoked.serial, reason: 'Issued with a misspelt name.' } });
    expect(ok(revokeCertificate).certificate).toMatchObject({ serial: revoked.serial, isValid: false, revokedAt: expect.any(String), revocationReason: 'Issued with a misspelt name.' });
    audited('user:ADMIN', 'revokeCertificate', 'Certificate');

    expect((await anonymous.verifyCertificate({ serial: revoked.serial })).verifyCertificate).toMatchObject({ isValid: false, reason: 'REVOKED' });
    const credential = await download(revoked.serial);
    // The proof still holds (the record is kept); only the status list says it is revoked.
    expect(await verifyCertificateOffline(credential, keys, { now })).toEqual({ isValid: true, reason: 'VALID', revocationChecked: false });
    expect(await verifyCertificateOffline(credential, keys, { statusList: await statusListOf(credential), now })).toEqual({ isValid: false, reason: 'REVOKED', revocationChecked: true });
    // The others stay valid against the new list.
    const kept = await download(certificates[0].serial);
    expect((await verifyCertificateOffline(kept, keys, { statusList: await statusListOf(kept), now })).reason).toBe('VALID');
  });

  it('8. ADMIN completes the placements and the year; the alumni keep their profiles and record activities', async () => {
    await passTimeTo(LAST_DAY);
    for (const associate of associates) {
      const { completePlacement } = await admin.completePlacement({ input: { associateId: associate.id, outcome: 'COMPLETED', endDate: DATES.endDate } });
      expect(ok(completePlacement)).toMatchObject({ associate: { status: 'COMPLETED', endDate: DATES.endDate }, alumniProfile: { isLiaisonPoint: false } });
      audited('user:ADMIN', 'completePlacement', 'ProfessionalAssociate', 'AlumniProfile');
    }
    const { transitionCohort } = await admin.transitionCohort({ input: { cohortId, to: 'COMPLETED' } });
    expect(ok(transitionCohort).cohort!.status).toBe('COMPLETED');
    audited('user:ADMIN', 'transitionCohort', 'Cohort');

    for (const [i, associate] of associates.entries()) {
      // Months after they last signed in, the alumni sign in again.
      const own = await signIn(`associate.${i + 1}@walk.example`, 'ASSOCIATE');
      const { updateAlumniProfile } = await own.updateAlumniProfile({ input: { associateId: associate.id, currentPosition: 'Head of Risk Management', isLiaisonPoint: i === 0 } });
      expect(ok(updateAlumniProfile).alumniProfile).toMatchObject({ currentPosition: 'Head of Risk Management', isLiaisonPoint: i === 0 });
      audited('user:ASSOCIATE', 'updateAlumniProfile', 'AlumniProfile');
      const { recordAlumniActivity } = await own.recordAlumniActivity({
        input: { associateId: associate.id, kind: 'TRAINING_DELIVERED', date: TODAY, title: 'Risk management workshop', description: 'For new officers.' },
      });
      expect(ok(recordAlumniActivity).activity).toMatchObject({ kind: 'TRAINING_DELIVERED', date: TODAY });
      audited('user:ASSOCIATE', 'recordAlumniActivity', 'AlumniActivity');
    }
    const { alumni } = await anonymous.alumni({ filter: { cohortId } });
    expect(alumni.nodes.map((a) => [a.associate.id, a.currentPosition, a.activities.totalCount]).sort()).toEqual(
      associates.map((a) => [a.id, 'Head of Risk Management', 1]).sort(),
    );
  });

  it('9. programmeStatistics, alumniNetwork and searchResearch include the new cohort', async () => {
    const stats = (await anonymous.programmeStatistics()).programmeStatistics!;
    expect(stats.totalAssociates).toBe(statisticsBefore.totalAssociates + CAPACITY);
    expect(stats.totalCohorts).toBe(statisticsBefore.totalCohorts + 1);
    expect(stats.completedCohorts).toBe(statisticsBefore.completedCohorts + 1);
    expect(stats.byCohort.find((c) => c.cohort.label === LABEL)).toMatchObject({ cohort: { id: cohortId, status: 'COMPLETED' }, associateCount: CAPACITY });
    // Each region gains its new associates.
    const perRegion = (s: Statistics) => Object.fromEntries(s.byRegion.map((r) => [r.region.code, r.associateCount]));
    const expected = perRegion(statisticsBefore);
    for (const associate of associates) expected[associate.region.code] += 1;
    expect(perRegion(stats)).toEqual(expected);
    // And each administration its own.
    const perAdministration = (s: Statistics) => Object.fromEntries(s.byAdministration.map((a) => [a.administration.id, a.associateCount]));
    const expectedByAdministration = perAdministration(statisticsBefore);
    for (const associate of associates) expectedByAdministration[associate.administration.id] = (expectedByAdministration[associate.administration.id] ?? 0) + 1;
    expect(perAdministration(stats)).toEqual(expectedByAdministration);

    const { alumniNetwork } = await anonymous.alumniNetwork({ filter: { cohortId } });
    expect(alumniNetwork.nodes.map((n) => [n.id, n.cohortLabel, n.region]).sort()).toEqual(associates.map((a) => [a.id, LABEL, a.region.code]).sort());
    // Alumni of one cohort are linked as such, pairwise.
    const sameCohort = alumniNetwork.edges.filter((e) => e.kind === 'SAME_COHORT');
    expect(sameCohort).toHaveLength((CAPACITY * (CAPACITY - 1)) / 2);

    const { searchResearch } = await anonymous.searchResearch({ query: TITLE_WORD, first: 10 });
    expect(searchResearch.nodes.map((r) => r.id).sort()).toEqual([...researchIds].sort());
  });

  it('10. the audit log shows every step in order with its actor, and no e-mail', async () => {
    const entries = [];
    for await (const entry of admin.paginate(admin.auditLog, { first: 100, filter: { occurredFrom: walkStartedAt.toISOString() }, orderBy: { field: 'OCCURRED_AT', direction: 'ASC' } })) {
      entries.push(entry);
    }
    expect(entries.map((e) => [e.operation, e.entityType, e.actorLabel])).toEqual(trail);
    // Every entry of a signed-in step names its user.
    expect(entries.every((e) => e.actor != null)).toBe(true);
    // Personal values are redacted: no e-mail of a candidate, a user or anyone else appears.
    const text = JSON.stringify(entries.map((e) => [e.before, e.after]));
    expect(text).not.toMatch(/@/);
    const submitted = entries.find((e) => e.operation === 'submitNomination')!;
    expect(submitted.after).toMatchObject({ candidateEmail: '[redacted]', candidateFullName: '[redacted]' });
    expect(entries.find((e) => e.operation === 'createUser')!.after).toMatchObject({ email: '[redacted]' });
  });

  it('11. the audit log names related objects by global IDs, which node(id:) and the auditLog filters accept', async () => {
    const entries = [];
    for await (const entry of admin.paginate(admin.auditLog, { first: 100 })) entries.push(entry);
    const strings = entries.flatMap((e) => [...stringsIn(`${e.operation}.before`, e.before), ...stringsIn(`${e.operation}.after`, e.after)]);
    expect(strings.filter(([, value]) => UUID_SHAPED.test(value))).toEqual([]);

    // The references: each value of a field named like one (a list for "...Ids"), with the type its field names.
    const references = new Map<string, string>();
    for (const e of entries) {
      for (const [field, value] of [...Object.entries(e.before ?? {}), ...Object.entries(e.after ?? {})]) {
        if (!/Ids?$/.test(field) || value == null) continue;
        expect([field, AUDIT_REFERENCES[field]]).toEqual([field, expect.any(String)]);
        for (const id of [value].flat()) references.set(id as string, AUDIT_REFERENCES[field]);
      }
    }
    // The year writes nearly every kind of reference (certificateId is one it does not): the checks below reach them all.
    const fieldsSeen = new Set(entries.flatMap((e) => [...Object.keys(e.before ?? {}), ...Object.keys(e.after ?? {})]).filter((f) => /Ids?$/.test(f)));
    expect([...fieldsSeen].sort()).toEqual(
      expect.arrayContaining(['administrationId', 'alumniProfileId', 'associateId', 'ceremonyId', 'cohortId', 'invitedAdministrationIds', 'nominationId', 'presentedAtId', 'programmeId', 'researchProjectId', 'reviewerId']),
    );
    expect(references.size).toBeGreaterThan(20);

    const ids = [...references.keys()];
    const { nodes } = await admin.nodes({ ids });
    expect(nodes.map((n, i) => [ids[i], n?.__typename ?? null])).toEqual(ids.map((id) => [id, references.get(id)]));

    for (const [id, typeName] of references) {
      const { auditLog } = await admin.auditLog({ first: 100, filter: { entityId: id } });
      expect(auditLog.nodes.every((e) => e.entityId === id && e.entityType === typeName)).toBe(true);
      // Objects the year created have entries of their own; seeded ones (administrations, the programme) may not.
      if (!['Administration', 'Programme', 'User'].includes(typeName)) expect([id, auditLog.totalCount > 0]).toEqual([id, true]);
      if (typeName === 'User') {
        const byActor = (await admin.auditLog({ first: 100, filter: { actorId: id } })).auditLog;
        expect([id, byActor.totalCount > 0, byActor.nodes.every((e) => e.actor?.id === id)]).toEqual([id, true, true]);
      }
    }
  });
});
