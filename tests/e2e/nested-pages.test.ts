import { describeEachDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';

/**
 * A nested connection under a list is read for all its parents in one
 * statement, each parent's rows with their own LIMIT. Whatever the batch,
 * every parent's page must be exactly the page that parent gets alone, in
 * both directions, with cursors, and for parents with no rows.
 */
const PAGE_FIELDS = 'totalCount edges { cursor node { id fullName } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

const BATCHED = `query Batched($first: Int, $last: Int, $after: String, $before: String, $order: ProfessionalAssociateOrder) {
  cohorts(first: 40) {
    nodes { id label associates(first: $first, last: $last, after: $after, before: $before, orderBy: $order) { ${PAGE_FIELDS} } }
  }
}`;

const ALONE = `query Alone($id: ID!, $first: Int, $last: Int, $after: String, $before: String, $order: ProfessionalAssociateOrder) {
  node(id: $id) { ... on Cohort { associates(first: $first, last: $last, after: $after, before: $before, orderBy: $order) { ${PAGE_FIELDS} } } }
}`;

type Page = { totalCount: number; edges: { cursor: string; node: { id: string } }[]; pageInfo: Record<string, unknown> };
type Cohort = { id: string; label: string; associates: Page };

describeEachDatabase('nested pages batched across parents', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  const batched = async (args: Record<string, unknown>): Promise<Cohort[]> => (await server.data(BATCHED, args)).cohorts.nodes;
  const alone = async (id: string, args: Record<string, unknown>): Promise<Page> => (await server.data(ALONE, { id, ...args })).node.associates;

  async function expectEveryParentAsAlone(args: Record<string, unknown>): Promise<Cohort[]> {
    const cohorts = await batched(args);
    for (const cohort of cohorts) {
      expect({ cohort: cohort.label, page: cohort.associates }).toEqual({ cohort: cohort.label, page: await alone(cohort.id, args) });
    }
    return cohorts;
  }

  it('gives each of many parents the page it gets alone, forwards and backwards, in both orders', async () => {
    const order = { field: 'FULL_NAME', direction: 'DESC' };
    const cohorts = await expectEveryParentAsAlone({ first: 3 });
    // The batch mixes parents with more rows than the page, fewer, and none, or the comparison proves little.
    const sizes = cohorts.map((c) => c.associates.totalCount);
    expect(sizes.some((n) => n > 3)).toBe(true);
    expect(sizes.some((n) => n === 0)).toBe(true);
    await expectEveryParentAsAlone({ last: 3 });
    await expectEveryParentAsAlone({ first: 4, order });
    await expectEveryParentAsAlone({ last: 2, order });
  });

  it('applies a cursor to every parent of the batch as each would alone', async () => {
    const cohorts = await batched({ first: 3 });
    const full = cohorts.find((c) => c.associates.totalCount > 6)!;
    expect(full).toBeDefined();
    const after = full.associates.pageInfo.endCursor as string;
    const cohortsAfter = await expectEveryParentAsAlone({ first: 3, after });
    // The cursor's own cohort continues where its first page ended.
    const next = cohortsAfter.find((c) => c.id === full.id)!.associates;
    expect(next.edges[0].node.id).not.toBe(full.associates.edges[2].node.id);
    expect(next.pageInfo.hasPreviousPage).toBe(true);
    await expectEveryParentAsAlone({ last: 2, before: after });
  });
});
