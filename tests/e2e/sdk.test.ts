import { CdpGraphQLError, graphqlRequest } from '../../sdk/src';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';

describeEachDatabase('@cdp-hub/sdk against the live server', (kind) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(kind);
  });
  afterAll(async () => server?.close());

  it('returns data', async () => {
    const data = await graphqlRequest<{ administration: { name: string } | null }, { iso2: string }>(
      { url: server.url },
      'query ($iso2: CountryCode!) { administration(iso2: $iso2) { name } }',
      { iso2: 'RW' },
    );
    expect(data.administration?.name).toBe('Rwanda');
  });

  it('throws CdpGraphQLError carrying extensions.code', async () => {
    const failure = graphqlRequest({ url: server.url }, '{ node(id: "not-an-id") { id } }');
    await expect(failure).rejects.toBeInstanceOf(CdpGraphQLError);
    await expect(failure).rejects.toMatchObject({ code: 'INVALID_ID' });
  });
});
