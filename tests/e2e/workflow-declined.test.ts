/**
 * A selected candidate who declines before the placement starts (issue 14):
 * over HTTP, from the cohort's creation to its completion. The associate
 * becomes DECLINED without an end date, frees the seat, and leaves the
 * cohort page, the associates lists and the statistics, which agree with
 * each other and with the seats; one who withdraws after starting still
 * needs an end date and still counts.
 */
import { Administration } from '../../server/src/modules/administration/administration.entity';
import { Region } from '../../server/src/modules/region/region.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { insert } from '../support/arrange';
import { yearDates } from '../support/cohort-workflow';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type Caller, type TestServer } from '../support/server';
import { expectUnchanged } from '../support/unchanged';

const LABEL = '2029-2030';
const DATES = yearDates(2029);
const CAPACITY = 3;

const ERRORS = 'userErrors { code field message }';
const CREATE = `mutation ($input: CreateCohortInput!) { createCohort(input: $input) { cohort { id } ${ERRORS} } }`;
const TRANSITION = `mutation ($input: TransitionCohortInput!) { transitionCohort(input: $input) { cohort { status } ${ERRORS} } }`;
const INVITE = `mutation ($input: InviteAdministrationsInput!) { inviteAdministrations(input: $input) { invited { id } ${ERRORS} } }`;
const NOMINATE = `mutation ($input: SubmitNominationInput!) { submitNomination(input: $input) { nomination { id } ${ERRORS} } }`;
const DECIDE = `mutation ($input: DecideNominationInput!) { decideNomination(input: $input) { nomination { status } associate { id } ${ERRORS} } }`;
const ASSIGN = `mutation ($input: AssignPlacementInput!) { assignPlacement(input: $input) { associate { status } ${ERRORS} } }`;
const COMPLETE = `mutation ($input: CompletePlacementInput!) { completePlacement(input: $input) { associate { id status endDate } ${ERRORS} } }`;
/** What a frontend shows of the cohort, its people and the programme's figures, in one request. */
const PAGE = `query ($label: String!, $cohortId: ID!, $iso2: CountryCode!) {
  cohort(label: $label) { associates(first: 10) { totalCount nodes { id status } } }
  associates(first: 10, filter: { cohortId: $cohortId }) { totalCount nodes { id } }
  declined: associates(first: 10, filter: { cohortId: $cohortId, status: DECLINED }) { totalCount nodes { id } }
  administration(iso2: $iso2) { associates(first: 100) { totalCount nodes { id } } }
  represented: administrations(filter: { iso2In: [$iso2], isRepresented: true }) { totalCount }
  programmeStatistics {
    totalAssociates administrationsRepresented
    byCohort { cohort { label } associateCount }
    byAdministration { administration { iso2 } associateCount }
  }
}`;

