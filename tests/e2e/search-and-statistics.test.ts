/**
 * searchResearch, programmeStatistics, verifyCertificate and alumniNetwork,
 * with expectations computed from the seeded history (cdp-history.json).
 */
import type { DataSource } from 'typeorm';
import history from '../../server/src/db/seed/cdp-history.json';
import { Administration } from '../../server/src/modules/administration/administration.entity';
import { Certificate } from '../../server/src/modules/certificate/certificate.entity';
import { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { Region } from '../../server/src/modules/region/region.entity';
import { ResearchStatus } from '../../server/src/modules/research/research-status';
import { insert, insertAssociateWithResearch } from '../support/arrange';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TEST_NOW, type GraphQLResponse, type TestServer } from '../support/server';

// ---------------------------------------------------------------------------
// What the seed holds, according to the data file

const ADMINISTRATION = new Map(history.administrations.map((a) => [a.iso2, a]));
const HISTORICAL = history.cohorts.filter((c) => c.countries.length > 0);
const ASSOCIATES = HISTORICAL.flatMap((c) =>
  c.countries.map((iso2) => ({ key: `${c.label}:${iso2}`, cohort: c.label, iso2, region: ADMINISTRATION.get(iso2)!.region })),
);
const REPRESENTED = new Set(ASSOCIATES.map((a) => a.iso2));
const DEMO_COHORTS = 0; // the seed's demonstration cohort belongs to the demonstration programme, not to this one

const byName = (a: string, b: string) => a.localeCompare(b);

/** n things pair up in n(n-1)/2 ways. */
const pairs = (n: number) => (n * (n - 1)) / 2;

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

const pairsWithin = (counts: Map<string, number>) => [...counts.values()].reduce((sum, n) => sum + pairs(n), 0);

/** Certificates of cohorts with a ceremony: CDP-<ceremony year>-NNN, numbered by the cohort's country order. */
const CERTIFICATES = HISTORICAL.flatMap((c) => {
  const ceremony = c.events?.find((e) => e.kind === 'CERTIFICATE_CEREMONY');
  if (!ceremony) return [];
  const year = ceremony.date.slice(0, 4);
  return c.countries.map((iso2, i) => ({ serial: `CDP-${year}-${String(i + 1).padStart(3, '0')}`, cohort: c.label, iso2 }));
});


const errorCode = (result: GraphQLResponse) => result.errors?.[0]?.extensions?.code;

// ---------------------------------------------------------------------------

