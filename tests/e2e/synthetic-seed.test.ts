import 'reflect-metadata';
import { fixedClock } from '../../server/src/common/clock';
import { PROGRAMME_COPY } from '../../server/src/db/seed/synthetic/copy-plan';
import { synthesize } from '../../server/src/db/seed/synthetic/synthesize';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TEST_NOW, type TestServer } from '../support/server';

/** Every table the generator copies (the search index tables hold one row per project on both databases). */
const COPIED = [
  'programme', 'cohort', 'event', 'invitation', 'nomination', 'professional_associate',
  'research_project', 'research_theme', 'milestone', 'certificate', 'alumni_profile', 'alumni_activity', 'research_search',
];

const clock = fixedClock(TEST_NOW);

describeEachDatabase('synthetic generator (seed:synthetic)', (kind) => {
  let server: TestServer;
  let seeded: Record<string, number>;
  /** The rows of the programme that is copied (the demonstration programme, also seeded, is not). */
  let copied: Record<string, number>;
  let seededMatches: number;
  let seededPrefixMatches: number;

  const query = async <T>(sql: string): Promise<T[]> => server.database.dataSource.query(sql);
  const counts = async () =>
    Object.fromEntries(
      await Promise.all(COPIED.map(async (t) => [t, Number((await query<{ n: number }>(`SELECT COUNT(*) AS n FROM "${t}"`))[0].n)] as const)),
    );
  const searchMatches = async () =>
    (await server.data<{ searchResearch: { totalCount: number } }>('{ searchResearch(query: "valuation", first: 1) { totalCount } }')).searchResearch
      .totalCount;
  const prefixMatches = async () =>
    (await server.data<{ searchResearch: { totalCount: number } }>('{ searchResearch(query: "customs valua", first: 1) { totalCount } }')).searchResearch
      .totalCount;

  const programmeCounts = async () => {
    const [{ id }] = await query<{ id: string }>(`SELECT "id" FROM "programme" WHERE "code" = 'WCO-JAPAN-CDP'`);
    return Object.fromEntries(
      await Promise.all(
        COPIED.map(async (table) => {
          const { where } = PROGRAMME_COPY.find((c) => c.table === table)!;
          const [{ n }] = await query<{ n: number }>(`SELECT COUNT(*) AS n FROM "${table}" t WHERE ${where.replaceAll(':programme', `'${id}'`)}`);
          return [table, Number(n)] as const;
        }),
      ),
    );
  };

  beforeAll(async () => {
    server = await startTestServer(kind);
    seeded = await counts();
    copied = await programmeCounts();
    seededMatches = await searchMatches();
    seededPrefixMatches = await prefixMatches();
    expect(await synthesize(server.database.dataSource, { scale: 2, clock })).toMatchObject({ scale: 2, present: 0, added: 2 });
  });
  afterAll(() => server?.close());

  it('adds a copy of every row of the programme per copy', async () => {
    const after = await counts();
    for (const table of COPIED) expect([table, after[table]]).toEqual([table, seeded[table] + 2 * copied[table]]);
    expect(copied.professional_associate).toBe(64);
    expect(copied.cohort).toBe(seeded.cohort - 1);
  });

  it('keeps unique values unique and every reference inside its own copy', async () => {
    const [serials] = await query<{ n: number; distinct: number }>(`SELECT COUNT(*) AS n, COUNT(DISTINCT "serial") AS "distinct" FROM "certificate"`);
    expect(Number(serials.distinct)).toBe(Number(serials.n));
    const codes = (await query<{ code: string }>(`SELECT "code" FROM "programme" ORDER BY "code"`)).map((r) => r.code);
    expect(codes).toEqual(['CDP-DEMO', 'CDP-SYN-0001', 'CDP-SYN-0002', 'WCO-JAPAN-CDP']);
    // A certificate's ceremony and a project's presentation belong to the programme of the associate's cohort.
    const [crossed] = await query<{ n: number }>(`
      SELECT COUNT(*) AS n FROM "certificate" c
      JOIN "professional_associate" a ON a."id" = c."associateId"
      JOIN "cohort" k ON k."id" = a."cohortId"
      JOIN "event" e ON e."id" = c."ceremonyId"
      WHERE e."programmeId" <> k."programmeId"`);
    expect(Number(crossed.n)).toBe(0);
    const [orphans] = await query<{ n: number }>(`
      SELECT COUNT(*) AS n FROM "research_search" s LEFT JOIN "research_project" r ON r."id" = s."researchProjectId" WHERE r."id" IS NULL`);
    expect(Number(orphans.n)).toBe(0);
  });

  it('serves the copies through the API: cohorts with generated names, and search finds the copied projects', async () => {
    const page = (code: string) =>
      server.data<{ cohort: { associates: { totalCount: number; nodes: Array<{ fullName: string; certificates: Array<{ serial: string }> }> } } }>(
        `query($code: String!) { cohort(label: "2023-2024", programmeCode: $code) { associates(first: 20) { totalCount nodes { fullName certificates { serial } } } } }`,
        { code },
      );
    const [original, copy] = [await page('WCO-JAPAN-CDP'), await page('CDP-SYN-0002')];
    expect(copy.cohort.associates.totalCount).toBe(original.cohort.associates.totalCount);
    expect(copy.cohort.associates.nodes.flatMap((a) => a.certificates.map((c) => c.serial))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^CDP-\d{4}-\d{3}-S0002$/)]),
    );
    expect(copy.cohort.associates.nodes.map((a) => a.fullName)).not.toEqual(original.cohort.associates.nodes.map((a) => a.fullName));
    expect(seededMatches).toBeGreaterThan(0);
    expect(await searchMatches()).toBe(3 * seededMatches);
  });

  it('indexes the copies whole: a prefix after another word finds every copy; on SQLite each project keeps one rowid in every search table', async () => {
    expect(seededPrefixMatches).toBeGreaterThan(0);
    expect(await prefixMatches()).toBe(3 * seededPrefixMatches);
    if (kind.name !== 'sqlite') return;
    const [apart] = await query<{ n: number }>(`
      SELECT COUNT(*) AS n FROM "research_search" s
      LEFT JOIN "research_search_key" k ON k."rowid" = s."rowid" AND k."researchProjectId" = s."researchProjectId"
      LEFT JOIN "research_search_words" w ON w."rowid" = s."rowid" AND w."researchProjectId" = s."researchProjectId"
      WHERE k."rowid" IS NULL OR w."rowid" IS NULL`);
    expect(Number(apart.n)).toBe(0);
    const [keys] = await query<{ n: number }>(`SELECT COUNT(*) AS n FROM "research_search_key"`);
    expect(Number(keys.n)).toBe(seeded.research_search + 2 * copied.research_search);
  });

  it('is idempotent: the same scale adds nothing, a larger one only the missing copies', async () => {
    const before = await counts();
    expect(await synthesize(server.database.dataSource, { scale: 2, clock })).toEqual({ scale: 2, present: 2, added: 0, rows: 0 });
    expect(await counts()).toEqual(before);
    expect(await synthesize(server.database.dataSource, { scale: 3, clock })).toMatchObject({ present: 2, added: 1 });
    const after = await counts();
    for (const table of COPIED) expect([table, after[table]]).toEqual([table, seeded[table] + 3 * copied[table]]);
    const [audits] = await query<{ n: number }>(`SELECT COUNT(*) AS n FROM "audit_entry" WHERE "operation" = 'seed:synthetic'`);
    expect(Number(audits.n)).toBe(2);
  });
});
