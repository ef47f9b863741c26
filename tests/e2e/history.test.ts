import history from '../../server/src/db/seed/cdp-history.json';
import { UserRole } from '../../server/src/modules/user/user-role';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';

describeEachDatabase('seeded programme history over HTTP', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  it('has the 2023-2024 cohort with exactly its ten associates and its ceremony', async () => {
    const data = await server.data(`{
      cohort(label: "2023-2024") {
        label status capacity
        associates(first: 50) { totalCount nodes { administration { iso2 } isSampleData } }
        events { kind startsAt datePrecision officiantName officiantTitle }
      }
    }`);
    const cohort = data.cohort;
    expect(cohort.status).toBe('COMPLETED');
    expect(cohort.associates.totalCount).toBe(10);
    const countries = cohort.associates.nodes.map((n: any) => n.administration.iso2).sort();
    expect(countries).toEqual(['CV', 'EG', 'GT', 'IN', 'XK', 'MY', 'RW', 'WS', 'TM', 'UA'].sort());
    expect(cohort.associates.nodes.every((n: any) => n.isSampleData)).toBe(true);
    const ceremony = cohort.events.find((e: any) => e.kind === 'CERTIFICATE_CEREMONY');
    expect(ceremony).toMatchObject({
      startsAt: '2024-07-04T00:00:00.000Z',
      datePrecision: 'DAY',
      officiantName: 'Ian Saunders',
      officiantTitle: 'Secretary General',
    });
    const reporting = cohort.events.find((e: any) => e.kind === 'REPORTING_SESSION');
    expect(reporting).toMatchObject({ startsAt: '2024-06-01T00:00:00.000Z', datePrecision: 'MONTH' });
  });

  it('has every historical cohort with the countries of the data file', async () => {
    const data = await server.data(`{
      cohorts(first: 100) { nodes { label status associates(first: 100) { nodes { administration { iso2 } } } } }
    }`);
    const byLabel = new Map<string, any>(data.cohorts.nodes.map((c: any) => [c.label, c]));
    for (const cohort of history.cohorts) {
      const recorded = byLabel.get(cohort.label);
      expect(recorded).toBeDefined();
      const iso = recorded.associates.nodes.map((n: any) => n.administration.iso2).sort();
      expect(iso).toEqual([...cohort.countries].sort());
    }
  });

  it('records the 2025-2026 invitation without inventing participants or dates', async () => {
    const data = await server.data(`{ cohort(label: "2025-2026") { status capacity startDate invitationDate note associates { totalCount } events { kind } } }`);
    expect(data.cohort).toMatchObject({ status: 'NOMINATIONS_OPEN', capacity: null, startDate: null, invitationDate: null });
    expect(data.cohort.associates.totalCount).toBe(0);
    expect(data.cohort.events).toEqual([]);
    expect(data.cohort.note).toMatch(/no participants are known/);
  });

  it('opens nominations for the demonstration cohort whose deadline is the coming March, in the demonstration programme', async () => {
    const data = await server.data(
      `{ cohort(label: "2027-2028", programmeCode: "CDP-DEMO") { status capacity nominationDeadline programme { code name } invitations { totalCount nodes { administration { iso2 isEligible } } } } }`,
    );
    expect(data.cohort).toMatchObject({ status: 'NOMINATIONS_OPEN', capacity: 10, nominationDeadline: '2027-03-31' });
    expect(data.cohort.programme).toEqual({ code: 'CDP-DEMO', name: expect.stringMatching(/demonstration/) });
    expect(data.cohort.invitations.totalCount).toBeGreaterThan(0);
    expect(data.cohort.invitations.nodes.every((i: any) => i.administration.isEligible)).toBe(true);
    // The real programme has no cohort of that year: the demonstration keeps its label free.
    expect((await server.data(`{ cohort(label: "2027-2028") { id } }`)).cohort).toBeNull();
  });

  it('lets the ADMIN create the real programme\'s cohort of the demonstration cohort\'s year', async () => {
    const admin = await server.as(UserRole.ADMIN);
    const dates = {
      invitationDate: '2026-12-01', nominationDeadline: '2027-03-31', selectionDate: '2027-05-31',
      notificationDate: '2027-06-30', startDate: '2027-09-01', endDate: '2028-06-30',
    };
    const { createCohort } = await admin.data(
      `mutation ($input: CreateCohortInput!) { createCohort(input: $input) { cohort { label programme { code } } userErrors { code } } }`,
      { input: { label: '2027-2028', capacity: 10, dates } },
    );
    expect(createCohort).toEqual({ cohort: { label: '2027-2028', programme: { code: history.programme.code } }, userErrors: [] });
  });
});