describeEachDatabase('search, statistics, certificates and the alumni network', (kind) => {
  describe('searchResearch', () => {
    let server: TestServer;
    let projects: Array<{ id: string; title: string; abstract: string; themes: string[]; iso2: string }>;
    let ranking: { inTitle: string; inAbstract: string };

    const SEARCH = `query ($q: String!) { searchResearch(query: $q, first: 100) { totalCount nodes { id title } } }`;
    async function search(q: string): Promise<{ totalCount: number; ids: string[] }> {
      const data = await server.data(SEARCH, { q });
      expect(data.searchResearch.nodes).toHaveLength(data.searchResearch.totalCount);
      return { totalCount: data.searchResearch.totalCount, ids: data.searchResearch.nodes.map((n: any) => n.id) };
    }
    const idsWhere = (where: (p: (typeof projects)[number]) => boolean) => projects.filter(where).map((p) => p.id).sort();
    const rwanda = () => projects.find((p) => p.iso2 === 'RW')!;
    /** The longest word of the Rwanda project's title other than the country name. */
    const rwandaTitleWord = () =>
      rwanda()
        .title.split(/[^A-Za-z]+/)
        .filter((w) => w.length >= 6 && w !== 'Rwanda')
        .sort((a, b) => b.length - a.length)[0];

    beforeAll(async () => {
      server = await startTestServer(kind);
      ranking = await arrangeRankingPair(server.database.dataSource);
      const data = await server.data(`{ researchProjects(first: 100) { totalCount nodes { id title abstract themes associate { administration { iso2 } } } } }`);
      expect(data.researchProjects.nodes).toHaveLength(data.researchProjects.totalCount);
      projects = data.researchProjects.nodes.map((p: any) => ({ ...p, iso2: p.associate.administration.iso2 }));
    });
    afterAll(async () => server?.close());

    it('finds the projects whose abstract names a country', async () => {
      const expected = idsWhere((p) => p.iso2 === 'RW');
      expect(expected).toHaveLength(ASSOCIATES.filter((a) => a.iso2 === 'RW').length);
      expect(rwanda().abstract).toContain('Rwanda');
      for (const q of ['Rwanda', 'rwanda', 'RWANDA']) {
        expect((await search(q)).ids.sort()).toEqual(expected);
      }
    });

    it('finds a project by a word of its title', async () => {
      const word = rwandaTitleWord();
      const found = await search(word);
      expect(found.ids).toContain(rwanda().id);
      const stem = word.slice(0, 5).toLowerCase();
      for (const id of found.ids) {
        const p = projects.find((x) => x.id === id)!;
        expect(`${p.title} ${p.themes.join(' ')} ${p.abstract}`.toLowerCase()).toContain(stem);
      }
      // Every word must match: with the country the title word narrows to that one project.
      expect((await search(`${word} Rwanda`)).ids).toEqual([rwanda().id]);
    });

    it('finds every project with a theme by that theme', async () => {
      for (const theme of rwanda().themes) {
        const found = await search(theme);
        expect(found.ids).toEqual(expect.arrayContaining(idsWhere((p) => p.themes.includes(theme))));
      }
    });

    it('matches the last word as a prefix', async () => {
      expect((await search('Rwand')).ids).toEqual([rwanda().id]);
      expect((await search(`${rwandaTitleWord()} Rwan`)).ids).toEqual([rwanda().id]);
      // Only the last word is a prefix: a truncated earlier word must match whole.
      expect((await search('Rwan customs')).totalCount).toBe(0);
    });

    it('matches the last word as a prefix however much of the word has been typed', async () => {
      // "Every word must match; the last word also matches as a prefix": results must not vanish while a user types.
      const word = rwandaTitleWord().toLowerCase();
      const missed: string[] = [];
      for (let length = 4; length <= word.length; length++) {
        const prefix = word.slice(0, length);
        const found = await search(`Rwanda ${prefix}`);
        if (!found.ids.includes(rwanda().id)) missed.push(prefix);
      }
      expect(missed).toEqual([]);
    });

    it('ranks a project with the word in its title above one that only mentions it in the abstract', async () => {
      const found = await search('quokkanomics');
      expect(found.ids).toEqual([ranking.inTitle, ranking.inAbstract]);
    });

    it.each([[''], ['   '], ['!!!'], ['"*:&|!()'], ['-- ,;. ?']])('rejects the query %p with BAD_USER_INPUT', async (q) => {
      const result = await server.graphql(SEARCH, { q });
      expect(errorCode(result)).toBe('BAD_USER_INPUT');
      expect(result.data?.searchResearch ?? null).toBeNull();
    });

    it('treats full-text syntax characters as plain punctuation', async () => {
      const rwandaOnly = idsWhere((p) => p.iso2 === 'RW');
      for (const q of ['"Rwanda', 'Rwanda"', 'Rwanda*', '*Rwanda', 'Rwanda:*', '(Rwanda', 'Rwanda)', '!Rwanda', "'Rwanda'", '&Rwanda|', '^Rwanda', '-Rwanda', '\\Rwanda']) {
        const result = await server.graphql(SEARCH, { q });
        expect(result.errors).toBeUndefined();
        expect(result.data.searchResearch.nodes.map((n: any) => n.id).sort()).toEqual(rwandaOnly);
      }
      for (const q of ['Rwanda & Nepal', 'Rwanda | Nepal', 'title:Rwanda', 'Rwanda AND NOT Nepal', 'NEAR(Rwanda Nepal)', 'Rwanda OR', "O'Brien's \"risk\" (management) :* & | !"]) {
        const result = await server.graphql(SEARCH, { q });
        expect(result.errors).toBeUndefined();
        expect(typeof result.data.searchResearch.totalCount).toBe('number');
      }
    });

    it('returns nothing for a word that appears nowhere', async () => {
      expect(await search('xylophonequux')).toEqual({ totalCount: 0, ids: [] });
    });
  });

  describe('programmeStatistics, verifyCertificate and alumniNetwork', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(kind);
      await arrangeAdministrations(server.database.dataSource);
    });
    afterAll(async () => server?.close());

    describe('programmeStatistics', () => {
      let stats: any;
      beforeAll(async () => {
        const data = await server.data(`{
          programmeStatistics {
            programme { code }
            totalAssociates totalCohorts completedCohorts administrationsRepresented regionsRepresented
            byRegion { region { code } administrationCount associateCount }
            byCohort { cohort { label } associateCount }
            byAdministration { administration { iso2 name } associateCount }
            neverRepresented { iso2 name }
            topThemes { theme researchCount }
          }
        }`);
        stats = data.programmeStatistics;
      });

      it('counts associates and cohorts as the data file does', () => {
        const declared = HISTORICAL.reduce((sum, c) => sum + (c.associates ?? c.countries.length), 0);
        expect(stats.programme.code).toBe(history.programme.code);
        expect(stats.totalAssociates).toBe(ASSOCIATES.length);
        expect(stats.totalAssociates).toBe(declared);
        expect(stats.completedCohorts).toBe(history.cohorts.filter((c) => !c.status).length);
        expect(stats.totalCohorts).toBe(history.cohorts.length + DEMO_COHORTS);
        expect(stats.administrationsRepresented).toBe(REPRESENTED.size);
        expect(stats.regionsRepresented).toBe(new Set(ASSOCIATES.map((a) => a.region)).size);
      });

      it('counts per region, every region by code', () => {
        const expected = history.regions
          .map((r) => r.code)
          .sort()
          .map((code) => {
            const inRegion = ASSOCIATES.filter((a) => a.region === code);
            return { region: { code }, administrationCount: new Set(inRegion.map((a) => a.iso2)).size, associateCount: inRegion.length };
          });
        expect(stats.byRegion).toEqual(expected);
      });

      it('counts per cohort, every cohort by label', () => {
        expect(stats.byCohort.slice(0, history.cohorts.length)).toEqual(
          history.cohorts.map((c) => ({ cohort: { label: c.label }, associateCount: c.countries.length })),
        );
        expect(stats.byCohort).toHaveLength(history.cohorts.length + DEMO_COHORTS);
      });

      it('counts per administration, most associates first, then by name', () => {
        const counts = countBy(ASSOCIATES, (a) => a.iso2);
        const expected = [...counts.entries()]
          .map(([iso2, n]) => ({ administration: { iso2, name: ADMINISTRATION.get(iso2)!.name }, associateCount: n }))
          .sort((a, b) => b.associateCount - a.associateCount || byName(a.administration.name, b.administration.name));
        expect(stats.byAdministration).toEqual(expected);
      });

      it('lists eligible administrations never represented, by name', () => {
        // Every administration of the data file has been represented; the suite adds some that have not.
        const expected = [...history.administrations.map((a) => ({ ...a, isEligible: true })), ...ARRANGED_ADMINISTRATIONS]
          .filter((a) => a.isEligible && !REPRESENTED.has(a.iso2))
          .map((a) => ({ iso2: a.iso2, name: a.name }))
          .sort((a, b) => byName(a.name, b.name));
        expect(expected.length).toBeGreaterThan(0);
        expect(stats.neverRepresented).toEqual(expected);
      });

      it('lists at most ten themes, most frequent first, with their counts', async () => {
        const data = await server.data(`{ researchProjects(first: 100) { nodes { themes } } }`);
        const themes: string[] = data.researchProjects.nodes.flatMap((p: { themes: string[] }) => p.themes);
        const counts = countBy(themes, (t) => t);
        const top: Array<{ theme: string; researchCount: number }> = stats.topThemes;
        expect(top).toHaveLength(Math.min(10, counts.size));
        for (const { theme, researchCount } of top) expect(researchCount).toBe(counts.get(theme));
        for (let i = 1; i < top.length; i++) expect(top[i - 1].researchCount).toBeGreaterThanOrEqual(top[i].researchCount);
        // Every theme more frequent than the last one listed must be listed.
        const cutoff = top[top.length - 1].researchCount;
        const mustAppear = [...counts.entries()].filter(([, n]) => n > cutoff).map(([t]) => t);
        expect(top.map((t) => t.theme)).toEqual(expect.arrayContaining(mustAppear));
      });

      it('is null for an unknown programme', async () => {
        expect(await server.graphql(`{ programmeStatistics(programmeCode: "NOPE") { totalAssociates } }`)).toEqual({
          data: { programmeStatistics: null },
        });
      });
    });

    describe('verifyCertificate', () => {
      const VERIFY = `query ($serial: String!) { verifyCertificate(serial: $serial) {
        isValid reason
        certificate { serial isValid revokedAt revocationReason ceremony { kind } associate { cohort { label } administration { iso2 } } }
      } }`;
      const verify = async (serial: string) => (await server.data(VERIFY, { serial })).verifyCertificate;

      it('confirms every seeded certificate as VALID, with its associate', async () => {
        expect(CERTIFICATES.length).toBeGreaterThan(0);
        // In batches within the alias limit (15).
        const data: Record<string, unknown> = {};
        for (let start = 0; start < CERTIFICATES.length; start += 15) {
          const query = `{ ${CERTIFICATES.slice(start, start + 15).map(
            (c, i) => `c${start + i}: verifyCertificate(serial: "${c.serial}") { isValid reason certificate { serial associate { cohort { label } administration { iso2 } } } }`,
          ).join('\n')} }`;
          Object.assign(data, await server.data(query));
        }
        CERTIFICATES.forEach((c, i) => {
          expect(data[`c${i}`]).toEqual({
            isValid: true,
            reason: 'VALID',
            certificate: { serial: c.serial, associate: { cohort: { label: c.cohort }, administration: { iso2: c.iso2 } } },
          });
        });
      });

      it('verifies CDP-2024-001 with its ceremony and associate', async () => {
        const first = CERTIFICATES.find((c) => c.serial === 'CDP-2024-001')!;
        expect(await verify('CDP-2024-001')).toEqual({
          isValid: true,
          reason: 'VALID',
          certificate: {
            serial: 'CDP-2024-001',
            isValid: true,
            revokedAt: null,
            revocationReason: null,
            ceremony: { kind: 'CERTIFICATE_CEREMONY' },
            associate: { cohort: { label: first.cohort }, administration: { iso2: first.iso2 } },
          },
        });
      });

      it('accepts lower-case input with surrounding spaces', async () => {
        const result = await verify('  cdp-2024-001 ');
        expect(result).toMatchObject({ isValid: true, reason: 'VALID', certificate: { serial: 'CDP-2024-001' } });
      });

      it('answers UNKNOWN_SERIAL for a serial never issued', async () => {
        for (const serial of ['CDP-1999-001', 'CDP-2024-999', 'nonsense']) {
          expect(await verify(serial)).toEqual({ isValid: false, reason: 'UNKNOWN_SERIAL', certificate: null });
        }
      });

      it('answers REVOKED once a certificate is revoked', async () => {
        const serial = CERTIFICATES.find((c) => c.serial.startsWith('CDP-2017-'))!.serial;
        const revokedAt = new Date(TEST_NOW);
        await server.database.dataSource.getRepository(Certificate).update({ serial }, { revokedAt, revocationReason: 'Issued in error' });
        expect(await verify(serial)).toMatchObject({
          isValid: false,
          reason: 'REVOKED',
          certificate: { serial, isValid: false, revokedAt: revokedAt.toISOString(), revocationReason: 'Issued in error' },
        });
        expect(await verify(serial.toLowerCase())).toMatchObject({ isValid: false, reason: 'REVOKED' });
      });
    });

    describe('alumniNetwork', () => {
      const NETWORK = `query ($filter: AlumniFilter, $kinds: [AlumniNetworkEdgeKind!]) {
        alumniNetwork(filter: $filter, kinds: $kinds) {
          nodes { id label region administrationIso2 cohortLabel isLiaisonPoint }
          edges { source target kind }
        }
      }`;
      type NetworkNode = { id: string; region: string; administrationIso2: string; cohortLabel: string };
      type NetworkEdge = { source: string; target: string; kind: string };
      const network = async (variables: Record<string, unknown> = {}): Promise<{ nodes: NetworkNode[]; edges: NetworkEdge[] }> =>
        (await server.data(NETWORK, variables)).alumniNetwork;
      const edgesOfKind = (edges: NetworkEdge[], kind: string) => edges.filter((e) => e.kind === kind);

      const EXPECTED_EDGES = {
        SAME_COHORT: pairsWithin(countBy(ASSOCIATES, (a) => a.cohort)),
        SAME_ADMINISTRATION: pairsWithin(countBy(ASSOCIATES, (a) => a.iso2)),
        SAME_REGION: pairsWithin(countBy(ASSOCIATES, (a) => a.region)),
      };

      it('has one node per alumni profile, each a ProfessionalAssociate of the data file', async () => {
        const { nodes } = await network();
        const alumni = await server.data(`{ alumni { totalCount } }`);
        expect(nodes).toHaveLength(ASSOCIATES.length);
        expect(nodes).toHaveLength(alumni.alumni.totalCount);
        expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);
        expect(nodes.map((n) => `${n.cohortLabel}:${n.administrationIso2}`).sort()).toEqual(ASSOCIATES.map((a) => a.key).sort());
        for (const n of nodes) expect(n.region).toBe(ADMINISTRATION.get(n.administrationIso2)!.region);
        const typed = await server.data(`query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }`, { ids: nodes.map((n) => n.id) });
        expect(typed.nodes).toEqual(nodes.map((n) => ({ __typename: 'ProfessionalAssociate', id: n.id })));
      });

      it('links node ids only, with one edge per pair and kind', async () => {
        const { nodes, edges } = await network();
        const byId = new Map(nodes.map((n) => [n.id, n]));
        for (const e of edges) {
          expect(byId.has(e.source)).toBe(true);
          expect(byId.has(e.target)).toBe(true);
          expect(e.source).not.toBe(e.target);
        }
        const keys = edges.map((e) => `${e.kind}:${[e.source, e.target].sort().join('|')}`);
        expect(new Set(keys).size).toBe(edges.length);
        for (const [kind, count] of Object.entries(EXPECTED_EDGES)) expect(edgesOfKind(edges, kind)).toHaveLength(count);
        expect(edges).toHaveLength(Object.values(EXPECTED_EDGES).reduce((a, b) => a + b, 0));

        const same = (e: NetworkEdge, field: keyof NetworkNode) => byId.get(e.source)![field] === byId.get(e.target)![field];
        expect(edgesOfKind(edges, 'SAME_COHORT').every((e) => same(e, 'cohortLabel'))).toBe(true);
        expect(edgesOfKind(edges, 'SAME_ADMINISTRATION').every((e) => same(e, 'administrationIso2') && !same(e, 'cohortLabel'))).toBe(true);
        expect(edgesOfKind(edges, 'SAME_REGION').every((e) => same(e, 'region'))).toBe(true);
      });

      it('returns only the kinds of edges asked for', async () => {
        for (const kinds of [['SAME_ADMINISTRATION'], ['SAME_COHORT', 'SAME_REGION']]) {
          const { nodes, edges } = await network({ kinds });
          expect(nodes).toHaveLength(ASSOCIATES.length);
          expect(new Set(edges.map((e) => e.kind))).toEqual(new Set(kinds));
          for (const kind of kinds) expect(edgesOfKind(edges, kind)).toHaveLength(EXPECTED_EDGES[kind as keyof typeof EXPECTED_EDGES]);
        }
      });

      it('restricts nodes, and the edges between them, to a region', async () => {
        for (const regionCode of ['ESA', 'EUR']) {
          const inRegion = ASSOCIATES.filter((a) => a.region === regionCode);
          const { nodes, edges } = await network({ filter: { regionCode } });
          expect(nodes.map((n) => `${n.cohortLabel}:${n.administrationIso2}`).sort()).toEqual(inRegion.map((a) => a.key).sort());
          const ids = new Set(nodes.map((n) => n.id));
          expect(edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
          expect(edgesOfKind(edges, 'SAME_REGION')).toHaveLength(pairs(inRegion.length));
          expect(edgesOfKind(edges, 'SAME_COHORT')).toHaveLength(pairsWithin(countBy(inRegion, (a) => a.cohort)));
        }
      });
    });
  });
});

