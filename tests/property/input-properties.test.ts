/**
 * Generated inputs for every mutation and every query argument (issue #14),
 * on both databases. The suite walks the schema: each input field of each
 * mutation, and each argument and filter field of each query, gets values
 * from fast-check (Unicode of every plane, combining marks, NUL and other
 * control characters, padding, lengths around each declared bound, extreme
 * dates and numbers), one field at a time on an otherwise valid request sent
 * by a role that may send it. Every answer must be:
 *   - accepted, and the value read back (node(id:), from the database) equal
 *     to what was sent after the documented normalisation; or
 *   - refused with a code a client is told (userErrors or extensions.code);
 * never INTERNAL_SERVER_ERROR, never an error-level log line, and every list
 * must stay readable afterwards. A value whose form the declared rules
 * refuse is never accepted; one whose form they accept is never refused for
 * its form.
 *
 * FUZZ_RUNS sets the runs per field (a few by default, so CI stays within
 * minutes), FUZZ_SEED replays a run: a failure prints its seed and the
 * shrunk counterexample. `npm run fuzz -- --runs N` runs longer. Cases found
 * once are kept in regressions.ts and always run first.
 */
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { DEFAULT_LOGIN_LIMITS } from '../../server/src/auth/login-throttle';
import { ephemeralAuthSettings } from '../../server/src/auth/setup';
import { toGlobalId } from '../../server/src/graphql/relay/global-id';
import { buildCdpSchema } from '../../server/src/graphql/schema';
import { UserRole } from '../../server/src/modules/user/user-role';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, type Caller, type TestServer } from '../support/server';
import { REGRESSIONS } from './regressions';
import { inputLeaves, type InputLeaf } from './support/input-fields';
import { MUTATION_TARGETS, type Echo, type MutationTarget } from './support/mutation-targets';
import { judge } from './support/verdict';
import { expectationOf, valuesFor } from './support/values';
import { World } from './support/world';
import { tally, writeTallies } from './support/tallies';

const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
/** One property's runs share one server; a long run (npm run fuzz) needs more than the default minute. */
jest.setTimeout(Math.max(60_000, RUNS * 20_000));

/** Every list of the API with every field that holds stored text, e-mail or dates: each must stay readable whatever was stored. */
const LISTS = [
  '{ users(first: 100, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { email displayName lastLoginAt } } }',
  '{ nominations(first: 100, orderBy: { field: SUBMITTED_AT, direction: DESC }) { nodes { candidateFullName candidateEmail candidatePosition candidateLanguages motivation reviews { comment score } } } }',
  '{ associates(first: 100, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { fullName email supervisorName startDate endDate languages } } }',
  '{ researchProjects(first: 100, orderBy: { field: CREATED_AT, direction: DESC }) { nodes { title abstract themes reportUrl milestones { title dueDate } } } }',
  '{ cohorts(first: 100, orderBy: { field: LABEL, direction: DESC }) { nodes { label note invitationDate nominationDeadline selectionDate notificationDate startDate endDate } } }',
  '{ events(first: 100, filter: { includeCancelled: true }, orderBy: { field: STARTS_AT, direction: DESC }) { nodes { title startsAt location officiantName officiantTitle audience cancellationReason } } }',
  '{ alumni(first: 100) { nodes { currentPosition activities(first: 50) { nodes { title description date } } associate { certificates { serial signatoryName signatoryTitle revocationReason } } } } }',
  '{ auditLog(first: 100) { nodes { operation before after } } }',
];

function selectionOf(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (!isObjectType(type) && !('getFields' in type)) return '';
  const fields = (type as { getFields(): Record<string, unknown> }).getFields();
  if ('totalCount' in fields) return '{ totalCount nodes { __typename } }';
  if ('nodes' in fields) return '{ nodes { __typename } }';
  return '{ __typename }';
}

