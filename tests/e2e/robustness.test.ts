import { Administration } from '../../server/src/modules/administration/administration.entity';
import { Region } from '../../server/src/modules/region/region.entity';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';

describeEachDatabase('requests that go wrong, and edge cases', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  const post = (body: string) =>
    fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('answers a malformed JSON body with a JSON BAD_REQUEST, no stack trace', async () => {
    const res = await post('{"query":');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const text = await res.text();
    expect(text).not.toMatch(/node_modules|at .*\.js/);
    const body = JSON.parse(text);
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_REQUEST', requestId: expect.any(String) });
  });

  it('refuses an over-costly query with HTTP 400, counting nodes(ids:) by its ids', async () => {
    const { cohorts } = await server.data('{ cohorts(first: 100) { nodes { id } } }');
    const ids = cohorts.nodes.map((c: { id: string }) => c.id);
    const res = await post(
      JSON.stringify({
        query: `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Cohort { associates(first: 100) { nodes {
          administration { associates(first: 100) { nodes { fullName } } } } } } } }`,
        variables: { ids },
      }),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
    expect(body.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(body.errors[0].extensions.http).toBeUndefined();
  });

  it('reports a variable of the wrong type as BAD_USER_INPUT', async () => {
    const result = await server.graphql('query ($n: Int) { cohorts(first: $n) { totalCount } }', { n: 'abc' });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('says whether items exist beyond an empty first page', async () => {
    const data = await server.data('{ associates(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage } } }');
    expect(data.associates).toEqual({ totalCount: 64, edges: [], pageInfo: { hasNextPage: true } });
  });

  it('refuses a search cursor in a search for other words', async () => {
    const first = await server.data('{ searchResearch(query: "customs", first: 1) { pageInfo { endCursor } } }');
    const cursor = first.searchResearch.pageInfo.endCursor;
    const same = await server.graphql('query ($c: String) { searchResearch(query: "Customs", first: 1, after: $c) { totalCount } }', { c: cursor });
    expect(same.errors).toBeUndefined();
    const other = await server.graphql('query ($c: String) { searchResearch(query: "risk", first: 1, after: $c) { totalCount } }', { c: cursor });
    expect(other.errors?.[0].extensions?.code).toBe('INVALID_CURSOR');
  });

  it('matches names case-insensitively beyond ASCII', async () => {
    const region = await server.database.dataSource.getRepository(Region).findOneByOrFail({ code: 'EUR' as Region['code'] });
    const administrations = server.database.dataSource.getRepository(Administration);
    await administrations.save(administrations.create({ iso2: 'AX', name: 'Åland Islands', regionId: region.uuid, isEligible: false }));
    for (const text of ['åland', 'ÅLAND', 'Åland']) {
      const data = await server.data('query ($t: String) { administrations(filter: { nameContains: $t }) { nodes { iso2 } } }', { t: text });
      expect(data.administrations.nodes).toEqual([{ iso2: 'AX' }]);
    }
  });
});