describeEachDatabase('a selected candidate who declines before the start', (kind) => {
  let server: TestServer;
  let admin: Caller;
  /** Each candidate's administration: eligible, never represented before, one per candidate, so its figures follow one person. */
  let iso2s: string[];
  let administrationIds: string[];
  let cohortId: string;
  const nominations: string[] = [];
  /** The associates the selections created, in the order selected. */
  const associates: string[] = [];
  let before: { totalAssociates: number; administrationsRepresented: number };

  const ok = async (document: string, input: Record<string, unknown>) => {
    const data = await admin.data(document, { input });
    const payload = Object.values(data)[0] as { userErrors: unknown[] };
    expect(payload.userErrors).toEqual([]);
    return payload as any;
  };
  const refusal = async (document: string, input: Record<string, unknown>) => {
    const data = await expectUnchanged(server.database.dataSource, () => admin.data(document, { input }));
    return (Object.values(data)[0] as { userErrors: Array<{ code: string; field: string[]; message: string }> }).userErrors;
  };
  const page = (iso2: string) => server.data(PAGE, { label: LABEL, cohortId, iso2 });
  const byAdministration = (stats: { byAdministration: Array<{ administration: { iso2: string }; associateCount: number }> }) =>
    new Map(stats.byAdministration.map((a) => [a.administration.iso2, a.associateCount]));

  /** The cohort page, the lists and the statistics all say the cohort has `ids`, and the administration of candidate `i` has its own share. */
  async function expectCounted(ids: string[], declinedIds: string[], i: number) {
    const seen = await page(iso2s[i]);
    expect(seen.cohort.associates.totalCount).toBe(ids.length);
    expect(seen.cohort.associates.nodes.map((n: { id: string }) => n.id).sort()).toEqual([...ids].sort());
    expect(seen.associates.totalCount).toBe(ids.length);
    expect(seen.associates.nodes.map((n: { id: string }) => n.id).sort()).toEqual([...ids].sort());
    expect(seen.declined).toEqual({ totalCount: declinedIds.length, nodes: declinedIds.map((id) => ({ id })) });
    const stats = seen.programmeStatistics;
    expect(stats.totalAssociates).toBe(before.totalAssociates + ids.length);
    expect(stats.administrationsRepresented).toBe(before.administrationsRepresented + ids.length);
    expect(stats.byCohort.find((c: { cohort: { label: string } }) => c.cohort.label === LABEL).associateCount).toBe(ids.length);
    const own = associates[i];
    const counted = ids.includes(own) ? 1 : 0;
    expect(byAdministration(stats).get(iso2s[i]) ?? 0).toBe(counted);
    expect(seen.administration.associates).toEqual({ totalCount: counted, nodes: counted ? [{ id: own }] : [] });
    expect(seen.represented.totalCount).toBe(counted);
  }

  beforeAll(async () => {
    server = await startTestServer(kind);
    admin = await server.as(UserRole.ADMIN);
    // Every seeded administration has sent someone: four Pacific Members join, whose figures then follow one person each.
    const region = await server.database.dataSource.getRepository(Region).findOneByOrFail({ code: 'AP' as never });
    for (const [iso2, name] of [['FJ', 'Fiji'], ['KI', 'Kiribati'], ['TO', 'Tonga'], ['VU', 'Vanuatu']]) {
      await insert(server.database.dataSource, Administration, { iso2, name, regionId: region.uuid, isEligible: true });
    }
    const { administrations } = await admin.data('{ administrations(first: 100, filter: { isEligible: true, isRepresented: false }) { nodes { id iso2 } } }');
    expect(administrations.nodes.map((a: { iso2: string }) => a.iso2)).toEqual(['FJ', 'KI', 'TO', 'VU']);
    iso2s = administrations.nodes.map((a: { iso2: string }) => a.iso2);
    administrationIds = administrations.nodes.map((a: { id: string }) => a.id);
    ({ programmeStatistics: before } = await server.data('{ programmeStatistics { totalAssociates administrationsRepresented } }'));
  });
  afterAll(() => server?.close());

  it('selects three candidates for the three seats; a fourth is COHORT_FULL and goes on RESERVE', async () => {
    cohortId = (await ok(CREATE, { label: LABEL, capacity: CAPACITY, dates: DATES })).cohort.id;
    await ok(TRANSITION, { cohortId, to: 'NOMINATIONS_OPEN' });
    await ok(INVITE, { cohortId, administrationIds });
    for (const [i, administrationId] of administrationIds.entries()) {
      const { nomination } = await ok(NOMINATE, {
        cohortId,
        administrationId,
        motivation: 'A Customs officer whose risk management work the administration wants to bring to the Secretariat.',
        candidate: { fullName: `Declining Scenario ${i + 1}`, email: `declining.${i + 1}@example.org`, position: 'Customs Officer', yearsOfService: 7, languages: ['en'] },
      });
      nominations.push(nomination.id);
    }
    await ok(TRANSITION, { cohortId, to: 'SELECTION', closeEarly: true });
    for (const nominationId of nominations) await ok(DECIDE, { nominationId, decision: 'SHORTLISTED' });
    for (const nominationId of nominations.slice(0, CAPACITY)) associates.push((await ok(DECIDE, { nominationId, decision: 'SELECTED' })).associate.id);
    expect((await refusal(DECIDE, { nominationId: nominations[3], decision: 'SELECTED' })).map((e) => e.code)).toEqual(['COHORT_FULL']);
    await ok(DECIDE, { nominationId: nominations[3], decision: 'RESERVE' });
    await expectCounted(associates, [], 0);
  });

  it('refuses an end date for the placement that never started, then makes the candidate who declines DECLINED, with no end date', async () => {
    const [declining] = associates;
    const errors = await refusal(COMPLETE, { associateId: declining, outcome: 'WITHDRAWN', endDate: DATES.startDate });
    expect(errors).toEqual([{ code: 'INVALID_VALUE', field: ['input', 'endDate'], message: 'A placement that never started has no end date; leave endDate out.' }]);
    const { associate } = await ok(COMPLETE, { associateId: declining, outcome: 'WITHDRAWN' });
    expect(associate).toEqual({ id: declining, status: 'DECLINED', endDate: null });
  });

  it('counts two associates on the cohort page, in the lists, in the statistics and for the administration; the DECLINED one only when asked for', async () => {
    await expectCounted(associates.slice(1), [associates[0]], 0);
    await expectCounted(associates.slice(1), [associates[0]], 1);
  });

  it('has a free seat again: the reserve candidate is selected within the capacity', async () => {
    associates.push((await ok(DECIDE, { nominationId: nominations[3], decision: 'SELECTED' })).associate.id);
    await expectCounted(associates.slice(1), [associates[0]], 3);
  });

  it('wants an end date from an ACTIVE associate who withdraws; one who withdrew after starting still counts, and the year completes', async () => {
    await ok(TRANSITION, { cohortId, to: 'IN_PROGRESS' });
    const placed = associates.slice(1);
    for (const associateId of placed) {
      const { associate } = await ok(ASSIGN, { associateId, directorate: 'CAPACITY_BUILDING', supervisorName: 'Supervisor', startDate: DATES.startDate, endDate: DATES.endDate });
      expect(associate.status).toBe('ACTIVE');
    }
    const [leaving, ...staying] = placed;
    const missing = await refusal(COMPLETE, { associateId: leaving, outcome: 'WITHDRAWN' });
    expect(missing.map((e) => [e.code, e.field])).toEqual([['INVALID_VALUE', ['input', 'endDate']]]);
    expect((await ok(COMPLETE, { associateId: leaving, outcome: 'WITHDRAWN', endDate: '2030-01-31' })).associate).toEqual({ id: leaving, status: 'WITHDRAWN', endDate: '2030-01-31' });
    await expectCounted(placed, [associates[0]], 1);

    expect((await refusal(TRANSITION, { cohortId, to: 'COMPLETED' })).map((e) => e.code)).toEqual(['PLACEMENTS_OPEN']);
    for (const associateId of staying) await ok(COMPLETE, { associateId, outcome: 'COMPLETED', endDate: DATES.endDate });
    // The DECLINED associate's placement never started: it keeps nothing open.
    expect((await ok(TRANSITION, { cohortId, to: 'COMPLETED' })).cohort.status).toBe('COMPLETED');
    await expectCounted(placed, [associates[0]], 2);

    const { alumniNetwork } = await server.data('query ($c: ID!) { alumniNetwork(filter: { cohortId: $c }) { nodes { id } } }', { c: cohortId });
    expect(alumniNetwork.nodes.map((n: { id: string }) => n.id).sort()).toEqual([...staying].sort());
  });
});
