/**
 * Relay pagination of every connection in the schema, root and nested, over
 * real HTTP: each ordering in both directions is walked forwards (first/after)
 * and backwards (last/before) in pages of 3 and compared with the whole list
 * fetched in one page. Argument validation, the default page size and cursor
 * stability across inserts are checked once on a root and a nested connection.
 */
import { In, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { Administration } from '../../server/src/modules/administration/administration.entity';
import { AlumniProfile } from '../../server/src/modules/alumni/alumni-profile.entity';
import { ProfessionalAssociate } from '../../server/src/modules/associate/associate.entity';
import { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { ResearchProject } from '../../server/src/modules/research/research-project.entity';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type GraphQLResponse, type TestServer } from '../support/server';

// ---------------------------------------------------------------------------
// Types and GraphQL documents

type Direction = 'ASC' | 'DESC';
type Node = { id: string } & Record<string, unknown>;
interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
interface Connection {
  totalCount: number;
  pageInfo: PageInfo;
  edges: Array<{ cursor: string; node: Node }>;
}
interface PageArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
  orderBy?: { field: string; direction: Direction };
}

/** Where an ordering's value comes from: a field selected on the node, or a column read from the database. */
type SortValue = { field: string } | { entity: EntityTarget<ObjectLiteral>; column: 'createdAt' | 'updatedAt' };

interface Target {
  name: string;
  /** A document taking $first $after $last $before (and $orderBy, $id, $query where relevant), aliasing the connection as `conn`. */
  query: string;
  pick: (data: any) => Connection;
  /** Fixed variables such as the parent's id, resolved once the server runs. */
  vars?: () => Record<string, unknown>;
}

interface Case extends Target {
  /** The seeded size of the list; undefined when checked elsewhere (search). */
  total?: number;
  /** Order fields with how to read their values; empty for connections without orderBy. */
  orders: Record<string, SortValue>;
  /** The ordering documented for an omitted orderBy. */
  defaultOrder?: { field: string; direction: Direction };
  /** Walk page size when 3 would fetch the whole list in one page. */
  pageSize?: number;
}

const PAGE_SIZE = 3;
const PAGE_VARS = '$first: Int, $after: String, $last: Int, $before: String';
const PAGE_ARGS = 'first: $first, after: $after, last: $last, before: $before';
const selection = (nodeFields: string) =>
  `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id ${nodeFields} } }`;

/** `query { conn: <field>(...) }` for a root connection. */
function root(name: string, field: string, nodeFields: string, orderType?: string, extra = { vars: '', args: '' }): Target {
  const vars = [PAGE_VARS, orderType && `$orderBy: ${orderType}`, extra.vars].filter(Boolean).join(', ');
  const args = [PAGE_ARGS, orderType && 'orderBy: $orderBy', extra.args].filter(Boolean).join(', ');
  return { name, query: `query(${vars}) { conn: ${field}(${args}) { ${selection(nodeFields)} } }`, pick: (d) => d.conn };
}

/** `node(id: $id) { ... on <Parent> { conn: <field>(...) } }` for a nested connection under one parent. */
function nested(name: string, parentType: string, field: string, nodeFields: string, orderType: string, parentId: () => string): Target {
  return {
    name,
    query: `query($id: ID!, ${PAGE_VARS}, $orderBy: ${orderType}) {
      node(id: $id) { ... on ${parentType} { conn: ${field}(${PAGE_ARGS}, orderBy: $orderBy) { ${selection(nodeFields)} } } }
    }`,
    pick: (d) => d.node.conn,
    vars: () => ({ id: parentId() }),
  };
}

const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];
const ids = (edges: Connection['edges']) => edges.map((e) => e.node.id);
/** The decoded id plus the selected values, so that a failing comparison reads e.g. "Cohort:91ae… 2016-2017". */
const labels = (edges: Connection['edges']) =>
  edges.map(({ node: { id, ...fields } }) => [Buffer.from(id, 'base64url').toString('utf8'), ...Object.values(fields)].join(' '));

// ---------------------------------------------------------------------------
// The table

/** Global ids of the parents of the nested connections, looked up after seeding. */
const parents: Record<string, string> = {};
const parent = (key: string) => () => parents[key];

const created = (entity: EntityTarget<ObjectLiteral>): SortValue => ({ entity, column: 'createdAt' });

