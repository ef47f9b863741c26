import 'reflect-metadata';
import { getOperationAST, getVariableValues, Kind, parse, validate, type GraphQLSchema } from 'graphql';
import { EXAMPLE_OPERATION_NAMES, operationsOf } from '../support/playground-examples';
import { buildCdpSchema } from '../../server/src/graphql/schema';
import { refusalsOf } from '../../server/src/graphql/limits/check-document';
import { DEFAULT_QUERY_LIMITS } from '../../server/src/graphql/limits/query-limits';
import { EXAMPLE_OPERATIONS, NEW_TAB_QUERY } from '../../server/src/playground/example-operations';
import { escapeHtml, jsonForScript, PLAYGROUND_CSP, playgroundHtml } from '../../server/src/playground/playground-page';

describe('the playground example operations', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildCdpSchema();
  });

  it('cover a cohort page, research search, certificate verification, statistics, a nomination, a decision, a certificate, an invitation, subscriptions and sign-in', () => {
    const rootFields = EXAMPLE_OPERATIONS.map((op) =>
      operationsOf(op).flatMap((operation) => operation.selectionSet.selections.map((s) => (s.kind === Kind.FIELD ? s.name.value : s.kind))),
    );
    expect(rootFields).toEqual([
      ['cohort'],
      ['searchResearch'],
      ['verifyCertificate'],
      ['programmeStatistics'],
      ['viewer', 'cohorts', 'submitNomination'],
      ['nominations', 'transitionCohort', 'decideNomination'],
      ['researchProjects', 'issueCertificate'],
      ['nominationChanged', 'cohorts', 'viewerNotifications'],
      ['administrations', 'inviteUser'],
      ['login'],
    ]);
  });

  it.each(EXAMPLE_OPERATIONS.map((op) => [op.name, op] as const))('%s is valid against the schema and titled by its first operation', (name, op) => {
    expect(validate(schema, parse(op.query)).map((e) => e.message)).toEqual([]);
    // GraphiQL titles the tab with the name of the document's first operation.
    expect(operationsOf(op)[0]!.name?.value).toBe(name);
  });

  it.each(EXAMPLE_OPERATION_NAMES)('%s: %s is within the query limits and takes the tab\'s variables', (_tab, name, op) => {
    expect(refusalsOf(schema, op.query, op.variables ?? {}, DEFAULT_QUERY_LIMITS, name)).toEqual([]);
    const operation = getOperationAST(parse(op.query), name)!;
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], op.variables ?? {});
    expect(coerced.errors?.map((e) => e.message)).toBeUndefined();
  });

  it('names a demo user for every tab that changes data or subscribes, and leaves the read-only public tabs anonymous', () => {
    const needsRole = EXAMPLE_OPERATIONS.filter((op) => op.name !== 'SignIn' && operationsOf(op).some((o) => o.operation !== 'query'));
    expect(needsRole.map((op) => [op.name, op.role])).toEqual([
      ['OpenCohorts', 'FOCAL_POINT'],
      ['RankNominations', 'ADMIN'],
      ['CertificateCandidates', 'ADMIN'],
      ['LiveNominations', 'FOCAL_POINT'],
      ['FocalPointAdministrations', 'ADMIN'],
    ]);
    expect(EXAMPLE_OPERATIONS.filter((op) => !needsRole.includes(op)).map((op) => op.role)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('starts a new tab with a valid query', () => {
    expect(validate(schema, parse(NEW_TAB_QUERY))).toEqual([]);
  });
});

describe('the playground page', () => {
  it('escapes JSON for a <script> element', () => {
    const text = jsonForScript({ q: '</script><script>alert(1)</script> <!-- & \u2028\u2029' });
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual({ q: '</script><script>alert(1)</script> <!-- & \u2028\u2029' });
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('embeds the tabs as an escaped JSON data block and loads only local assets', () => {
    const html = playgroundHtml('/graphql');
    const block = /<script id="playground-options" type="application\/json">([^]*?)<\/script>/.exec(html);
    expect(block).not.toBeNull();
    expect(block![1]).not.toContain('<');
    const options = JSON.parse(block![1]!);
    expect(options.defaultTabs.map((t: { query: string }) => t.query)).toEqual(EXAMPLE_OPERATIONS.map((op) => op.query));
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(PLAYGROUND_CSP).not.toMatch(/https?:|unsafe-eval|\*/);
    expect(PLAYGROUND_CSP).toMatch(/script-src 'self'(;|$)/);
  });
});
