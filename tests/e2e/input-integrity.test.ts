/**
 * Every value the API accepts, it stores and returns (issue #14, rows 1-5),
 * on both databases: one definition of an e-mail address for every e-mail
 * input and output, NUL and lone surrogates refused before any SQL runs,
 * lengths counted in the unit the column stores, dates within the range
 * both databases hold, and text normalised (NFC, trimmed) before it is
 * validated. The property suite (tests/property) walks the same rules with
 * generated values; this suite holds the findings as fixed cases.
 */
import { AssociateStatus } from '../../server/src/modules/associate/associate-enums';
import { CohortStatus } from '../../server/src/modules/cohort/cohort-status';
import type { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { arrangeCohort, focalAdministration, gid, MOTIVATION } from '../support/arrange-nominations';
import { setCohortStatus, yearDates } from '../support/cohort-workflow';
import { describeEachDatabase } from '../support/databases';
import { payloadOf, refusal, topLevelCode } from '../support/mutation-results';
import { startTestServer, type Caller, type TestServer } from '../support/server';
import { expectUnchanged } from '../support/unchanged';
import { arrangeCohort as arrangePlacementCohort, arrangeAssociate, signInAsAssociate } from '../support/workflow-fixtures';

const USER_ERRORS = 'userErrors { code field message }';
const CREATE_USER = `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id email displayName } ${USER_ERRORS} } }`;
const UPDATE_USER = `mutation ($input: UpdateUserInput!) { updateUser(input: $input) { user { id email displayName } ${USER_ERRORS} } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { token user { email } ${USER_ERRORS} } }`;
const SUBMIT = `mutation ($input: SubmitNominationInput!) {
  submitNomination(input: $input) { nomination { id candidateFullName candidateEmail candidatePosition motivation } ${USER_ERRORS} }
}`;
const DECIDE = `mutation ($input: DecideNominationInput!) { decideNomination(input: $input) { associate { id email } ${USER_ERRORS} } }`;
const ADD_MILESTONE = `mutation ($input: AddMilestoneInput!) { addMilestone(input: $input) { milestone { id title dueDate } ${USER_ERRORS} } }`;
const CREATE_COHORT = `mutation ($input: CreateCohortInput!) { createCohort(input: $input) { cohort { id label note invitationDate endDate } ${USER_ERRORS} } }`;
const PASSWORD = 'input-integrity-passphrase-2026';

/** Addresses every e-mail input accepts, and what every e-mail field then answers. */
const ACCEPTED_EMAILS: Array<[sent: string, stored: string]> = [
  ['Name.Surname+cdp@Customs.Example', 'name.surname+cdp@customs.example'],
  ['  padded@customs.example  ', 'padded@customs.example'],
  ["o'neil_2@sub.customs.example", "o'neil_2@sub.customs.example"],
  ['rene@xn--rn-yia.example', 'rene@xn--rn-yia.example'],
  [`${'l'.repeat(64)}@customs.example`, `${'l'.repeat(64)}@customs.example`],
];

/** Addresses every e-mail input refuses with INVALID_VALUE (none of them could be returned by the EmailAddress scalar). */
const REFUSED_EMAILS = [
  'josé-1@probe.example',
  'rené-2@probe.example',
  'x@rené.example',
  'no-dot@localhost',
  'two@@customs.example',
  'space in@customs.example',
  `${'l'.repeat(65)}@customs.example`,
  `${'d'.repeat(60)}@${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'e'.repeat(60)}.example`,
  '',
];

const lists = {
  users: '{ users(first: 100) { nodes { email } } }',
  nominations: '{ nominations(first: 100) { nodes { candidateEmail } } }',
  associates: '{ associates(first: 100) { nodes { email } } }',
};

describeEachDatabase('input integrity', (kind) => {
  let server: TestServer;
  let admin: Caller;
  let focal: Caller;
  let cohort: Cohort;
  let people = 0;

  beforeAll(async () => {
    server = await startTestServer(kind, { captureLogs: true });
    admin = await server.as(UserRole.ADMIN);
    focal = await server.as(UserRole.FOCAL_POINT);
    const ds = server.database.dataSource;
    cohort = await arrangeCohort(ds, { status: CohortStatus.NOMINATIONS_OPEN, capacity: 20, invited: [await focalAdministration(ds)] });
  });
  afterAll(() => server?.close());

  const submit = (candidate: Record<string, unknown>, motivation = MOTIVATION) =>
    focal.graphql(SUBMIT, {
      input: {
        cohortId: gid('Cohort', cohort.uuid),
        motivation,
        candidate: { fullName: 'Amina Kader', email: `candidate.${++people}@customs.example`, position: 'Officer', yearsOfService: 5, languages: ['en'], ...candidate },
      },
    });
  const createUser = (input: Record<string, unknown>) =>
    admin.graphql(CREATE_USER, { input: { email: `user.${++people}@customs.example`, displayName: 'Someone', role: 'REVIEWER', password: PASSWORD, ...input } });

  describe('row 1: one definition of an e-mail address, for every input and every output', () => {
    it.each(ACCEPTED_EMAILS)('%j is stored as %j by every e-mail input and read back through every e-mail field', async (sent, stored) => {
      const created = payloadOf(await createUser({ email: sent }), 'createUser');
      expect(created.userErrors).toEqual([]);
      expect(created.user.email).toBe(stored);

      const signedIn = payloadOf(await server.graphql(LOGIN, { input: { email: ` ${sent.toUpperCase()} `, password: PASSWORD } }), 'login');
      expect(signedIn.user.email).toBe(stored);
      const viewer = await server.withToken(signedIn.token).data('{ viewer { email } }');
      expect(viewer.viewer.email).toBe(stored);

      const moved = payloadOf(await admin.graphql(UPDATE_USER, { input: { id: created.user.id, email: `moved.${++people}@customs.example` } }), 'updateUser');
      expect(moved.userErrors).toEqual([]);
      const back = payloadOf(await admin.graphql(UPDATE_USER, { input: { id: created.user.id, email: sent } }), 'updateUser');
      expect(back.user.email).toBe(stored);

      const nomination = payloadOf(await submit({ email: sent }), 'submitNomination');
      expect(nomination.userErrors).toEqual([]);
      expect(nomination.nomination.candidateEmail).toBe(stored);
      const node = await admin.data('query ($id: ID!) { node(id: $id) { ... on Nomination { candidateEmail } } }', { id: nomination.nomination.id });
      expect(node.node.candidateEmail).toBe(stored);
    });

    it.each(REFUSED_EMAILS.map((email) => [email]))('%j is refused with INVALID_VALUE by every e-mail input, and changes nothing', async (email) => {
      const ds = server.database.dataSource;
      const someone = payloadOf(await createUser({}), 'createUser').user;
      expect(refusal(await expectUnchanged(ds, () => createUser({ email })), 'createUser')).toEqual([['INVALID_VALUE', ['input', 'email']]]);
      expect(refusal(await expectUnchanged(ds, () => admin.graphql(UPDATE_USER, { input: { id: someone.id, email } })), 'updateUser')).toEqual([
        ['INVALID_VALUE', ['input', 'email']],
      ]);
      expect(refusal(await expectUnchanged(ds, () => submit({ email })), 'submitNomination')).toEqual([['INVALID_VALUE', ['input', 'candidate', 'email']]]);
      // Sign-in only compares: a malformed address is an unknown one, unless it is longer than any address can be.
      const login = refusal(await server.graphql(LOGIN, { input: { email, password: PASSWORD } }), 'login');
      expect(login).toEqual(email.length > 254 ? [['INVALID_VALUE', ['input', 'email']]] : [['INVALID_CREDENTIALS', null]]);
    });

    it('a selected candidate becomes an associate whose e-mail reads back, and every e-mail list stays readable for every role that sees it', async () => {
      const nomination = payloadOf(await submit({ email: ' Selected.Candidate+CDP@Customs.Example ' }), 'submitNomination').nomination;
      await setCohortStatus(server.database.dataSource, gid('Cohort', cohort.uuid), CohortStatus.SELECTION);
      try {
        expect(payloadOf(await admin.graphql(DECIDE, { input: { nominationId: nomination.id, decision: 'SHORTLISTED' } }), 'decideNomination').userErrors).toEqual([]);
        const selected = payloadOf(await admin.graphql(DECIDE, { input: { nominationId: nomination.id, decision: 'SELECTED' } }), 'decideNomination');
        expect(selected.associate.email).toBe('selected.candidate+cdp@customs.example');
      } finally {
        await setCohortStatus(server.database.dataSource, gid('Cohort', cohort.uuid), CohortStatus.NOMINATIONS_OPEN);
      }
      for (const role of [UserRole.ADMIN, UserRole.REVIEWER, UserRole.FOCAL_POINT]) {
        const caller = await server.as(role);
        for (const query of role === UserRole.ADMIN ? Object.values(lists) : [lists.nominations, lists.associates]) {
          const result = await caller.graphql(query);
          expect({ role, query, errors: result.errors }).toEqual({ role, query, errors: undefined });
        }
      }
    });
  });

  describe('row 2: NUL and lone surrogates are refused before any SQL runs, and never logged as errors', () => {
    const probes: Array<[string, string, Record<string, unknown>]> = [
      ['cohort(label:)', 'query ($s: String!) { cohort(label: $s) { id } }', { s: 'A\u0000B' }],
      ['programme(code:)', 'query ($s: String!) { programme(code: $s) { id } }', { s: 'WCO\u0000' }],
      ['verifyCertificate', 'query ($s: String!) { verifyCertificate(serial: $s) { reason } }', { s: 'CDP-2024-001\u0000' }],
      ['searchResearch', 'query ($s: String!) { searchResearch(query: $s) { totalCount } }', { s: 'risk\u0000' }],
      ['a text filter', 'query ($s: String) { administrations(filter: { nameContains: $s }) { totalCount } }', { s: 'Gha\u0000na' }],
      ['a cursor', 'query ($s: String) { cohorts(after: $s) { totalCount } }', { s: 'abc\u0000' }],
      ['node(id:)', 'query ($s: ID!) { node(id: $s) { id } }', { s: 'Q29ob3J0\u0000' }],
      ['a lone surrogate', 'query ($s: String!) { cohort(label: $s) { id } }', { s: 'A\ud800B' }],
      ['the login e-mail', LOGIN, { input: { email: 'admin@cdp-hub.example\u0000', password: 'x' } }],
      ['a nested write', CREATE_COHORT, { input: { label: '2040-2041', capacity: 3, note: 'a\u0000b', dates: yearDates(2040) } }],
    ];

    it.each(probes)('%s in a variable: BAD_USER_INPUT with HTTP 400, nothing written', async (_name, query, variables) => {
      const before = server.logLines.length;
      const res = await expectUnchanged(server.database.dataSource, () => rawPost(server, admin.token, { query, variables }));
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: any) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
      expect(res.body.data).toBeUndefined();
      expect(server.logLines.slice(before).filter((line) => line.level >= 50)).toEqual([]);
    });

    it('in a string literal of the document: BAD_USER_INPUT with HTTP 400 (graphql-js itself refuses a lone surrogate escape)', async () => {
      const cases: Array<[string, string]> = [
        ['"A\\u0000B"', 'BAD_USER_INPUT'],
        ['"""A\u0000B"""', 'BAD_USER_INPUT'],
        ['"x\\uD800"', 'GRAPHQL_PARSE_FAILED'],
      ];
      for (const [literal, code] of cases) {
        const res = await rawPost(server, null, { query: `{ cohort(label: ${literal}) { id } }` });
        expect({ literal, status: res.status, codes: res.body.errors.map((e: any) => e.extensions.code) }).toEqual({ literal, status: 400, codes: [code] });
      }
    });

    it('GET /certificates/A%00B.json is a 404, and so is any serial that cannot be one', async () => {
      const base = server.url.replace(/\/graphql$/, '');
      for (const path of ['/certificates/A%00B.json', '/certificates/%F0%9F%98%80.json', `/certificates/${'A'.repeat(300)}.json`]) {
        const res = await fetch(base + path);
        expect({ path, status: res.status }).toEqual({ path, status: 404 });
        expect(((await res.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
      }
      expect(server.logLines.filter((line) => line.level >= 50)).toEqual([]);
    });
  });

  describe('row 3: lengths are counted in code points, the unit the columns store', () => {
    const atLimit = 'a\uFE0F'.repeat(100); // 200 code points, 100 graphemes
    const overLimit = 'a\uFE0F'.repeat(150); // 300 code points, 150 graphemes
    const astral = '\u{1F600}'.repeat(200); // 200 code points, 400 UTF-16 units

    it('displayName, candidate fullName and milestone title take 200 code points and refuse 201, however the graphemes fall', async () => {
      for (const value of [atLimit, astral]) {
        expect(payloadOf(await createUser({ displayName: value }), 'createUser').user.displayName).toBe(value);
        expect(payloadOf(await submit({ fullName: value }), 'submitNomination').nomination.candidateFullName).toBe(value);
      }
      const ds = server.database.dataSource;
      expect(refusal(await expectUnchanged(ds, () => createUser({ displayName: overLimit })), 'createUser')).toEqual([['INVALID_VALUE', ['input', 'displayName']]]);
      expect(refusal(await expectUnchanged(ds, () => submit({ fullName: overLimit })), 'submitNomination')).toEqual([
        ['INVALID_VALUE', ['input', 'candidate', 'fullName']],
      ]);
      expect(refusal(await expectUnchanged(ds, () => submit({ fullName: `${astral}b` })), 'submitNomination')).toEqual([
        ['INVALID_VALUE', ['input', 'candidate', 'fullName']],
      ]);

      const { research, associate } = await researchOf(server);
      const milestone = (title: string) => associate.graphql(ADD_MILESTONE, { input: { researchId: research, title, dueDate: '2027-03-31' } });
      expect(payloadOf(await milestone(atLimit), 'addMilestone').milestone.title).toBe(atLimit);
      expect(refusal(await expectUnchanged(ds, () => milestone(overLimit)), 'addMilestone')).toEqual([['INVALID_VALUE', ['input', 'title']]]);
    });
  });

  describe('row 4: dates lie from 1900-01-01 to 2999-12-31 on both databases', () => {
    it('createCohort, addMilestone and recordAlumniActivity refuse 0000-01-01 and 3000-01-01 with INVALID_VALUE, and store the bounds', async () => {
      const ds = server.database.dataSource;
      const create = (dates: Record<string, string>, label: string) => admin.graphql(CREATE_COHORT, { input: { label, capacity: 3, dates } });
      expect(refusal(await expectUnchanged(ds, () => create({ ...yearDates(2050), invitationDate: '0000-01-01' }, '2050-2051')), 'createCohort')).toEqual([
        ['INVALID_VALUE', ['input', 'dates', 'invitationDate']],
      ]);
      expect(refusal(await expectUnchanged(ds, () => create({ ...yearDates(2050), endDate: '3000-01-01' }, '2050-2051')), 'createCohort')).toEqual([
        ['INVALID_VALUE', ['input', 'dates', 'endDate']],
      ]);
      const low = payloadOf(await create({ ...yearDates(1901), invitationDate: '1900-01-01' }, '1901-1902'), 'createCohort');
      expect(low.cohort.invitationDate).toBe('1900-01-01');
      const high = payloadOf(await create({ ...yearDates(2998), endDate: '2999-12-31' }, '2998-2999'), 'createCohort');
      expect(high.cohort.endDate).toBe('2999-12-31');

      const { research, associate } = await researchOf(server);
      const milestone = (dueDate: string) => associate.graphql(ADD_MILESTONE, { input: { researchId: research, title: 'Draft', dueDate } });
      expect(refusal(await expectUnchanged(ds, () => milestone('0000-01-01')), 'addMilestone')).toEqual([['INVALID_VALUE', ['input', 'dueDate']]]);
      expect(payloadOf(await milestone('2999-12-31'), 'addMilestone').milestone.dueDate).toBe('2999-12-31');

      const alumnus = await arrangeAssociate(ds, await arrangePlacementCohort(ds, { status: CohortStatus.COMPLETED }), { status: AssociateStatus.COMPLETED });
      const activity = (date: string) =>
        admin.graphql(`mutation ($input: RecordAlumniActivityInput!) { recordAlumniActivity(input: $input) { activity { date } ${USER_ERRORS} } }`, {
          input: { associateId: gid('ProfessionalAssociate', alumnus.uuid), kind: 'PUBLICATION', date, title: 'Article' },
        });
      expect(refusal(await expectUnchanged(ds, () => activity('0000-01-01')), 'recordAlumniActivity')).toEqual([['INVALID_VALUE', ['input', 'date']]]);
      expect(refusal(await expectUnchanged(ds, () => activity('1899-12-31')), 'recordAlumniActivity')).toEqual([['INVALID_VALUE', ['input', 'date']]]);
      expect(payloadOf(await activity('1900-01-01'), 'recordAlumniActivity').activity.date).toBe('1900-01-01');
    });

    it('a date-time filter outside the range is BAD_USER_INPUT, not an SQL error', async () => {
      for (const startsFrom of ['0000-01-01T00:00:00Z', '3000-01-01T00:00:00Z']) {
        const result = await server.graphql('query ($s: DateTime) { events(filter: { startsFrom: $s }) { totalCount } }', { s: startsFrom });
        expect(topLevelCode(result)).toBe('BAD_USER_INPUT');
      }
      const edge = await server.graphql('query ($s: DateTime) { events(filter: { startsFrom: $s }) { totalCount } }', { s: '1900-01-01T00:00:00Z' });
      expect(edge.errors).toBeUndefined();
    });
  });

  describe('row 5: text is normalised (NFC, trimmed), then validated', () => {
    it('blank or padded text is refused when nothing is left, with the field named', async () => {
      const ds = server.database.dataSource;
      const cases: Array<[Record<string, unknown>, string | undefined, string[]]> = [
        [{ fullName: '   ' }, undefined, ['input', 'candidate', 'fullName']],
        [{ position: ' \t ' }, undefined, ['input', 'candidate', 'position']],
        [{ fullName: 'Amina\nKader' }, undefined, ['input', 'candidate', 'fullName']],
        [{}, `x${' '.repeat(60)}`, ['input', 'motivation']],
      ];
      for (const [candidate, motivation, field] of cases) {
        expect(refusal(await expectUnchanged(ds, () => submit(candidate, motivation)), 'submitNomination')).toEqual([['INVALID_VALUE', field]]);
      }
      expect(refusal(await expectUnchanged(ds, () => createUser({ displayName: '    ' })), 'createUser')).toEqual([['INVALID_VALUE', ['input', 'displayName']]]);
    });

    it('what is stored is the trimmed NFC form of what was sent', async () => {
      const decomposed = 'Jose\u0301 Nu\u0301n\u0303ez';
      const composed = decomposed.normalize('NFC');
      const motivation = `  ${MOTIVATION}\nSecond paragraph.\t `;
      const result = payloadOf(await submit({ fullName: `  ${decomposed}  `, position: '\u00a0Officer\u00a0' }, motivation), 'submitNomination');
      expect(result.nomination).toMatchObject({ candidateFullName: composed, candidatePosition: 'Officer', motivation: `${MOTIVATION}\nSecond paragraph.` });
      const user = payloadOf(await createUser({ displayName: ` ${decomposed} ` }), 'createUser').user;
      expect(user.displayName).toBe(composed);
    });
  });
});

async function rawPost(server: TestServer, token: string | null, body: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(server.url, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

/** An APPROVED research project and its associate, signed in, to add milestones to. */
async function researchOf(server: TestServer): Promise<{ research: string; associate: Caller }> {
  const ds = server.database.dataSource;
  const placed = await arrangeAssociate(ds, await arrangePlacementCohort(ds, { status: CohortStatus.IN_PROGRESS }), { status: AssociateStatus.ACTIVE });
  const associate = await signInAsAssociate(server, placed);
  const admin = await server.as(UserRole.ADMIN);
  const proposed = await associate.data(
    `mutation ($input: ProposeResearchInput!) { proposeResearch(input: $input) { research { id } ${USER_ERRORS} } }`,
    { input: { title: 'Risk management at land borders', abstract: 'How targeting works.', themes: ['risk management'] } },
  );
  const research = proposed.proposeResearch.research.id;
  await admin.data(`mutation ($input: ApproveResearchInput!) { approveResearch(input: $input) { ${USER_ERRORS} } }`, { input: { researchId: research } });
  return { research, associate };
}