const CASES: Case[] = [
  {
    ...root('regions', 'regions', 'code name', 'RegionOrder'),
    total: 6,
    orders: { CODE: { field: 'code' }, NAME: { field: 'name' } },
    defaultOrder: { field: 'CODE', direction: 'ASC' },
  },
  {
    ...root('administrations', 'administrations', 'name iso2', 'AdministrationOrder'),
    total: 53,
    orders: { NAME: { field: 'name' }, ISO2: { field: 'iso2' } },
    defaultOrder: { field: 'NAME', direction: 'ASC' },
  },
  {
    ...root('programmes', 'programmes', 'code name launchedYear', 'ProgrammeOrder'),
    // The programme and the seed's demonstration programme.
    total: 2,
    orders: { CODE: { field: 'code' }, NAME: { field: 'name' }, LAUNCHED_YEAR: { field: 'launchedYear' } },
    defaultOrder: { field: 'CODE', direction: 'ASC' },
  },
  {
    ...root('cohorts', 'cohorts', 'label', 'CohortOrder'),
    total: 9,
    orders: { LABEL: { field: 'label' }, CREATED_AT: created(Cohort) },
    defaultOrder: { field: 'LABEL', direction: 'ASC' },
  },
  {
    ...root('associates', 'associates', 'fullName', 'ProfessionalAssociateOrder'),
    total: 64,
    orders: { FULL_NAME: { field: 'fullName' }, CREATED_AT: created(ProfessionalAssociate) },
    defaultOrder: { field: 'FULL_NAME', direction: 'ASC' },
  },
  {
    ...root('researchProjects', 'researchProjects', 'title', 'ResearchProjectOrder'),
    total: 64,
    orders: { TITLE: { field: 'title' }, CREATED_AT: created(ResearchProject) },
    defaultOrder: { field: 'TITLE', direction: 'ASC' },
  },
  {
    ...root('searchResearch("customs")', 'searchResearch', 'title', undefined, { vars: '$query: String!', args: 'query: $query' }),
    vars: () => ({ query: 'customs' }),
    orders: {},
  },
  {
    ...root('events', 'events', 'title startsAt', 'EventOrder'),
    total: 14,
    orders: { STARTS_AT: { field: 'startsAt' }, TITLE: { field: 'title' } },
    defaultOrder: { field: 'STARTS_AT', direction: 'ASC' },
  },
  {
    ...root('alumni', 'alumni', '', 'AlumniProfileOrder'),
    total: 64,
    orders: { CREATED_AT: created(AlumniProfile), UPDATED_AT: { entity: AlumniProfile, column: 'updatedAt' } },
    defaultOrder: { field: 'CREATED_AT', direction: 'ASC' },
  },
  {
    ...nested('Region(AP).administrations', 'Region', 'administrations', 'name iso2', 'AdministrationOrder', parent('region')),
    total: 14,
    orders: { NAME: { field: 'name' }, ISO2: { field: 'iso2' } },
    defaultOrder: { field: 'NAME', direction: 'ASC' },
  },
  {
    ...nested('Administration(BD).associates', 'Administration', 'associates', 'fullName', 'ProfessionalAssociateOrder', parent('administration')),
    total: 3,
    pageSize: 2,
    orders: { FULL_NAME: { field: 'fullName' }, CREATED_AT: created(ProfessionalAssociate) },
    defaultOrder: { field: 'FULL_NAME', direction: 'ASC' },
  },
  {
    ...nested('Programme.cohorts', 'Programme', 'cohorts', 'label', 'CohortOrder', parent('programme')),
    // The demonstration cohort belongs to the demonstration programme.
    total: 8,
    orders: { LABEL: { field: 'label' }, CREATED_AT: created(Cohort) },
    defaultOrder: { field: 'LABEL', direction: 'ASC' },
  },
  {
    ...nested('Cohort(2016-2017).associates', 'Cohort', 'associates', 'fullName', 'ProfessionalAssociateOrder', parent('cohort2016')),
    total: 10,
    orders: { FULL_NAME: { field: 'fullName' }, CREATED_AT: created(ProfessionalAssociate) },
    defaultOrder: { field: 'FULL_NAME', direction: 'ASC' },
  },
  {
    ...nested('Cohort(2027-2028).invitations', 'Cohort', 'invitations', 'sentAt', 'InvitationOrder', parent('cohort2027')),
    total: 6,
    orders: { SENT_AT: { field: 'sentAt' } },
    defaultOrder: { field: 'SENT_AT', direction: 'ASC' },
  },
  {
    ...nested('AlumniProfile.activities', 'AlumniProfile', 'activities', 'date', 'AlumniActivityOrder', parent('alumniProfile')),
    total: 0,
    orders: { DATE: { field: 'date' } },
    defaultOrder: { field: 'DATE', direction: 'DESC' },
  },
];

