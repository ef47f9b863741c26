import { describeEachDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';

/** cohorts → associates → administration → region, and research with its themes: every level through loaders. */
const NESTED = `query Nested($size: Int!) {
  cohorts(first: $size) {
    totalCount
    nodes {
      label
      associates(first: $size) {
        totalCount
        nodes {
          fullName
          administration { iso2 region { code } }
          research { title themes }
        }
      }
    }
  }
}`;

describeEachDatabase('N+1 guard', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  async function statementsFor(size: number): Promise<{ statements: number; associates: number }> {
    const before = server.database.statements.count;
    const data = await server.data(NESTED, { size });
    const statements = server.database.statements.count - before;
    const associates = data.cohorts.nodes.reduce((n: number, c: any) => n + c.associates.nodes.length, 0);
    return { statements, associates };
  }

  it('issues the same number of SQL statements at page size 5 and 40', async () => {
    const small = await statementsFor(5);
    // 40, not 50: the nested page must stay within the cost limit, which prices each project's themes at their bound (MAX_THEMES).
    const large = await statementsFor(40);
    // The large page really is larger, so the comparison means something.
    expect(large.associates).toBeGreaterThan(small.associates * 2);
    expect(large.statements).toBe(small.statements);
    console.log(
      `N+1 guard [${kind.name}]: page size 5 -> ${small.associates} associates, ${small.statements} SQL statements; ` +
        `page size 40 -> ${large.associates} associates, ${large.statements} SQL statements`,
    );
  });
});
