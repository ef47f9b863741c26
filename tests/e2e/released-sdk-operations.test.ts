import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { CdpGraphQLError, createCdpClient, type FetchLike } from '@cdp-hub/sdk';
import history from '../../server/src/db/seed/cdp-history.json';
import { readManifestOperations } from '../../server/src/graphql/persisted/manifest';
import { readReleasedOperations, supportedReleases, type ReleasedOperation } from '../../server/src/graphql/persisted/released-operations';
import { releasedManifestFile, releasedSchemaFile, releasedVersions, sdkVersion } from '../../server/src/release/released-versions';
import { parseVersion } from '../../server/src/release/versions';
import { UserRole } from '../../server/src/modules/user/user-role';
import { describeEachDatabase } from '../support/databases';
import { schemaEdits } from '../support/schema-edits';
import { startTestServer, type TestServer } from '../support/server';

/**
 * Persisted operations across SDK versions: the server keeps running the
 * operations of every release of the current and the previous major version
 * by hash, also under TRUSTED_DOCUMENTS=only, and refuses those that no
 * longer validate with PERSISTED_QUERY_RETIRED.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'previous-major', 'persisted-operations.json');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface Sent {
  hashOnly: boolean;
  status: number;
  code?: string;
}

function recordingFetch(seen: Sent[]): FetchLike {
  return async (url, init) => {
    const response = await fetch(url, init);
    const body = JSON.parse(init.body) as { query?: string };
    const answer = JSON.parse(await response.clone().text()) as { errors?: Array<{ extensions?: { code?: string } }> };
    seen.push({ hashOnly: body.query === undefined, status: response.status, code: answer.errors?.[0]?.extensions?.code });
    return response;
  };
}

async function post(server: TestServer, body: unknown) {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions: Record<string, any> }> } };
}

const byHash = (id: string, variables: Record<string, unknown> = {}) => ({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: id } } });

/** A scratch repository with the real releases plus a simulated 0.9.0 (the fixture manifest), as the server reads sdk/releases. */
function repositoryWithPreviousMajor(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'released-operations-'));
  const copy = (from: string, to: string) => {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
  };
  copy(path.join(ROOT, 'sdk', 'package.json'), path.join(root, 'sdk', 'package.json'));
  for (const version of releasedVersions(ROOT)) {
    copy(releasedSchemaFile(ROOT, version), releasedSchemaFile(root, version));
    copy(releasedManifestFile(ROOT, version), releasedManifestFile(root, version));
  }
  // 0.9.0's schema still had the field its LegacyCertificate selects.
  const first = fs.readFileSync(releasedSchemaFile(ROOT, releasedVersions(ROOT)[0]!), 'utf8');
  fs.mkdirSync(path.dirname(releasedSchemaFile(root, '0.9.0')), { recursive: true });
  fs.writeFileSync(releasedSchemaFile(root, '0.9.0'), schemaEdits.addField(first, 'Certificate', 'signatureHex: String'));
  copy(FIXTURE, releasedManifestFile(root, '0.9.0'));
  return root;
}