/** Each case once per ordering and direction; search (no orderBy) once with none. */
const WALKS = CASES.flatMap((c): Array<{ c: Case; orderBy: PageArgs['orderBy']; title: string }> => {
  const fields = Object.keys(c.orders);
  if (!fields.length) return [{ c, orderBy: undefined, title: c.name }];
  return fields.flatMap((field) =>
    (['ASC', 'DESC'] as const).map((direction) => ({ c, orderBy: { field, direction }, title: `${c.name} by ${field} ${direction}` })),
  );
});

// ---------------------------------------------------------------------------

describeEachDatabase('pagination', (kind) => {
  let server: TestServer;

  const fetchPage = async (t: Target, args: PageArgs): Promise<Connection> =>
    t.pick(await server.data(t.query, { ...t.vars?.(), ...args }));
  const request = (t: Target, args: PageArgs): Promise<GraphQLResponse> => server.graphql(t.query, { ...t.vars?.(), ...args });

  /** The whole list in one page. */
  const reference = (t: Target, orderBy?: PageArgs['orderBy']) => fetchPage(t, { first: 100, orderBy });

  /** Pages of `first: 3`, each after the previous endCursor, until hasNextPage is false. */
  async function walkForward(t: Target, orderBy: PageArgs['orderBy'], expectedLength: number, after: string | null = null, size = PAGE_SIZE) {
    const pages: Connection[] = [];
    for (;;) {
      const page = await fetchPage(t, { first: size, after, orderBy });
      pages.push(page);
      if (!page.pageInfo.hasNextPage) return pages;
      if (pages.length > expectedLength / size + 2) return pages; // runaway walk: the comparison with the reference shows the repeats
      after = page.pageInfo.endCursor;
    }
  }

  /** Pages of `last: 3`, each before the previous startCursor, until hasPreviousPage is false; in walk order (last page first). */
  async function walkBackward(t: Target, orderBy: PageArgs['orderBy'], expectedLength: number, size = PAGE_SIZE) {
    const pages: Connection[] = [];
    let before: string | null = null;
    for (;;) {
      const page = await fetchPage(t, { last: size, before, orderBy });
      pages.push(page);
      if (!page.pageInfo.hasPreviousPage) return pages;
      if (pages.length > expectedLength / size + 2) return pages; // runaway walk: the comparison with the reference shows the repeats
      before = page.pageInfo.startCursor;
    }
  }

  /** The values of the ordering's field, in reference order. */
  async function sortValues(conn: Connection, sort: SortValue): Promise<Array<string | number>> {
    if ('field' in sort) return conn.edges.map((e) => e.node[sort.field] as string | number);
    const uuids = conn.edges.map((e) => uuidOf(e.node.id));
    const rows = await server.database.dataSource.getRepository(sort.entity).findBy({ uuid: In(uuids) });
    const byId = new Map(rows.map((r) => [r.uuid as string, (r[sort.column] as Date).getTime()]));
    return uuids.map((u) => byId.get(u) as number);
  }

  function expectCursorsMatchEdges(page: Connection) {
    expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
    expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1]?.cursor ?? null);
  }

  beforeAll(async () => {
    server = await startTestServer(kind);
    const data = await server.data(`{
      regions { nodes { id code } }
      administration(iso2: "BD") { id }
      programme(code: "WCO-JAPAN-CDP") { id }
      cohort2016: cohort(label: "2016-2017") { id }
      cohort2027: cohort(label: "2027-2028", programmeCode: "CDP-DEMO") { id }
      alumni(first: 1) { nodes { id } }
    }`);
    parents.region = data.regions.nodes.find((r: { code: string }) => r.code === 'AP').id;
    parents.administration = data.administration.id;
    parents.programme = data.programme.id;
    parents.cohort2016 = data.cohort2016.id;
    parents.cohort2027 = data.cohort2027.id;
    parents.alumniProfile = data.alumni.nodes[0].id;
  });
  afterAll(async () => server?.close());

  describe.each(WALKS)('$title', ({ c, orderBy }) => {
    it('returns everything in one page, sorted, with totalCount equal to its length', async () => {
      const ref = await reference(c, orderBy);
      expect(ref.totalCount).toBe(ref.edges.length);
      if (c.total !== undefined) expect(ref.edges.length).toBe(c.total);
      expect(new Set(ids(ref.edges)).size).toBe(ref.edges.length);
      expect(ref.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
      expectCursorsMatchEdges(ref);
      if (!orderBy) return;
      const values = await sortValues(ref, c.orders[orderBy.field]);
      expect(values.every((v) => v !== undefined && v !== null)).toBe(true);
      const outOfOrder = values.flatMap((v, i) =>
        i > 0 && (orderBy.direction === 'ASC' ? values[i - 1] > v : values[i - 1] < v) ? [[values[i - 1], v]] : [],
      );
      expect(outOfOrder).toEqual([]);
    });

    it('walks forwards with first/after through every item exactly once', async () => {
      const ref = await reference(c, orderBy);
      const pages = await walkForward(c, orderBy, ref.edges.length, null, c.pageSize);
      expect(pages.flatMap((p) => labels(p.edges))).toEqual(labels(ref.edges));
      expect(pages.map((p) => p.pageInfo.hasPreviousPage)).toEqual(pages.map((_, i) => i > 0));
      expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual(pages.map((_, i) => i < pages.length - 1));
      expect(pages.slice(0, -1).every((p) => p.edges.length === (c.pageSize ?? PAGE_SIZE))).toBe(true);
      for (const page of pages) {
        expect(page.totalCount).toBe(ref.totalCount);
        expectCursorsMatchEdges(page);
      }
    });

    it('walks backwards with last/before through every item exactly once', async () => {
      const ref = await reference(c, orderBy);
      const pages = await walkBackward(c, orderBy, ref.edges.length, c.pageSize);
      expect([...pages].reverse().flatMap((p) => labels(p.edges))).toEqual(labels(ref.edges));
      expect(pages.map((p) => p.pageInfo.hasPreviousPage)).toEqual(pages.map((_, i) => i < pages.length - 1));
      expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual(pages.map((_, i) => i > 0));
      expect(pages.slice(0, -1).every((p) => p.edges.length === (c.pageSize ?? PAGE_SIZE))).toBe(true);
      for (const page of pages) {
        expect(page.totalCount).toBe(ref.totalCount);
        expectCursorsMatchEdges(page);
      }
    });
  });

  describe.each(CASES.filter((c) => c.defaultOrder))('$name without orderBy', (c) => {
    it('uses the documented default ordering', async () => {
      const implicit = await reference(c);
      const explicit = await reference(c, c.defaultOrder);
      expect(ids(implicit.edges)).toEqual(ids(explicit.edges));
    });
  });

  it('searchResearch("customs") matches several projects, more than one page', async () => {
    const search = CASES.find((c) => c.name.startsWith('searchResearch'))!;
    const ref = await reference(search);
    expect(ref.totalCount).toBeGreaterThan(2 * PAGE_SIZE);
    expect(ref.totalCount).toBeLessThanOrEqual(64);
  });

  it('AlumniProfile.activities is an empty connection', async () => {
    const activities = CASES.find((c) => c.name === 'AlumniProfile.activities')!;
    for (const args of [{}, { first: 5 }, { last: 5 }]) {
      expect(await fetchPage(activities, args)).toEqual({
        totalCount: 0,
        edges: [],
        pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
      });
    }
  });

  // -------------------------------------------------------------------------
  // Arguments, defaults and stability, on one root and one nested connection

  const adminCase = (name: string) => CASES.find((c) => c.name === name)!;
  const LIMIT_TARGETS = [
    { target: adminCase('administrations'), total: 53 },
    { target: adminCase('Region(AP).administrations'), total: 14 },
  ];

  describe.each(LIMIT_TARGETS)('$target.name arguments', ({ target, total }) => {
    const expectError = async (args: PageArgs, code: string, message?: RegExp) => {
      const result = await request(target, args);
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual([code]);
      if (message) expect(result.errors?.[0].message).toMatch(message);
    };

    it('rejects first: 101 and last: 101 with INVALID_PAGINATION naming the limit of 100', async () => {
      await expectError({ first: 101 }, 'INVALID_PAGINATION', /100/);
      await expectError({ last: 101 }, 'INVALID_PAGINATION', /100/);
    });

    it('accepts first: 100 and last: 100', async () => {
      expect((await fetchPage(target, { first: 100 })).edges).toHaveLength(total);
      expect((await fetchPage(target, { last: 100 })).edges).toHaveLength(total);
    });

    it('rejects a negative page size with INVALID_PAGINATION', async () => {
      await expectError({ first: -1 }, 'INVALID_PAGINATION');
      await expectError({ last: -1 }, 'INVALID_PAGINATION');
    });

    it('rejects first and last together with INVALID_PAGINATION', async () => {
      await expectError({ first: 3, last: 3 }, 'INVALID_PAGINATION');
    });

    it('rejects a malformed cursor with INVALID_CURSOR', async () => {
      await expectError({ first: 3, after: 'garbage' }, 'INVALID_CURSOR');
      await expectError({ last: 3, before: 'garbage' }, 'INVALID_CURSOR');
    });

    it('rejects a cursor issued for another orderBy with INVALID_CURSOR', async () => {
      const byName = await fetchPage(target, { first: 3, orderBy: { field: 'NAME', direction: 'ASC' } });
      const cursor = byName.pageInfo.endCursor;
      await expectError({ first: 3, after: cursor, orderBy: { field: 'ISO2', direction: 'ASC' } }, 'INVALID_CURSOR');
      await expectError({ last: 3, before: cursor, orderBy: { field: 'ISO2', direction: 'ASC' } }, 'INVALID_CURSOR');
      await expectError({ first: 3, after: cursor, orderBy: { field: 'NAME', direction: 'DESC' } }, 'INVALID_CURSOR');
    });

    it('returns no edges but the full totalCount for first: 0', async () => {
      const page = await fetchPage(target, { first: 0 });
      expect(page.edges).toEqual([]);
      expect(page.totalCount).toBe(total);
      expect(page.pageInfo).toMatchObject({ startCursor: null, endCursor: null });
    });

    it('returns 20 items by default', async () => {
      const page = await fetchPage(target, {});
      expect(page.edges).toHaveLength(Math.min(20, total));
      expect(page.totalCount).toBe(total);
      expect(page.pageInfo.hasNextPage).toBe(total > 20);
      expect(page.pageInfo.hasPreviousPage).toBe(false);
    });

    it('keeps a cursor valid after rows are inserted before and after it', async () => {
      const repo = server.database.dataSource.getRepository(Administration);
      const before = await reference(target);
      const firstPage = await fetchPage(target, { first: PAGE_SIZE });
      // Both in AP: Afghanistan sorts before every seeded name, Vanuatu between Uzbekistan and Viet Nam.
      const regionId = uuidOf(parents.region);
      // Through the transaction seam, as the application writes: its commit retires the cached first page.
      const { database } = server.database;
      const inserted = await database.transaction((tx) =>
        tx.save([
          repo.create({ iso2: 'AF', name: 'Afghanistan', regionId, isEligible: true }),
          repo.create({ iso2: 'VU', name: 'Vanuatu', regionId, isEligible: true }),
        ]),
      );
      try {
        const after = await reference(target);
        expect(after.totalCount).toBe(total + 2);
        const rest = await walkForward(target, undefined, after.edges.length, firstPage.pageInfo.endCursor);
        const restIds = rest.flatMap((p) => ids(p.edges));
        const cursorIndex = ids(after.edges).indexOf(firstPage.edges[PAGE_SIZE - 1].node.id);
        expect(restIds).toEqual(ids(after.edges).slice(cursorIndex + 1));
        // Every pre-existing row after the cursor once, none before it, and the row inserted before the cursor not at all.
        expect(restIds.filter((id) => ids(before.edges).includes(id))).toEqual(ids(before.edges).slice(PAGE_SIZE));
        expect(restIds).not.toContain(ids(after.edges)[0]);
      } finally {
        await database.transaction((tx) => tx.remove(inserted));
      }
    });
  });
});