/** The document for one root field with every argument as a variable. */
function documentOf(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, selection: string): string {
  const variables = field.args.map((a) => `$${a.name}: ${a.type}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${operation}${variables ? ` (${variables})` : ''} { ${field.name}${args ? `(${args})` : ''} ${selection} }`;
}

function withValue(args: Record<string, any>, path: string[], value: unknown): Record<string, any> {
  const copy = structuredClone(args);
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] ??= {};
  const last = path[path.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

function echoOf(target: MutationTarget, leaf: InputLeaf): Echo | undefined {
  const echo = target.changed?.echo[leaf.path.slice(1).join('.')];
  return typeof echo === 'string' ? { field: echo } : echo;
}

/** What the API should answer for the stored value. */
function expectedReadBack(echo: Echo, stored: unknown, sent: unknown): unknown {
  if (echo.stored) return echo.stored(sent);
  if (echo.blankIsNull && stored === '') return null;
  return stored === undefined ? sent : stored;
}

const assertOptions = (examples: unknown[]) => ({ numRuns: RUNS, seed: SEED, examples: examples.map((e) => [e] as [unknown]), endOnFailure: false });

describeEachDatabase('generated inputs', (kind) => {
  let schema: GraphQLSchema;
  let server: TestServer;
  let world: World;
  let admin: Caller;

  beforeAll(async () => {
    schema = await buildCdpSchema();
    // Sign-in is tried with generated passwords many times from one address: the throttle would answer TOO_MANY_ATTEMPTS instead.
    const limits = { ...DEFAULT_LOGIN_LIMITS, perAccountAndAddress: 1_000_000, perAddress: 1_000_000 };
    server = await startTestServer(kind, { captureLogs: true, auth: ephemeralAuthSettings(limits) });
    world = new World(server);
    admin = await server.as(UserRole.ADMIN);
  });
  afterAll(async () => {
    writeTallies();
    await server?.close();
  });

  afterEach(async () => {
    // Whatever was stored, every list stays readable, and nothing was logged as an error.
    for (const list of LISTS) {
      const result = await admin.graphql(list);
      expect({ list, errors: result.errors }).toEqual({ list, errors: undefined });
    }
    expect(server.logLines.filter((line) => line.level >= 50)).toEqual([]);
  });

  it('every mutation of the schema has a target', async () => {
    const mutations = Object.keys((await buildCdpSchema()).getMutationType()!.getFields()).sort();
    expect(Object.keys(MUTATION_TARGETS).sort()).toEqual(mutations);
  });

  describe('mutations', () => {
    const names = Object.keys(MUTATION_TARGETS).sort();

    // Otherwise a property would only ever meet refusals, and test nothing of what is stored.
    it.each(names)('%s: the arranged input is accepted as it is', async (name) => {
      const field = schema.getMutationType()!.getFields()[name];
      const { input, caller } = await MUTATION_TARGETS[name].arrange(world);
      const result = await (caller ?? admin).graphql(documentOf('mutation', field, '{ userErrors { code field message } }'), { input });
      expect({ name, errors: result.errors, userErrors: result.data?.[name]?.userErrors }).toEqual({ name, errors: undefined, userErrors: [] });
    });

    it.each(names)('%s: every input field, generated', async (name) => {
      const field = schema.getMutationType()!.getFields()[name];
      const target = MUTATION_TARGETS[name];
      const selection = `{ ${target.changed ? `${target.changed.field} { id }` : ''} userErrors { code field message } }`;
      const document = documentOf('mutation', field, selection);
      for (const leaf of inputLeaves(field.args)) {
        const key = `${name}.${leaf.path.slice(1).join('.')}`;
        await fc.assert(
          fc.asyncProperty(valuesFor(leaf, target.near?.[leaf.path.slice(1).join('.')]), async (value) => {
            const { input, caller } = await target.arrange(world);
            const args = withValue({ input }, leaf.path, value);
            const expectation = expectationOf(leaf, value);
            const result = await (caller ?? admin).graphql(document, args);
            const outcome = judge(result, name, leaf.path, expectation);
            tally(kind.name, key, outcome.accepted);
            const echo = echoOf(target, leaf);
            if (!outcome.accepted || !echo || !target.changed || value === null || value === undefined) return;
            const id = outcome.payload[target.changed.field]?.id;
            const read = await admin.data(`query ($id: ID!) { node(id: $id) { ... on ${target.changed.type} { ${echo.field} } } }`, { id });
            expect({ key, value: read.node[echo.field] }).toEqual({ key, value: expectedReadBack(echo, expectation.stored, value) });
          }),
          assertOptions(REGRESSIONS[key] ?? []),
        );
      }
    });
  });

  describe('queries', () => {
    it('every argument and filter field of every query, generated', async () => {
      const fields = Object.values(schema.getQueryType()!.getFields()).filter((f) => f.args.length);
      for (const field of fields) {
        const document = documentOf('query', field, selectionOf(field));
        const required = Object.fromEntries(field.args.filter((a) => isNonNullType(a.type)).map((a) => [a.name, baselineOf(a.type)]));
        for (const leaf of inputLeaves(field.args)) {
          const key = `${field.name}.${leaf.path.join('.')}`;
          // The generated field's input object (an orderBy, a filter) with its own required fields.
          const args = leaf.path.length > 1 ? { ...required, [leaf.path[0]]: baselineOf(field.args.find((a) => a.name === leaf.path[0])!.type) } : required;
          await fc.assert(
            fc.asyncProperty(valuesFor(leaf), async (value) => {
              const result = await admin.graphql(document, withValue(args, leaf.path, value));
              tally(kind.name, key, judge(result, null, leaf.path, expectationOf(leaf, value)).accepted);
            }),
            assertOptions(REGRESSIONS[key] ?? []),
          );
        }
      }
    });
  });
});

/** A value for a required argument or input field while another one is generated: its required fields only, with plain values. */
function baselineOf(type: GraphQLInputType): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [];
  if (isEnumType(inner)) return inner.getValues()[0].value;
  if (isInputObjectType(inner)) {
    const required = Object.values(inner.getFields()).filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    return Object.fromEntries(required.map((f) => [f.name, baselineOf(f.type)]));
  }
  const plain: Record<string, unknown> = { ID: toGlobalId('Cohort', '00000000-0000-4000-8000-000000000000'), CountryCode: 'GT', Int: 1, Boolean: false };
  return plain[inner.name] ?? '2023-2024';
}