/** Administrations the seed does not have and that never sent an associate; one is not eligible. */
const ARRANGED_ADMINISTRATIONS = [
  { iso2: 'BT', name: 'Bhutan', region: 'AP', isEligible: true },
  { iso2: 'JP', name: 'Japan', region: 'AP', isEligible: false },
  { iso2: 'AL', name: 'Albania', region: 'EUR', isEligible: true },
];

async function arrangeAdministrations(ds: DataSource): Promise<void> {
  for (const a of ARRANGED_ADMINISTRATIONS) {
    const region = await ds.getRepository(Region).findOneByOrFail({ code: a.region as Region['code'] });
    await insert(ds, Administration, { iso2: a.iso2, name: a.name, regionId: region.uuid, isEligible: a.isEligible });
  }
}

/**
 * Two published projects for the ranking test: one with a made-up word in its
 * title, one that only mentions it in the abstract (inserted first, so the
 * order is not insertion order). New associates are needed because every
 * seeded associate already has a project.
 */
async function arrangeRankingPair(ds: DataSource): Promise<{ inTitle: string; inAbstract: string }> {
  const cohort = await ds.getRepository(Cohort).findOneByOrFail({ label: '2025-2026' });
  const administration = await ds.getRepository(Administration).findOneByOrFail({ iso2: 'NP' });
  const project = async (fullName: string, title: string, abstract: string) => {
    const { research: row } = await insertAssociateWithResearch(ds, {
      cohortId: cohort.uuid,
      administrationId: administration.uuid,
      fullName,
      title,
      abstract,
      status: ResearchStatus.PUBLISHED,
      publishedAt: new Date(TEST_NOW),
    });
    return Buffer.from(`ResearchProject:${row.uuid}`, 'utf8').toString('base64url');
  };
  const inAbstract = await project(
    'Ranking Sample Two',
    'Transit guarantees in regional corridors',
    'The paper compares guarantee schemes for goods in transit, among them one inspired by quokkanomics, and their cost to traders.',
  );
  const inTitle = await project(
    'Ranking Sample One',
    'Quokkanomics of transit procedures',
    'A study of how transit procedures could be simplified for goods crossing several borders.',
  );
  return { inTitle, inAbstract };
}
