/**
 * Every field of every filter input, asserted against the seeded history
 * (cdp-history.json). Expectations are computed from the data file; where the
 * seed generates values (names, directorates, themes, liaison points) the
 * filter is checked against the unfiltered list instead.
 */
import history from '../../server/src/db/seed/cdp-history.json';
import { Administration } from '../../server/src/modules/administration/administration.entity';
import { Region } from '../../server/src/modules/region/region.entity';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TEST_NOW, type TestServer } from '../support/server';

// ---------------------------------------------------------------------------
// What the seed holds, according to the data file

interface AdministrationFact {
  iso2: string;
  name: string;
  region: string;
  isEligible: boolean;
}

/** An administration the seed does not have, arranged by the suite: not eligible, never represented, with a '%' in its name. */
const ARRANGED_ADMINISTRATION: AdministrationFact = { iso2: 'JP', name: 'Japan (100% sample)', region: 'AP', isEligible: false };

const ADMINISTRATIONS: AdministrationFact[] = [
  ...history.administrations.map((a) => ({ iso2: a.iso2, name: a.name, region: a.region, isEligible: true })),
  ARRANGED_ADMINISTRATION,
];
const REGION_OF = new Map(history.administrations.map((a) => [a.iso2, a.region]));
const REGION_CODES = history.regions.map((r) => r.code);

/** The demonstration cohort is labelled by the coming March's year (TEST_NOW is in November). */
const DEMO_YEAR = new Date(TEST_NOW).getUTCMonth() + 1 <= 3 ? new Date(TEST_NOW).getUTCFullYear() : new Date(TEST_NOW).getUTCFullYear() + 1;
const DEMO_LABEL = `${DEMO_YEAR}-${DEMO_YEAR + 1}`;

const cohortStatus = (status: string | undefined) => (status ? status.replace(/_AT_SOURCE_TIME$/, '') : 'COMPLETED');
const COHORTS = [
  ...history.cohorts.map((c) => ({ label: c.label, status: cohortStatus(c.status), programme: history.programme.code })),
  { label: DEMO_LABEL, status: 'NOMINATIONS_OPEN', programme: 'CDP-DEMO' },
];
const HISTORICAL = history.cohorts.filter((c) => c.countries.length > 0);

/** One sample associate per listed country of each cohort; key "<cohort label>:<iso2>". */
const ASSOCIATES = HISTORICAL.flatMap((c) =>
  c.countries.map((iso2) => ({ key: `${c.label}:${iso2}`, cohort: c.label, iso2, region: REGION_OF.get(iso2)! })),
);
type AssociateFact = (typeof ASSOCIATES)[number];
const REPRESENTED = new Set(ASSOCIATES.map((a) => a.iso2));

/** A partial date of the file ("2018-07") is stored as the first of the month, 00:00 UTC. */
const instant = (date: string) => new Date(`${date.length === 7 ? `${date}-01` : date}T00:00:00.000Z`).toISOString();
const EVENTS = history.cohorts.flatMap((c) =>
  (c.events ?? []).map((e) => ({ key: `${c.label}:${e.kind}`, cohort: c.label, kind: e.kind, startsAt: instant(e.date) })),
);

const sorted = (values: Iterable<string>) => [...values].sort();
const keysOf = <T extends { key: string }>(rows: T[], where: (row: T) => boolean = () => true) => sorted(rows.filter(where).map((r) => r.key));
const codesOf = (where: (a: AdministrationFact) => boolean) => sorted(ADMINISTRATIONS.filter(where).map((a) => a.iso2));

// ---------------------------------------------------------------------------