describe('which releases the server supports', () => {
  it('those of the current major version and of the one before', () => {
    const versions = ['0.9.0', '1.0.0', '1.4.2', '2.0.0', '2.3.0', '3.0.0'];
    expect(supportedReleases(versions, '2.3.0')).toEqual(['1.0.0', '1.4.2', '2.0.0', '2.3.0']);
    expect(supportedReleases(versions, '1.4.2')).toEqual(['0.9.0', '1.0.0', '1.4.2']);
    expect(supportedReleases(versions, '3.0.0')).toEqual(['2.0.0', '2.3.0', '3.0.0']);
  });

  it("reads each supported release's manifest from sdk/releases/", () => {
    const root = repositoryWithPreviousMajor();
    try {
      const operations = readReleasedOperations(root, '1.0.0');
      expect(new Set(operations.map((operation) => operation.version))).toEqual(new Set(['0.9.0', ...releasedVersions(ROOT).filter((v) => parseVersion(v)!.major <= 1)]));
      expect(operations.filter((operation) => operation.version === '0.9.0').map((operation) => operation.name)).toEqual(['LegacyRegions', 'LegacyCertificate']);
      // Two majors on, 0.9.0 is no longer supported.
      expect(readReleasedOperations(root, '2.0.0').some((operation) => operation.version === '0.9.0')).toBe(false);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describeEachDatabase('a simulated previous major (fixture 0.9.0) against the current server, TRUSTED_DOCUMENTS=only', (kind) => {
  let server: TestServer;
  let released: ReleasedOperation[];
  const legacy = (name: string) => released.find((operation) => operation.version === '0.9.0' && operation.name === name)!;

  beforeAll(async () => {
    const root = repositoryWithPreviousMajor();
    try {
      released = readReleasedOperations(root, sdkVersion(ROOT));
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
    server = await startTestServer(kind, { trustedDocuments: 'only', releasedOperations: released });
  });
  afterAll(async () => server?.close());

  it('runs the operation that still validates, by hash, for an anonymous caller', async () => {
    const { status, json } = await post(server, byHash(legacy('LegacyRegions').id));
    expect([status, json.errors]).toEqual([200, undefined]);
    expect(json.data.regions.totalCount).toBe(history.regions.length);
  });

  it('refuses the one that selects a removed field with PERSISTED_QUERY_RETIRED, by hash or as its text, naming it and its release', async () => {
    const retired = legacy('LegacyCertificate');
    for (const body of [byHash(retired.id, { serial: 'CDP-2024-001' }), { query: retired.body, variables: { serial: 'CDP-2024-001' } }]) {
      const { status, json } = await post(server, body);
      expect({ status, data: json.data, extensions: json.errors?.[0]?.extensions }).toEqual({
        status: 400,
        data: undefined,
        extensions: { code: 'PERSISTED_QUERY_RETIRED', operationName: 'LegacyCertificate', sdkVersion: '0.9.0', requestId: expect.any(String) },
      });
    }
  });

  it('refuses it to an ADMIN too, and the SDK raises it as a typed CdpGraphQLError without sending the text', async () => {
    const seen: Sent[] = [];
    const admin = await server.as(UserRole.ADMIN);
    const client = createCdpClient({ url: server.url, fetch: recordingFetch(seen), getToken: () => admin.token });
    const error = await client.request(legacy('LegacyCertificate').body, { serial: 'CDP-2024-001' }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(CdpGraphQLError);
    expect((error as CdpGraphQLError).code).toBe('PERSISTED_QUERY_RETIRED');
    expect(seen).toEqual([{ hashOnly: true, status: 400, code: 'PERSISTED_QUERY_RETIRED' }]);
  });

  it('still refuses a document of no release (UNTRUSTED_DOCUMENT), and knows no retired hash as a trusted one', async () => {
    const { status, json } = await post(server, { query: '{ regions { totalCount } }' });
    expect([status, json.errors?.[0]?.extensions.code]).toEqual([400, 'UNTRUSTED_DOCUMENT']);
    const unknown = await post(server, byHash(sha256('query Unknown { regions { totalCount } }')));
    expect(unknown.json.errors?.[0]?.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

/** The release one major behind the current SDK, or the oldest release while there is no such one. */
function releaseOneMajorBehind(): string {
  const versions = releasedVersions(ROOT);
  const current = parseVersion(sdkVersion(ROOT))!.major;
  return versions.filter((version) => parseVersion(version)!.major === current - 1).at(-1) ?? versions[0]!;
}

/** Variables for the released queries that need some, from the seed; any other operation is sent without variables. */
const SAMPLE_VARIABLES: Record<string, Record<string, unknown>> = {
  Administration: { iso2: 'RW' },
  Cohort: { label: '2023-2024' },
  CohortPage: { label: '2023-2024' },
  CohortAssociates: { label: '2023-2024' },
  Programme: { code: history.programme.code },
  ProgrammeStatistics: {},
  SearchResearch: { query: 'customs' },
  VerifyCertificate: { serial: 'CDP-2024-001' },
};

/** The codes that mean the server did not run the document itself: unknown, untrusted, invalid, retired, or a failure. */
const REFUSED = ['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_RETIRED', 'UNTRUSTED_DOCUMENT', 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_COMPLEX', 'INTERNAL_SERVER_ERROR'];

describeEachDatabase('the SDK one major behind (or the oldest release) against the current server, TRUSTED_DOCUMENTS=only', (kind) => {
  const version = releaseOneMajorBehind();
  const operations = readManifestOperations(releasedManifestFile(ROOT, version));
  const schema = buildSchema(fs.readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8'));
  const stillValid = (body: string) => validate(schema, parse(body)).length === 0;
  let server: TestServer;

  beforeAll(async () => {
    // The server as deployed: the current manifest plus what it reads from sdk/releases/.
    server = await startTestServer(kind, { trustedDocuments: 'only' });
  });
  afterAll(async () => server?.close());

  it(`sends every operation of ${version} by hash alone; each that validates runs, each that does not is retired`, async () => {
    expect(operations.length).toBeGreaterThan(20);
    const outcomes: Array<{ name: string; requests: Sent[]; code: string | null }> = [];
    for (const { name, body } of operations) {
      const seen: Sent[] = [];
      const client = createCdpClient({ url: server.url, fetch: recordingFetch(seen) });
      const code = await client.request(body, SAMPLE_VARIABLES[name]).then(
        () => null,
        (err: unknown) => (err instanceof CdpGraphQLError ? (err.code ?? 'no code') : `not a GraphQL error: ${String(err)}`),
      );
      outcomes.push({ name, requests: seen, code });
    }
    for (const [{ name, requests, code }, { body }] of outcomes.map((outcome, i) => [outcome, operations[i]!] as const)) {
      // One request each: the server knew the hash, so the SDK never had to send the text.
      expect({ name, requests: requests.map((r) => r.hashOnly) }).toEqual({ name, requests: [true] });
      if (stillValid(body)) expect({ name, refused: REFUSED.includes(code ?? '') ? code : null }).toEqual({ name, refused: null });
      else expect({ name, code }).toEqual({ name, code: 'PERSISTED_QUERY_RETIRED' });
    }
  }, 120_000);

  it(`answers ${version}'s CohortPage with the cohort, or retires it if it no longer validates`, async () => {
    const old = operations.find((operation) => operation.name === 'CohortPage');
    expect(old).toBeDefined();
    const client = createCdpClient({ url: server.url });
    const answer = client.request<{ cohort: { label: string; associates: { totalCount: number } } }>(old!.body, { label: '2023-2024' });
    if (!stillValid(old!.body)) return expect(answer).rejects.toMatchObject({ code: 'PERSISTED_QUERY_RETIRED' });
    const { cohort } = await answer;
    expect([cohort.label, cohort.associates.totalCount]).toEqual(['2023-2024', history.cohorts.find((c) => c.label === '2023-2024')!.countries.length]);
  });
});
