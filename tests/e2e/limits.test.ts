import { getIntrospectionQuery } from 'graphql';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';

describeEachDatabase('query limits', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  it('answers the full introspection query the playground sends', async () => {
    const result = await server.graphql(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }));
    expect(result.errors).toBeUndefined();
    expect(result.data.__schema.queryType.name).toBe('Query');
  });

  it('refuses a query nested too deeply, before running it', async () => {
    const before = server.database.statements.count;
    const result = await server.graphql(`{ regions { nodes { administrations { nodes { associates { nodes { cohort {
      programme { cohorts { nodes { associates { nodes { administration { region { code } } } } } } } } } } } } } } }`);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: 12 });
    expect(result.data).toBeUndefined();
    expect(server.database.statements.count).toBe(before);
  });

  it('refuses a query whose page sizes multiply beyond the cost limit', async () => {
    const result = await server.graphql(`{ cohorts(first: 100) { nodes { associates(first: 100) { nodes {
      administration { associates(first: 100) { nodes { fullName } } } } } } } }`);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', max: 50000 });
    expect(result.errors?.[0].extensions?.cost).toBeGreaterThan(50000);
  });
});