describeEachDatabase('filters of every list', (kind) => {
  let server: TestServer;
  let cohortIds: Map<string, string>;
  let regionId: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    const { dataSource } = server.database;
    const ap = await dataSource.getRepository(Region).findOneByOrFail({ code: ARRANGED_ADMINISTRATION.region as Region['code'] });
    await dataSource.getRepository(Administration).save(
      dataSource.getRepository(Administration).create({
        iso2: ARRANGED_ADMINISTRATION.iso2,
        name: ARRANGED_ADMINISTRATION.name,
        regionId: ap.uuid,
        isEligible: ARRANGED_ADMINISTRATION.isEligible,
      }),
    );
    const data = await server.data(`{ cohorts(first: 100) { nodes { id label } } regions(first: 1) { nodes { id } } }`);
    cohortIds = new Map(data.cohorts.nodes.map((c: any) => [c.label, c.id]));
    regionId = data.regions.nodes[0].id;
  });
  afterAll(async () => server?.close());

  /** One page holding every match (the seed is small), checked against totalCount. */
  async function list(field: string, filterType: string, filter: Record<string, unknown> | null, selection: string): Promise<any[]> {
    const data = await server.data(
      `query ($filter: ${filterType}) { list: ${field}(first: 100, filter: $filter) { totalCount nodes { ${selection} } } }`,
      { filter },
    );
    expect(data.list.totalCount).toBe(data.list.nodes.length);
    return data.list.nodes;
  }

  const administrations = async (filter: Record<string, unknown> | null) =>
    sorted((await list('administrations', 'AdministrationFilter', filter, 'iso2')).map((a) => a.iso2));
  const cohorts = async (filter: Record<string, unknown> | null) =>
    sorted((await list('cohorts', 'CohortFilter', filter, 'label')).map((c) => c.label));
  const associateKey = (a: any) => `${a.cohort.label}:${a.administration.iso2}`;
  const associates = async (filter: Record<string, unknown> | null) =>
    sorted((await list('associates', 'ProfessionalAssociateFilter', filter, 'cohort { label } administration { iso2 }')).map(associateKey));
  const research = async (filter: Record<string, unknown> | null) =>
    sorted(
      (await list('researchProjects', 'ResearchProjectFilter', filter, 'associate { cohort { label } administration { iso2 } }')).map((r) =>
        associateKey(r.associate),
      ),
    );
  const events = async (filter: Record<string, unknown> | null) =>
    sorted((await list('events', 'EventFilter', filter, 'kind cohort { label }')).map((e) => `${e.cohort.label}:${e.kind}`));
  const alumni = async (filter: Record<string, unknown> | null) =>
    sorted((await list('alumni', 'AlumniFilter', filter, 'associate { cohort { label } administration { iso2 } }')).map((p) => associateKey(p.associate)));

  const associateKeys = (where: (a: AssociateFact) => boolean = () => true) => keysOf(ASSOCIATES, where);

  /** A list queried with a cohortId that is a Region ID fails with INVALID_ID and returns no rows. */
  async function expectInvalidCohortId(field: string, filterType: string) {
    const result = await server.graphql(`query ($filter: ${filterType}) { list: ${field}(filter: $filter) { totalCount nodes { id } } }`, {
      filter: { cohortId: regionId },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('INVALID_ID');
    expect(result.data?.list ?? null).toBeNull();
  }

  describe('AdministrationFilter', () => {
    it('without a filter lists every administration', async () => {
      expect(await administrations(null)).toEqual(codesOf(() => true));
    });

    it('regionCode keeps the administrations of that region', async () => {
      for (const code of REGION_CODES) {
        expect(await administrations({ regionCode: code })).toEqual(codesOf((a) => a.region === code));
      }
    });

    it('isEligible keeps eligible or ineligible administrations', async () => {
      expect(await administrations({ isEligible: true })).toEqual(codesOf((a) => a.isEligible));
      expect(await administrations({ isEligible: false })).toEqual(codesOf((a) => !a.isEligible));
    });

    it('iso2In keeps the listed codes; an empty list matches nothing', async () => {
      const wanted = ['RW', 'XK', 'JP', 'VN'];
      expect(await administrations({ iso2In: wanted })).toEqual(sorted(wanted));
      expect(await administrations({ iso2In: [] })).toEqual([]);
    });

    it('iso2In accepts lower-case codes, as the CountryCode scalar and every other ISO-code argument do', async () => {
      // The scalar accepts "rw"; administration(iso2: "rw") and filter.administrationIso2: "rw" both find Rwanda.
      expect((await server.data(`{ administration(iso2: "rw") { iso2 } }`)).administration).toEqual({ iso2: 'RW' });
      expect(await administrations({ iso2In: ['rw', 'XK'] })).toEqual(['RW', 'XK']);
    });

    it('nameContains is case-insensitive', async () => {
      const contains = (text: string) => codesOf((a) => a.name.toLowerCase().includes(text.toLowerCase()));
      for (const text of ['republic', 'REPUBLIC', 'aN', 'Guinea']) {
        expect(contains(text).length).toBeGreaterThan(0);
        expect(await administrations({ nameContains: text })).toEqual(contains(text));
      }
    });

    it("nameContains takes LIKE's wildcards '%' and '_' literally", async () => {
      expect(await administrations({ nameContains: '%' })).toEqual([ARRANGED_ADMINISTRATION.iso2]);
      expect(await administrations({ nameContains: '0% S' })).toEqual([ARRANGED_ADMINISTRATION.iso2]);
      expect(await administrations({ nameContains: '_' })).toEqual([]);
      expect(await administrations({ nameContains: 'a%a' })).toEqual([]);
    });

    it('isRepresented keeps administrations that have, or have never had, an associate', async () => {
      expect(await administrations({ isRepresented: true })).toEqual(sorted(REPRESENTED));
      expect(await administrations({ isRepresented: false })).toEqual(codesOf((a) => !REPRESENTED.has(a.iso2)));
    });

    it('ANDs combined conditions', async () => {
      expect(await administrations({ regionCode: 'ESA', isRepresented: false })).toEqual(
        codesOf((a) => a.region === 'ESA' && !REPRESENTED.has(a.iso2)),
      );
      expect(await administrations({ regionCode: 'AP', isEligible: false, nameContains: 'japan' })).toEqual(['JP']);
      expect(await administrations({ iso2In: ['RW', 'TZ', 'VN'], regionCode: 'ESA', nameContains: 'tan' })).toEqual(['TZ']);
    });
  });

  describe('CohortFilter', () => {
    const labelsOf = (where: (c: (typeof COHORTS)[number]) => boolean) => sorted(COHORTS.filter(where).map((c) => c.label));

    it('programmeCode keeps the cohorts of that programme', async () => {
      expect(await cohorts({ programmeCode: history.programme.code })).toEqual(labelsOf((c) => c.programme === history.programme.code));
      expect(await cohorts({ programmeCode: 'CDP-DEMO' })).toEqual([DEMO_LABEL]);
      expect(await cohorts({ programmeCode: 'NOPE' })).toEqual([]);
    });

    it('statusIn keeps cohorts in any of the statuses', async () => {
      expect(await cohorts({ statusIn: ['COMPLETED'] })).toEqual(labelsOf((c) => c.status === 'COMPLETED'));
      expect(await cohorts({ statusIn: ['NOMINATIONS_OPEN'] })).toEqual(labelsOf((c) => c.status === 'NOMINATIONS_OPEN'));
      expect(await cohorts({ statusIn: ['COMPLETED', 'NOMINATIONS_OPEN'] })).toEqual(labelsOf(() => true));
      expect(await cohorts({ statusIn: ['CANCELLED'] })).toEqual([]);
    });

    it('labelFrom and labelTo are inclusive bounds', async () => {
      expect(await cohorts({ labelFrom: '2016-2017' })).toEqual(labelsOf((c) => c.label >= '2016-2017'));
      expect(await cohorts({ labelTo: '2020-2021' })).toEqual(labelsOf((c) => c.label <= '2020-2021'));
      expect(await cohorts({ labelFrom: '2016-2017', labelTo: '2020-2021' })).toEqual(
        labelsOf((c) => c.label >= '2016-2017' && c.label <= '2020-2021'),
      );
    });

    it('ANDs combined conditions', async () => {
      expect(await cohorts({ programmeCode: history.programme.code, statusIn: ['COMPLETED'], labelFrom: '2019-2020' })).toEqual(
        labelsOf((c) => c.status === 'COMPLETED' && c.label >= '2019-2020'),
      );
      expect(await cohorts({ programmeCode: 'NOPE', statusIn: ['COMPLETED'] })).toEqual([]);
    });
  });

  describe('ProfessionalAssociateFilter', () => {
    it('cohortId keeps the associates of that cohort', async () => {
      for (const c of history.cohorts) {
        expect(await associates({ cohortId: cohortIds.get(c.label) })).toEqual(associateKeys((a) => a.cohort === c.label));
      }
    });

    it('administrationIso2 keeps the associates of that administration', async () => {
      for (const iso2 of ['AO', 'BD', 'RW', 'XK', 'JP']) {
        expect(await associates({ administrationIso2: iso2 })).toEqual(associateKeys((a) => a.iso2 === iso2));
      }
    });

    it('administrationIso2 accepts a lower-case code', async () => {
      expect(await associates({ administrationIso2: 'ao' })).toEqual(associateKeys((a) => a.iso2 === 'AO'));
      expect(await research({ administrationIso2: 'ao' })).toEqual(associateKeys((a) => a.iso2 === 'AO'));
      expect(await alumni({ administrationIso2: 'ao' })).toEqual(associateKeys((a) => a.iso2 === 'AO'));
    });

    it('regionCode keeps the associates from administrations of that region', async () => {
      for (const code of REGION_CODES) {
        expect(await associates({ regionCode: code })).toEqual(associateKeys((a) => a.region === code));
      }
    });

    it('status keeps associates whose placement is in that state', async () => {
      // Every historical placement is completed.
      expect(await associates({ status: 'COMPLETED' })).toEqual(associateKeys());
      expect(await associates({ status: 'ACTIVE' })).toEqual([]);
    });

    it('directorate keeps associates placed there', async () => {
      const all = await list('associates', 'ProfessionalAssociateFilter', null, 'directorate cohort { label } administration { iso2 }');
      const directorates = new Set(all.map((a) => a.directorate));
      expect(directorates.size).toBeGreaterThan(1);
      let total = 0;
      for (const directorate of directorates) {
        const found = await associates({ directorate });
        expect(found).toEqual(sorted(all.filter((a) => a.directorate === directorate).map(associateKey)));
        total += found.length;
      }
      expect(total).toBe(ASSOCIATES.length);
    });

    it('nameContains is case-insensitive and takes % literally', async () => {
      const all = await list('associates', 'ProfessionalAssociateFilter', null, 'fullName cohort { label } administration { iso2 }');
      const fragment = all[0].fullName.slice(1, 4);
      const expected = sorted(all.filter((a) => a.fullName.toLowerCase().includes(fragment.toLowerCase())).map(associateKey));
      expect(await associates({ nameContains: fragment.toUpperCase() })).toEqual(expected);
      expect(await associates({ nameContains: fragment.toLowerCase() })).toEqual(expected);
      expect(await associates({ nameContains: '%' })).toEqual([]);
    });

    it('ANDs combined conditions', async () => {
      const cohort = '2019-2020';
      expect(await associates({ cohortId: cohortIds.get(cohort), regionCode: 'ESA' })).toEqual(
        associateKeys((a) => a.cohort === cohort && a.region === 'ESA'),
      );
      expect(await associates({ cohortId: cohortIds.get(cohort), administrationIso2: 'AO', status: 'COMPLETED' })).toEqual([`${cohort}:AO`]);
      expect(await associates({ administrationIso2: 'AO', regionCode: 'EUR' })).toEqual([]);
    });

    it('rejects a cohortId that is not a Cohort ID with INVALID_ID', async () => {
      await expectInvalidCohortId('associates', 'ProfessionalAssociateFilter');
    });
  });

  describe('ResearchProjectFilter', () => {
    it('statusIn keeps projects in those statuses; anonymous callers see published ones only', async () => {
      expect(await research({ statusIn: ['PUBLISHED'] })).toEqual(associateKeys());
      expect(await research({ statusIn: ['IN_PROGRESS', 'PROPOSED', 'APPROVED'] })).toEqual([]);
    });

    it('theme keeps projects with that theme, case-insensitively', async () => {
      const all = await list('researchProjects', 'ResearchProjectFilter', null, 'themes associate { cohort { label } administration { iso2 } }');
      const counts = new Map<string, number>();
      for (const p of all) for (const t of p.themes) counts.set(t, (counts.get(t) ?? 0) + 1);
      const [theme] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
      const expected = sorted(all.filter((p) => p.themes.includes(theme)).map((p) => associateKey(p.associate)));
      expect(expected.length).toBeGreaterThan(1);
      expect(await research({ theme })).toEqual(expected);
      expect(await research({ theme: theme.toUpperCase() })).toEqual(expected);
      expect(await research({ theme: 'no such theme' })).toEqual([]);
    });

    it('cohortId, administrationIso2 and regionCode narrow by the associate', async () => {
      for (const c of HISTORICAL) {
        expect(await research({ cohortId: cohortIds.get(c.label) })).toEqual(associateKeys((a) => a.cohort === c.label));
      }
      expect(await research({ cohortId: cohortIds.get(DEMO_LABEL) })).toEqual([]);
      for (const iso2 of ['AO', 'EG', 'RW']) {
        expect(await research({ administrationIso2: iso2 })).toEqual(associateKeys((a) => a.iso2 === iso2));
      }
      for (const code of REGION_CODES) {
        expect(await research({ regionCode: code })).toEqual(associateKeys((a) => a.region === code));
      }
    });

    it('ANDs combined conditions', async () => {
      const cohort = '2023-2024';
      expect(await research({ cohortId: cohortIds.get(cohort), regionCode: 'EUR', statusIn: ['PUBLISHED'] })).toEqual(
        associateKeys((a) => a.cohort === cohort && a.region === 'EUR'),
      );
      expect(await research({ cohortId: cohortIds.get(cohort), administrationIso2: 'AO' })).toEqual([]);
      expect(await research({ regionCode: 'ESA', statusIn: ['IN_PROGRESS'] })).toEqual([]);
    });

    it('rejects a cohortId that is not a Cohort ID with INVALID_ID', async () => {
      await expectInvalidCohortId('researchProjects', 'ResearchProjectFilter');
    });
  });

  describe('EventFilter', () => {
    it('without a filter lists every event of the data file', async () => {
      expect(await events(null)).toEqual(keysOf(EVENTS));
    });

    it('kindIn keeps events of those kinds', async () => {
      for (const kinds of [['CERTIFICATE_CEREMONY'], ['COMMENCEMENT', 'REPORTING_SESSION'], ['WORKSHOP']]) {
        expect(await events({ kindIn: kinds })).toEqual(keysOf(EVENTS, (e) => kinds.includes(e.kind)));
      }
    });

    it('cohortId keeps the events of that cohort', async () => {
      for (const c of history.cohorts) {
        expect(await events({ cohortId: cohortIds.get(c.label) })).toEqual(keysOf(EVENTS, (e) => e.cohort === c.label));
      }
    });

    it('startsFrom is inclusive and startsBefore exclusive', async () => {
      const ceremony = EVENTS.find((e) => e.key === '2023-2024:CERTIFICATE_CEREMONY')!;
      expect(await events({ startsFrom: ceremony.startsAt })).toEqual(keysOf(EVENTS, (e) => e.startsAt >= ceremony.startsAt));
      expect(await events({ startsBefore: ceremony.startsAt })).toEqual(keysOf(EVENTS, (e) => e.startsAt < ceremony.startsAt));
      expect(await events({ startsFrom: ceremony.startsAt })).toContain(ceremony.key);
      expect(await events({ startsBefore: ceremony.startsAt })).not.toContain(ceremony.key);
      const from = '2016-01-01T00:00:00.000Z';
      const before = '2020-01-01T00:00:00.000Z';
      expect(await events({ startsFrom: from, startsBefore: before })).toEqual(
        keysOf(EVENTS, (e) => e.startsAt >= from && e.startsAt < before),
      );
    });

    it('ANDs combined conditions', async () => {
      const from = '2017-01-01T00:00:00.000Z';
      const expected = keysOf(EVENTS, (e) => e.kind === 'CERTIFICATE_CEREMONY' && e.startsAt >= from && e.startsAt < '2021-01-01T00:00:00.000Z');
      expect(expected.length).toBeGreaterThan(1);
      expect(await events({ kindIn: ['CERTIFICATE_CEREMONY'], startsFrom: from, startsBefore: '2021-01-01T00:00:00.000Z' })).toEqual(expected);
      expect(await events({ kindIn: ['COMMENCEMENT'], cohortId: cohortIds.get('2017-2018') })).toEqual(['2017-2018:COMMENCEMENT']);
      expect(await events({ kindIn: ['COMMENCEMENT'], cohortId: cohortIds.get('2023-2024') })).toEqual([]);
    });

    it('rejects a cohortId that is not a Cohort ID with INVALID_ID', async () => {
      await expectInvalidCohortId('events', 'EventFilter');
    });
  });

  describe('AlumniFilter', () => {
    it('without a filter lists one profile per historical associate', async () => {
      expect(await alumni(null)).toEqual(associateKeys());
    });

    it('isLiaisonPoint splits the alumni into liaison points and the others', async () => {
      const all = await list('alumni', 'AlumniFilter', null, 'isLiaisonPoint associate { cohort { label } administration { iso2 } }');
      const liaison = sorted(all.filter((p) => p.isLiaisonPoint).map((p) => associateKey(p.associate)));
      const others = sorted(all.filter((p) => !p.isLiaisonPoint).map((p) => associateKey(p.associate)));
      expect(liaison.length).toBeGreaterThan(0);
      expect(others.length).toBeGreaterThan(0);
      expect(await alumni({ isLiaisonPoint: true })).toEqual(liaison);
      expect(await alumni({ isLiaisonPoint: false })).toEqual(others);
    });

    it('cohortId, administrationIso2 and regionCode narrow by the associate', async () => {
      for (const c of history.cohorts) {
        expect(await alumni({ cohortId: cohortIds.get(c.label) })).toEqual(associateKeys((a) => a.cohort === c.label));
      }
      for (const iso2 of ['AO', 'TH', 'JP']) {
        expect(await alumni({ administrationIso2: iso2 })).toEqual(associateKeys((a) => a.iso2 === iso2));
      }
      for (const code of REGION_CODES) {
        expect(await alumni({ regionCode: code })).toEqual(associateKeys((a) => a.region === code));
      }
    });

    it('ANDs combined conditions', async () => {
      const all = await list('alumni', 'AlumniFilter', null, 'isLiaisonPoint associate { cohort { label } administration { iso2 } region { code } }');
      const cohort = '2016-2017';
      const expected = sorted(
        all
          .filter((p) => p.isLiaisonPoint && p.associate.cohort.label === cohort && p.associate.region.code === 'WCA')
          .map((p) => associateKey(p.associate)),
      );
      expect(await alumni({ isLiaisonPoint: true, cohortId: cohortIds.get(cohort), regionCode: 'WCA' })).toEqual(expected);
      expect(await alumni({ cohortId: cohortIds.get(cohort), administrationIso2: 'AO', regionCode: 'ESA' })).toEqual([`${cohort}:AO`]);
      expect(await alumni({ administrationIso2: 'AO', regionCode: 'WCA' })).toEqual([]);
    });

    it('rejects a cohortId that is not a Cohort ID with INVALID_ID', async () => {
      await expectInvalidCohortId('alumni', 'AlumniFilter');
    });
  });
});
