/**
 * The nomination round over HTTP (issue #8): submitNomination,
 * withdrawNomination, reviewNomination, and the ranking by mean score with
 * blind review. Each business rule has a test with its exact UserErrorCode,
 * and every refusal leaves the database as it was (row counts and audit log).
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { fromGlobalIdOfType } from '../../server/src/graphql/relay/global-id';
import { Administration } from '../../server/src/modules/administration/administration.entity';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity';
import { CohortStatus } from '../../server/src/modules/cohort/cohort-status';
import type { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { Invitation } from '../../server/src/modules/cohort/invitation.entity';
import { NominationStatus } from '../../server/src/modules/nomination/nomination-status';
import { Nomination } from '../../server/src/modules/nomination/nomination.entity';
import { Review } from '../../server/src/modules/nomination/review.entity';
import { User } from '../../server/src/modules/user/user.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { insert } from '../support/arrange';
import {
  arrangeCohort,
  arrangeNomination,
  demoCohort,
  focalAdministration,
  gid,
  MOTIVATION,
  uninvitedEligible,
} from '../support/arrange-nominations';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TEST_NOW, type Caller, type TestServer } from '../support/server';
import { payloadOf, refusal, topLevelCode } from '../support/mutation-results';
import { expectUnchanged } from '../support/unchanged';

const USER_ERRORS = 'userErrors { code field message }';
const NOMINATION = `id status candidateFullName candidateEmail candidatePosition candidateYearsOfService candidateLanguages motivation
  submittedAt decidedAt meanScore reviewCount administration { iso2 } cohort { label }`;
const SUBMIT = `mutation ($input: SubmitNominationInput!) { submitNomination(input: $input) { nomination { ${NOMINATION} } ${USER_ERRORS} } }`;
const WITHDRAW = `mutation ($input: WithdrawNominationInput!) { withdrawNomination(input: $input) { nomination { id status decidedAt } ${USER_ERRORS} } }`;
const REVIEW = `mutation ($input: ReviewNominationInput!) {
  reviewNomination(input: $input) {
    review { id score comment reviewer { id } }
    nomination { id status meanScore reviewCount }
    ${USER_ERRORS}
  }
}`;
const SCORES = `query ($cohortId: ID!, $orderBy: NominationOrder, $first: Int, $after: String, $last: Int, $before: String) {
  nominations(filter: { cohortId: $cohortId }, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    nodes { id status meanScore reviewCount }
  }
}`;
const CREATE_USER = `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } ${USER_ERRORS} } }`;

let emails = 0;
const candidate = (overrides: Record<string, unknown> = {}) => ({
  fullName: 'Amina Kader',
  email: `candidate.${++emails}@customs.example`,
  position: 'Senior Customs Officer',
  yearsOfService: 12,
  languages: ['EN', 'fr-ca'],
  ...overrides,
});

describeEachDatabase('nomination workflow', (kind) => {
  let server: TestServer;
  let ds: DataSource;
  let admin: Caller;
  let focalPoint: Caller;
  let reviewer: Caller;
  let cohort: Cohort;
  let cohortId: string;
  let focal: Administration;
  /** Another administration invited to the demonstration cohort. */
  let otherInvited: Administration;

  const submitAs = (caller: Caller, input: Record<string, unknown>) =>
    caller.graphql(SUBMIT, { input: { cohortId, candidate: candidate(), motivation: MOTIVATION, ...input } });
  const nominationRow = (globalId: string) =>
    ds.getRepository(Nomination).findOneByOrFail({ uuid: fromGlobalIdOfType(globalId, 'Nomination', 'id') });

  beforeAll(async () => {
    server = await startTestServer(kind);
    ds = server.database.dataSource;
    [admin, focalPoint, reviewer] = await Promise.all([
      server.as(UserRole.ADMIN),
      server.as(UserRole.FOCAL_POINT),
      server.as(UserRole.REVIEWER),
    ]);
    cohort = await demoCohort(ds);
    cohortId = gid('Cohort', cohort.uuid);
    focal = await focalAdministration(ds);
    const invitations = await ds.getRepository(Invitation).findBy({ cohortId: cohort.uuid });
    const other = invitations.find((i) => i.administrationId !== focal.uuid)!;
    otherInvited = await ds.getRepository(Administration).findOneByOrFail({ uuid: other.administrationId });
  });
  afterAll(async () => server?.close());

  it('is tested at the server time the brief fixes, on the seeded demonstration cohort', () => {
    expect(TEST_NOW).toBe('2026-11-26T12:00:00.000Z');
    expect(cohort).toMatchObject({ status: CohortStatus.NOMINATIONS_OPEN, nominationDeadline: '2027-03-31', capacity: 10 });
  });

  describe('submitNomination', () => {
    it('lets a FOCAL_POINT nominate for its own administration by default, at the server’s time, and lists it', async () => {
      const input = candidate({ email: 'Amina.Kader@Customs.Example' });
      const result = await focalPoint.graphql(SUBMIT, { input: { cohortId, candidate: input, motivation: `  ${MOTIVATION}  ` } });
      const { nomination, userErrors } = payloadOf(result, 'submitNomination');
      expect(userErrors).toEqual([]);
      expect(nomination).toEqual({
        id: expect.any(String),
        status: 'SUBMITTED',
        candidateFullName: 'Amina Kader',
        candidateEmail: 'amina.kader@customs.example',
        candidatePosition: 'Senior Customs Officer',
        candidateYearsOfService: 12,
        candidateLanguages: ['en', 'fr-CA'],
        motivation: MOTIVATION,
        submittedAt: TEST_NOW,
        decidedAt: null,
        meanScore: null,
        reviewCount: null,
        administration: { iso2: focal.iso2 },
        cohort: { label: cohort.label },
      });

      const listed = await focalPoint.data(SCORES, { cohortId, first: 50 });
      expect(listed.nominations.nodes).toContainEqual({ id: nomination.id, status: 'SUBMITTED', meanScore: null, reviewCount: null });
      // ADMIN sees the new nomination's scores: none yet.
      const forAdmin = await admin.data(SCORES, { cohortId, first: 50 });
      expect(forAdmin.nominations.nodes).toContainEqual({ id: nomination.id, status: 'SUBMITTED', meanScore: null, reviewCount: 0 });

      const row = await nominationRow(nomination.id);
      const entry = await ds.getRepository(AuditEntry).findOneByOrFail({ operation: 'submitNomination', entityId: row.uuid });
      expect(entry).toMatchObject({ actorLabel: 'user:FOCAL_POINT', entityType: 'Nomination', before: null });
      expect(entry.after).toMatchObject({
        candidateEmail: '[redacted]',
        candidateFullName: '[redacted]',
        status: 'SUBMITTED',
        cohortId: gid('Cohort', cohort.uuid),
        administrationId: gid('Administration', focal.uuid),
      });
      expect(JSON.stringify(entry)).not.toMatch(/amina|kader/i);
    });

    it('lets an ADMIN nominate for the invited administration it names', async () => {
      const result = await submitAs(admin, { administrationId: gid('Administration', otherInvited.uuid) });
      const { nomination, userErrors } = payloadOf(result, 'submitNomination');
      expect(userErrors).toEqual([]);
      expect(nomination).toMatchObject({ status: 'SUBMITTED', administration: { iso2: otherInvited.iso2 } });
      expect((await nominationRow(nomination.id)).administrationId).toBe(otherInvited.uuid);
    });

    it('refuses an ADMIN who names no administration: NOMINATING_ADMINISTRATION_REQUIRED', async () => {
      const result = await expectUnchanged(ds, () => submitAs(admin, {}));
      expect(refusal(result, 'submitNomination')).toEqual([['NOMINATING_ADMINISTRATION_REQUIRED', ['input', 'administrationId']]]);
    });

    it('refuses a FOCAL_POINT nominating for another administration: FORBIDDEN', async () => {
      const result = await expectUnchanged(ds, () => submitAs(focalPoint, { administrationId: gid('Administration', otherInvited.uuid) }));
      expect(topLevelCode(result)).toBe('FORBIDDEN');
      expect(result.data).toBeNull();
    });

    it('refuses a cohort that is not NOMINATIONS_OPEN: NOMINATIONS_CLOSED', async () => {
      for (const status of [CohortStatus.PLANNED, CohortStatus.SELECTION, CohortStatus.COMPLETED]) {
        const closed = await arrangeCohort(ds, { status, invited: [focal] });
        const result = await expectUnchanged(ds, () => submitAs(focalPoint, { cohortId: gid('Cohort', closed.uuid) }));
        expect({ status, errors: refusal(result, 'submitNomination') }).toEqual({
          status,
          errors: [['NOMINATIONS_CLOSED', ['input', 'cohortId']]],
        });
      }
    });

    it('refuses after the deadline day (UTC): DEADLINE_PASSED', async () => {
      const late = await arrangeCohort(ds, { status: CohortStatus.NOMINATIONS_OPEN, nominationDeadline: '2026-11-25', invited: [focal] });
      const result = await expectUnchanged(ds, () => submitAs(focalPoint, { cohortId: gid('Cohort', late.uuid) }));
      expect(refusal(result, 'submitNomination')).toEqual([['DEADLINE_PASSED', ['input', 'cohortId']]]);
    });

    it('accepts on the deadline day itself, until its end (UTC)', async () => {
      const today = await arrangeCohort(ds, { status: CohortStatus.NOMINATIONS_OPEN, nominationDeadline: '2026-11-26', invited: [focal] });
      const result = await submitAs(focalPoint, { cohortId: gid('Cohort', today.uuid) });
      expect(payloadOf(result, 'submitNomination')).toMatchObject({
        userErrors: [],
        nomination: { status: 'SUBMITTED', submittedAt: TEST_NOW },
      });
    });

    it('refuses an administration that was not invited to the cohort: NOT_INVITED', async () => {
      const [uninvited] = await uninvitedEligible(ds, cohort.uuid);
      const result = await expectUnchanged(ds, () => submitAs(admin, { administrationId: gid('Administration', uninvited.uuid) }));
      expect(refusal(result, 'submitNomination')).toEqual([['NOT_INVITED', ['input', 'administrationId']]]);
    });

    it('refuses an invited administration that is no longer eligible: ADMINISTRATION_NOT_ELIGIBLE', async () => {
      const [, target] = await uninvitedEligible(ds, cohort.uuid);
      const open = await arrangeCohort(ds, { status: CohortStatus.NOMINATIONS_OPEN, invited: [target] });
      await ds.getRepository(Administration).update(target.uuid, { isEligible: false });
      const result = await expectUnchanged(ds, () =>
        submitAs(admin, { cohortId: gid('Cohort', open.uuid), administrationId: gid('Administration', target.uuid) }),
      );
      expect(refusal(result, 'submitNomination')).toEqual([['ADMINISTRATION_NOT_ELIGIBLE', ['input', 'administrationId']]]);
    });

    it('refuses a candidate with an active nomination for the cohort, whatever the case of the e-mail: CANDIDATE_ALREADY_NOMINATED', async () => {
      // A seeded nomination of another administration: the rule is per cohort, not per administration.
      const seeded = await ds.getRepository(Nomination).findOneByOrFail({ cohortId: cohort.uuid, administrationId: otherInvited.uuid });
      const result = await expectUnchanged(ds, () =>
        submitAs(focalPoint, { candidate: candidate({ email: seeded.candidateEmail.toUpperCase() }) }),
      );
      expect(refusal(result, 'submitNomination')).toEqual([['CANDIDATE_ALREADY_NOMINATED', ['input', 'candidate', 'email']]]);
    });

    it('accepts the candidate again once the earlier nomination is withdrawn', async () => {
      const again = candidate();
      const first = payloadOf(await submitAs(focalPoint, { candidate: again }), 'submitNomination').nomination;
      expect(payloadOf(await focalPoint.graphql(WITHDRAW, { input: { nominationId: first.id } }), 'withdrawNomination').userErrors).toEqual(
        [],
      );
      const second = payloadOf(await submitAs(focalPoint, { candidate: again }), 'submitNomination');
      expect(second).toMatchObject({ userErrors: [], nomination: { status: 'SUBMITTED' } });
      const rows = await ds.getRepository(Nomination).findBy({ cohortId: cohort.uuid, candidateEmail: again.email });
      expect(rows.map((r) => r.status).sort()).toEqual(['SUBMITTED', 'WITHDRAWN']);
    });

    it('refuses an unknown cohort (COHORT_NOT_FOUND) or administration (ADMINISTRATION_NOT_FOUND), and an ID of another type (INVALID_ID)', async () => {
      const unknown = await expectUnchanged(ds, () => submitAs(focalPoint, { cohortId: gid('Cohort', randomUUID()) }));
      expect(refusal(unknown, 'submitNomination')).toEqual([['COHORT_NOT_FOUND', ['input', 'cohortId']]]);
      const wrongType = await expectUnchanged(ds, () => submitAs(focalPoint, { cohortId: gid('Administration', focal.uuid) }));
      expect(refusal(wrongType, 'submitNomination')).toEqual([['INVALID_ID', ['input', 'cohortId']]]);
      const noAdministration = await expectUnchanged(ds, () => submitAs(admin, { administrationId: gid('Administration', randomUUID()) }));
      expect(refusal(noAdministration, 'submitNomination')).toEqual([['ADMINISTRATION_NOT_FOUND', ['input', 'administrationId']]]);
    });

    it.each([
      ['more than 45 years of service', { candidate: candidate({ yearsOfService: 46 }) }, ['candidate', 'yearsOfService']],
      ['negative years of service', { candidate: candidate({ yearsOfService: -1 }) }, ['candidate', 'yearsOfService']],
      ['no language', { candidate: candidate({ languages: [] }) }, ['candidate', 'languages']],
      [
        'eleven languages',
        { candidate: candidate({ languages: 'en fr es ar pt ru zh ja de it nl'.split(' ') }) },
        ['candidate', 'languages'],
      ],
      ['a language that is no BCP 47 tag', { candidate: candidate({ languages: ['en', 'en_GB'] }) }, ['candidate', 'languages']],
      ['a malformed e-mail', { candidate: candidate({ email: 'not-an-email' }) }, ['candidate', 'email']],
      ['an empty name', { candidate: candidate({ fullName: '' }) }, ['candidate', 'fullName']],
      ['a motivation of 49 characters', { motivation: 'x'.repeat(49) }, ['motivation']],
      ['a motivation of 5,001 characters', { motivation: 'x'.repeat(5001) }, ['motivation']],
    ])('refuses %s: INVALID_VALUE on that field', async (_name, input, field) => {
      const result = await expectUnchanged(ds, () => submitAs(focalPoint, input));
      expect(refusal(result, 'submitNomination')).toEqual([['INVALID_VALUE', ['input', ...field]]]);
    });

    it('accepts the bounds: 0 and 45 years, 10 languages, 50 and 5,000 characters of motivation', async () => {
      for (const input of [
        { candidate: candidate({ yearsOfService: 0, languages: 'en fr es ar pt ru zh ja de it'.split(' ') }), motivation: 'x'.repeat(50) },
        { candidate: candidate({ yearsOfService: 45 }), motivation: 'x'.repeat(5000) },
      ]) {
        expect(payloadOf(await submitAs(focalPoint, input), 'submitNomination').userErrors).toEqual([]);
      }
    });

    it('gives one of two concurrent nominations of the same candidate the user error, not an internal error', async () => {
      for (let round = 0; round < 3; round++) {
        const twin = candidate();
        const results = await Promise.all([
          submitAs(focalPoint, { candidate: twin }),
          submitAs(admin, { administrationId: gid('Administration', focal.uuid), candidate: { ...twin, email: twin.email.toUpperCase() } }),
        ]);
        const payloads = results.map((r) => payloadOf(r, 'submitNomination'));
        const codes = payloads.map((p) => p.userErrors.map((e: { code: string }) => e.code).join()).sort();
        expect({ round, codes }).toEqual({ round, codes: ['', 'CANDIDATE_ALREADY_NOMINATED'] });
        expect(await ds.getRepository(Nomination).countBy({ cohortId: cohort.uuid, candidateEmail: twin.email })).toBe(1);
      }
    });
  });

  describe('withdrawNomination', () => {
    const withdraw = (caller: Caller, nominationId: string) => caller.graphql(WITHDRAW, { input: { nominationId } });

    it('lets the nominating FOCAL_POINT withdraw a SUBMITTED nomination, and records it', async () => {
      const own = await arrangeNomination(ds, { cohort, administration: focal });
      const id = gid('Nomination', own.uuid);
      expect(payloadOf(await withdraw(focalPoint, id), 'withdrawNomination')).toEqual({
        userErrors: [],
        nomination: { id, status: 'WITHDRAWN', decidedAt: null },
      });
      const listed = await focalPoint.data(
        `query ($c: ID!) { nominations(first: 100, filter: { cohortId: $c, statusIn: [WITHDRAWN] }) { nodes { id } } }`,
        { c: cohortId },
      );
      expect(listed.nominations.nodes).toContainEqual({ id });
      const entry = await ds.getRepository(AuditEntry).findOneByOrFail({ operation: 'withdrawNomination', entityId: own.uuid });
      expect(entry).toMatchObject({ actorLabel: 'user:FOCAL_POINT', before: { status: 'SUBMITTED' }, after: { status: 'WITHDRAWN' } });
    });

    it('lets an ADMIN withdraw any administration’s SHORTLISTED nomination', async () => {
      const shortlisted = await arrangeNomination(ds, { cohort, administration: otherInvited, status: NominationStatus.SHORTLISTED });
      const result = payloadOf(await withdraw(admin, gid('Nomination', shortlisted.uuid)), 'withdrawNomination');
      expect(result).toMatchObject({ userErrors: [], nomination: { status: 'WITHDRAWN' } });
    });

    it('refuses a nomination withdrawn already: ALREADY_WITHDRAWN', async () => {
      const gone = await arrangeNomination(ds, { cohort, administration: focal, status: NominationStatus.WITHDRAWN });
      const result = await expectUnchanged(ds, () => withdraw(focalPoint, gid('Nomination', gone.uuid)));
      expect(refusal(result, 'withdrawNomination')).toEqual([['ALREADY_WITHDRAWN', ['input', 'nominationId']]]);
    });

    it.each([NominationStatus.SELECTED, NominationStatus.RESERVE, NominationStatus.NOT_SELECTED])(
      'refuses a %s nomination: ALREADY_DECIDED',
      async (status) => {
        const decided = await arrangeNomination(ds, { cohort, administration: focal, status });
        const result = await expectUnchanged(ds, () => withdraw(admin, gid('Nomination', decided.uuid)));
        expect(refusal(result, 'withdrawNomination')).toEqual([['ALREADY_DECIDED', ['input', 'nominationId']]]);
        expect((await ds.getRepository(Nomination).findOneByOrFail({ uuid: decided.uuid })).status).toBe(status);
      },
    );

    it('refuses a FOCAL_POINT withdrawing another administration’s nomination: FORBIDDEN', async () => {
      const others = await arrangeNomination(ds, { cohort, administration: otherInvited });
      const result = await expectUnchanged(ds, () => withdraw(focalPoint, gid('Nomination', others.uuid)));
      expect(topLevelCode(result)).toBe('FORBIDDEN');
      expect((await ds.getRepository(Nomination).findOneByOrFail({ uuid: others.uuid })).status).toBe('SUBMITTED');
    });

    it('refuses an unknown nomination: NOMINATION_NOT_FOUND', async () => {
      const result = await expectUnchanged(ds, () => withdraw(admin, gid('Nomination', randomUUID())));
      expect(refusal(result, 'withdrawNomination')).toEqual([['NOMINATION_NOT_FOUND', ['input', 'nominationId']]]);
    });
  });

  describe('reviewNomination', () => {
    const review = (caller: Caller, nominationId: string, score: number, comment?: string | null) =>
      caller.graphql(REVIEW, { input: { nominationId, score, comment } });
    const scoresForAdmin = async (id: string) =>
      (await admin.data(`query ($id: ID!) { node(id: $id) { ... on Nomination { meanScore reviewCount } } }`, { id })).node;
    let reviewerId: string;
    beforeAll(async () => {
      reviewerId = (await reviewer.data('{ viewer { id } }')).viewer.id;
    });

    it('records a REVIEWER’s score; the stored mean follows, hidden from the reviewer until the decision', async () => {
      const target = await arrangeNomination(ds, { cohort, administration: otherInvited });
      const id = gid('Nomination', target.uuid);
      const payload = payloadOf(await review(reviewer, id, 4, '  Strong research proposal.  '), 'reviewNomination');
      expect(payload).toEqual({
        userErrors: [],
        review: { id: expect.any(String), score: 4, comment: 'Strong research proposal.', reviewer: { id: reviewerId } },
        nomination: { id, status: 'SUBMITTED', meanScore: null, reviewCount: null },
      });
      expect(await scoresForAdmin(id)).toEqual({ meanScore: 4, reviewCount: 1 });
      const { node } = await reviewer.data(`query ($id: ID!) { node(id: $id) { ... on Nomination { reviews { id score } } } }`, { id });
      expect(node.reviews).toEqual([{ id: payload.review.id, score: 4 }]);
      const entry = await ds.getRepository(AuditEntry).findOneByOrFail({ operation: 'reviewNomination', entityType: 'Review' });
      expect(entry.after).toMatchObject({ score: 4, comment: '[redacted]', nominationId: id, reviewerId });
    });

    it('lets the same reviewer change their review, which stays one review; ADMIN may review too', async () => {
      const target = await arrangeNomination(ds, { cohort, administration: otherInvited });
      const id = gid('Nomination', target.uuid);
      const first = payloadOf(await review(reviewer, id, 5), 'reviewNomination').review;
      const edited = payloadOf(await review(reviewer, id, 2, 'On reflection, weaker.'), 'reviewNomination');
      expect(edited).toMatchObject({ userErrors: [], review: { id: first.id, score: 2, comment: 'On reflection, weaker.' } });
      expect(await ds.getRepository(Review).countBy({ nominationId: target.uuid })).toBe(1);
      expect(await scoresForAdmin(id)).toEqual({ meanScore: 2, reviewCount: 1 });
      const edits = await ds.getRepository(AuditEntry).findBy({
        operation: 'reviewNomination',
        entityId: (await ds.getRepository(Review).findOneByOrFail({ nominationId: target.uuid })).uuid,
      });
      expect(edits.map((e) => [e.before, e.after])).toContainEqual([
        { score: 5, comment: '[redacted]' },
        { score: 2, comment: '[redacted]' },
      ]);

      const byAdmin = payloadOf(await review(admin, id, 5), 'reviewNomination');
      expect(byAdmin).toMatchObject({ userErrors: [], nomination: { meanScore: 3.5, reviewCount: 2 } });
    });

    it.each([0, 6])('refuses a score of %i: SCORE_OUT_OF_RANGE', async (score) => {
      const target = await arrangeNomination(ds, { cohort, administration: otherInvited });
      const result = await expectUnchanged(ds, () => review(reviewer, gid('Nomination', target.uuid), score));
      expect(refusal(result, 'reviewNomination')).toEqual([['SCORE_OUT_OF_RANGE', ['input', 'score']]]);
    });

    it('refuses a comment of more than 2,000 characters: INVALID_VALUE', async () => {
      const target = await arrangeNomination(ds, { cohort, administration: otherInvited });
      const result = await expectUnchanged(ds, () => review(reviewer, gid('Nomination', target.uuid), 3, 'x'.repeat(2001)));
      expect(refusal(result, 'reviewNomination')).toEqual([['INVALID_VALUE', ['input', 'comment']]]);
    });

    it('refuses a withdrawn nomination: NOMINATION_WITHDRAWN', async () => {
      const gone = await arrangeNomination(ds, { cohort, administration: otherInvited, status: NominationStatus.WITHDRAWN });
      const result = await expectUnchanged(ds, () => review(reviewer, gid('Nomination', gone.uuid), 3));
      expect(refusal(result, 'reviewNomination')).toEqual([['NOMINATION_WITHDRAWN', ['input', 'nominationId']]]);
    });

    it('refuses a decided nomination, also an edit of an earlier review: REVIEW_CLOSED', async () => {
      const decided = await arrangeNomination(ds, { cohort, administration: otherInvited, status: NominationStatus.NOT_SELECTED });
      const result = await expectUnchanged(ds, () => review(reviewer, gid('Nomination', decided.uuid), 3));
      expect(refusal(result, 'reviewNomination')).toEqual([['REVIEW_CLOSED', ['input', 'nominationId']]]);

      const reviewed = await arrangeNomination(ds, { cohort, administration: otherInvited, status: NominationStatus.SHORTLISTED });
      const id = gid('Nomination', reviewed.uuid);
      expect(payloadOf(await review(reviewer, id, 4), 'reviewNomination').userErrors).toEqual([]);
      // decidedAt alone closes the reviews (the status is still SHORTLISTED).
      await ds.getRepository(Nomination).update(reviewed.uuid, { decidedAt: new Date(TEST_NOW) });
      const edit = await expectUnchanged(ds, () => review(reviewer, id, 1));
      expect(refusal(edit, 'reviewNomination')).toEqual([['REVIEW_CLOSED', ['input', 'nominationId']]]);
      expect((await ds.getRepository(Review).findOneByOrFail({ nominationId: reviewed.uuid })).score).toBe(4);
    });

    it('refuses a nomination whose cohort is neither NOMINATIONS_OPEN nor SELECTION: REVIEW_CLOSED', async () => {
      for (const status of [CohortStatus.IN_PROGRESS, CohortStatus.CANCELLED]) {
        const past = await arrangeCohort(ds, { status, invited: [focal] });
        const target = await arrangeNomination(ds, { cohort: past, administration: focal });
        const result = await expectUnchanged(ds, () => review(reviewer, gid('Nomination', target.uuid), 3));
        expect({ status, errors: refusal(result, 'reviewNomination') }).toEqual({
          status,
          errors: [['REVIEW_CLOSED', ['input', 'nominationId']]],
        });
      }
      // In SELECTION reviews are still taken.
      const selecting = await arrangeCohort(ds, { status: CohortStatus.SELECTION, invited: [focal] });
      const open = await arrangeNomination(ds, { cohort: selecting, administration: focal });
      expect(payloadOf(await review(reviewer, gid('Nomination', open.uuid), 3), 'reviewNomination').userErrors).toEqual([]);
    });

    it('refuses a new review beyond 20 per nomination (TOO_MANY_REVIEWS), while the reviewers can still edit theirs', async () => {
      const crowded = await arrangeNomination(ds, { cohort, administration: otherInvited });
      const id = gid('Nomination', crowded.uuid);
      expect(payloadOf(await review(reviewer, id, 3), 'reviewNomination').userErrors).toEqual([]);
      for (let i = 0; i < 19; i++) {
        const user = await insert(ds, User, {
          email: `crowd.${i}.${crowded.uuid.slice(0, 8)}@example.org`,
          passwordHash: 'not-a-hash',
          displayName: `Crowd ${i}`,
          role: UserRole.REVIEWER,
          isActive: true,
        });
        await insert(ds, Review, { nominationId: crowded.uuid, reviewerId: user.uuid, score: 3, comment: null });
      }
      const result = await expectUnchanged(ds, () => review(admin, id, 5));
      expect(refusal(result, 'reviewNomination')).toEqual([['TOO_MANY_REVIEWS', ['input', 'nominationId']]]);
      expect(payloadOf(await review(reviewer, id, 4), 'reviewNomination').userErrors).toEqual([]);
    });

    it('refuses an unknown nomination: NOMINATION_NOT_FOUND', async () => {
      const result = await expectUnchanged(ds, () => review(reviewer, gid('Nomination', randomUUID()), 3));
      expect(refusal(result, 'reviewNomination')).toEqual([['NOMINATION_NOT_FOUND', ['input', 'nominationId']]]);
    });

    it('keeps the stored mean right when several reviewers score the same nomination at once', async () => {
      const reviewers = [reviewer, admin];
      for (let i = 0; i < 3; i++) reviewers.push(await newReviewer(`concurrent.${i}`));
      const target = await arrangeNomination(ds, { cohort, administration: otherInvited });
      const id = gid('Nomination', target.uuid);
      const scores = [5, 4, 1, 2, 3];
      const results = await Promise.all(reviewers.map((caller, i) => review(caller, id, scores[i])));
      for (const result of results) expect(payloadOf(result, 'reviewNomination').userErrors).toEqual([]);
      expect(await scoresForAdmin(id)).toEqual({ meanScore: 3, reviewCount: 5 });
    });
  });

  /** A REVIEWER created by ADMIN through createUser, and signed in. */
  async function newReviewer(tag: string): Promise<Caller> {
    const email = `${tag}.${kind.name}@reviewers.example`;
    const password = 'reviewer passphrase 2026';
    const created = await admin.data(CREATE_USER, { input: { email, password, displayName: `Reviewer ${tag}`, role: 'REVIEWER' } });
    expect(created.createUser.userErrors).toEqual([]);
    return server.signIn(email, password);
  }

  describe('ranking by MEAN_SCORE, with blind review', () => {
    let ranked: Cohort;
    let rankedId: string;
    /** Each arranged nomination's global ID, uuid and expected mean (null: no review). */
    const expected: Array<{ id: string; uuid: string; mean: number | null; count: number }> = [];
    const SCORES_BY_NOMINATION: number[][] = [[5, 4, 5], [3, 3], [2], [4, 2], [], [1, 5, 3], [], [4]];

    beforeAll(async () => {
      ranked = await arrangeCohort(ds, { status: CohortStatus.NOMINATIONS_OPEN, invited: [focal, otherInvited] });
      rankedId = gid('Cohort', ranked.uuid);
      const reviewers = [reviewer, await newReviewer('ranking.a'), await newReviewer('ranking.b')];
      for (const [i, scores] of SCORES_BY_NOMINATION.entries()) {
        const row = await arrangeNomination(ds, { cohort: ranked, administration: i % 2 ? focal : otherInvited });
        const id = gid('Nomination', row.uuid);
        for (const [r, score] of scores.entries()) {
          expect(
            payloadOf(await reviewers[r].graphql(REVIEW, { input: { nominationId: id, score } }), 'reviewNomination').userErrors,
          ).toEqual([]);
        }
        const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : null;
        expected.push({ id, uuid: row.uuid, mean, count: scores.length });
      }
    });

    /** The expected ranking: by mean in the direction, ties by ID in the same direction, unreviewed last. */
    const rankingOf = (direction: 'ASC' | 'DESC') => {
      const sign = direction === 'ASC' ? 1 : -1;
      const byId = (a: { uuid: string }, b: { uuid: string }) => sign * (a.uuid < b.uuid ? -1 : a.uuid > b.uuid ? 1 : 0);
      const reviewed = expected.filter((e) => e.mean !== null).sort((a, b) => sign * (a.mean! - b.mean!) || byId(a, b));
      const unreviewed = expected.filter((e) => e.mean === null).sort(byId);
      return [...reviewed, ...unreviewed].map((e) => e.id);
    };

    it('ranks best first for ADMIN, with the means and counts, unreviewed nominations last', async () => {
      const { nominations } = await admin.data(SCORES, {
        cohortId: rankedId,
        orderBy: { field: 'MEAN_SCORE', direction: 'DESC' },
        first: 50,
      });
      expect(nominations.nodes.map((n: any) => n.id)).toEqual(rankingOf('DESC'));
      const byId = new Map(expected.map((e) => [e.id, e]));
      for (const node of nominations.nodes) {
        const want = byId.get(node.id)!;
        expect(node).toEqual({
          id: node.id,
          status: 'SUBMITTED',
          meanScore: want.mean === null ? null : expect.closeTo(want.mean, 12),
          reviewCount: want.count,
        });
      }
      // Ties (three nominations at 3) and two unreviewed ones are in the fixture.
      expect(expected.filter((e) => e.mean === 3)).toHaveLength(3);
      expect(nominations.nodes.slice(-2).map((n: any) => n.meanScore)).toEqual([null, null]);
    });

    it('ranks worst first ascending, still with unreviewed nominations last', async () => {
      const { nominations } = await admin.data(SCORES, {
        cohortId: rankedId,
        orderBy: { field: 'MEAN_SCORE', direction: 'ASC' },
        first: 50,
      });
      expect(nominations.nodes.map((n: any) => n.id)).toEqual(rankingOf('ASC'));
    });

    it.each(['DESC', 'ASC'] as const)(
      'pages through the %s ranking with cursors, forwards and backwards, without gaps or repeats',
      async (direction) => {
        const orderBy = { field: 'MEAN_SCORE', direction };
        const forwards: string[] = [];
        let after: string | null = null;
        for (let page = 0; page < 10; page++) {
          const { nominations }: any = await admin.data(SCORES, { cohortId: rankedId, orderBy, first: 3, after });
          forwards.push(...nominations.nodes.map((n: any) => n.id));
          expect(nominations.totalCount).toBe(expected.length);
          if (!nominations.pageInfo.hasNextPage) break;
          after = nominations.pageInfo.endCursor;
        }
        expect(forwards).toEqual(rankingOf(direction));

        const backwards: string[] = [];
        let before: string | null = null;
        for (let page = 0; page < 10; page++) {
          const { nominations }: any = await admin.data(SCORES, { cohortId: rankedId, orderBy, last: 3, before });
          backwards.unshift(...nominations.nodes.map((n: any) => n.id));
          if (!nominations.pageInfo.hasPreviousPage) break;
          before = nominations.pageInfo.startCursor;
        }
        expect(backwards).toEqual(rankingOf(direction));
      },
    );

    it('refuses the MEAN_SCORE order to a REVIEWER and a FOCAL_POINT (FORBIDDEN): the order would unblind the scores', async () => {
      for (const caller of [reviewer, focalPoint]) {
        const result = await caller.graphql(SCORES, { cohortId: rankedId, orderBy: { field: 'MEAN_SCORE', direction: 'DESC' } });
        expect(topLevelCode(result)).toBe('FORBIDDEN');
        expect(result.data).toBeNull();
      }
    });

    it('shows a REVIEWER the mean and count of decided nominations only, and a FOCAL_POINT none', async () => {
      const decided = expected[0];
      await ds.getRepository(Nomination).update(decided.uuid, { status: NominationStatus.NOT_SELECTED, decidedAt: new Date(TEST_NOW) });
      const forReviewer = (await reviewer.data(SCORES, { cohortId: rankedId, first: 50 })).nominations.nodes;
      expect(forReviewer).toHaveLength(expected.length);
      for (const node of forReviewer) {
        const want =
          node.id === decided.id
            ? { meanScore: expect.closeTo(decided.mean!, 12), reviewCount: 3 }
            : { meanScore: null, reviewCount: null };
        expect(node).toEqual({ id: node.id, status: node.id === decided.id ? 'NOT_SELECTED' : 'SUBMITTED', ...want });
      }
      const forFocal = (await focalPoint.data(SCORES, { cohortId: rankedId, first: 50 })).nominations.nodes;
      expect(forFocal.map((n: any) => n.id).sort()).toEqual(
        expected
          .filter((_e, i) => i % 2)
          .map((e) => e.id)
          .sort(),
      );
      for (const node of forFocal) expect(node).toMatchObject({ meanScore: null, reviewCount: null });
      const forAdmin = (await admin.data(SCORES, { cohortId: rankedId, first: 50 })).nominations.nodes;
      expect(forAdmin.filter((n: any) => n.reviewCount !== null)).toHaveLength(expected.length);
    });
  });
});
