import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, getNamedType, isAbstractType, isLeafType, isNonNullType, isObjectType, type GraphQLField, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { synthesize } from '../../server/src/db/seed/synthetic/synthesize';
import { Administration } from '../../server/src/modules/administration/administration.entity';
import { AlumniActivity } from '../../server/src/modules/alumni/alumni-activity.entity';
import { AlumniProfile } from '../../server/src/modules/alumni/alumni-profile.entity';
import { ProfessionalAssociate } from '../../server/src/modules/associate/associate.entity';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity';
import { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { Invitation } from '../../server/src/modules/cohort/invitation.entity';
import { Event } from '../../server/src/modules/event/event.entity';
import { Nomination } from '../../server/src/modules/nomination/nomination.entity';
import { NominationStatus } from '../../server/src/modules/nomination/nomination-status';
import { MOTIVATION } from '../support/arrange-nominations';
import { Review } from '../../server/src/modules/nomination/review.entity';
import { Milestone } from '../../server/src/modules/research/milestone.entity';
import { ResearchProject } from '../../server/src/modules/research/research-project.entity';
import { User } from '../../server/src/modules/user/user.entity';
import { OutboxChannel, OutboxMessageStatus } from '../../server/src/outbox/outbox-enums';
import { OutboxEvent } from '../../server/src/outbox/outbox-event.entity';
import { OutboxMessage } from '../../server/src/outbox/outbox-message.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { describeEachDatabase } from '../support/databases';
import { insertEndpoint } from '../support/webhooks';
import { startTestServer, type Caller, type TestServer } from '../support/server';

/**
 * N+1 = 0 on every relation, generated from the schema: for each object type
 * reachable from a root connection, each field that returns an object, a list
 * of objects or a connection is asked under a list of parents at page sizes 5
 * and 50, and must cost the same number of SQL statements. The leaf fields of
 * each type are asked together too (a computed scalar such as `themes` or
 * `isValid` may read the database). n-plus-one.test.ts keeps its deeper shape.
 */

const SMALL = 5;
const LARGE = 50;
/** Values for required arguments, by argument name. */
const REQUIRED_ARGUMENTS: Record<string, string> = { query: '"customs"' };

interface Probe {
  name: string;
  /** The query, with $size at every connection on the way. */
  query: string;
  /** Path (field names) from data to the list of parents; connections contribute their `nodes`. */
  parentPath: string[];
}

const isConnection = (t: unknown): t is GraphQLObjectType =>
  isObjectType(t) && 'nodes' in t.getFields() && 'pageInfo' in t.getFields();

function argumentsOf(field: GraphQLField<unknown, unknown>): string | null {
  const args: string[] = [];
  if (isConnection(getNamedType(field.type))) args.push('first: $size');
  for (const arg of field.args) {
    if (!isNonNullType(arg.type) || arg.defaultValue !== undefined) continue;
    const value = REQUIRED_ARGUMENTS[arg.name];
    if (value === undefined) return null;
    args.push(`${arg.name}: ${value}`);
  }
  return args.length ? `(${args.join(', ')})` : '';
}

/** The selection that names a value of this type without asking more of it. */
function leafSelection(type: GraphQLField<unknown, unknown>['type']): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (isConnection(named)) return '{ totalCount nodes { __typename } }';
  if (isAbstractType(named)) return '{ __typename }';
  return 'id' in (named as GraphQLObjectType).getFields() ? '{ id }' : '{ __typename }';
}

/** Every object type reached from a root connection, with the shortest path of fields to a list of it. */
function probes(schema: GraphQLSchema): { probes: Probe[]; unreachable: string[] } {
  const paths = new Map<string, Array<GraphQLField<unknown, unknown>>>();
  const queue: GraphQLObjectType[] = [];
  const unreachable: string[] = [];
  const visit = (type: GraphQLField<unknown, unknown>['type'], path: Array<GraphQLField<unknown, unknown>>) => {
    let named = getNamedType(type);
    if (isConnection(named)) named = getNamedType(named.getFields().nodes.type);
    if (!isObjectType(named) || paths.has(named.name)) return;
    if (path.some((f) => argumentsOf(f) === null)) {
      unreachable.push(`${named.name} (needs arguments along ${path.map((f) => f.name).join('.')})`);
      return;
    }
    paths.set(named.name, path);
    queue.push(named);
  };
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    if (isConnection(getNamedType(field.type))) visit(field.type, [field]);
  }
  while (queue.length) {
    const type = queue.shift()!;
    for (const field of Object.values(type.getFields())) visit(field.type, [...paths.get(type.name)!, field]);
  }

  const result: Probe[] = [];
  for (const [typeName, path] of paths) {
    const type = schema.getType(typeName) as GraphQLObjectType;
    const wrap = (inner: string) =>
      path.reduceRight((body, field) => {
        const nodes = isConnection(getNamedType(field.type)) ? `{ nodes { ${body} } }` : `{ ${body} }`;
        return `${field.name}${argumentsOf(field)} ${nodes}`;
      }, inner);
    const parentPath = path.flatMap((f) => (isConnection(getNamedType(f.type)) ? [f.name, 'nodes'] : [f.name]));
    const fields = Object.values(type.getFields()).filter((f) => argumentsOf(f) !== null);
    const leaves = fields.filter((f) => isLeafType(getNamedType(f.type))).map((f) => `${f.name}${argumentsOf(f)}`);
    result.push({ name: `${typeName} (leaf fields)`, query: `query ($size: Int!) { ${wrap(leaves.join(' '))} }`, parentPath });
    for (const field of fields.filter((f) => !isLeafType(getNamedType(f.type)))) {
      result.push({
        name: `${typeName}.${field.name}`,
        query: `query ($size: Int!) { ${wrap(`id ${field.name}${argumentsOf(field)} ${leafSelection(field.type)}`)} }`,
        parentPath,
      });
    }
  }
  return { probes: result, unreachable };
}

/** The parents at the end of the path (lists flattened). */
function parentsAt(data: unknown, path: string[]): unknown[] {
  let level: unknown[] = [data];
  for (const key of path) {
    level = level.flatMap((v) => {
      const next = v == null ? null : (v as Record<string, unknown>)[key];
      return next == null ? [] : Array.isArray(next) ? next : [next];
    });
  }
  return level;
}

/**
 * Enough rows of every kind that a page of 50 holds more parents than a page
 * of 5: seven copies of the seeded programme, and the kinds the seed leaves
 * (nearly) empty, on every row so that each relation is asked at both page sizes.
 */
async function arrangeVolume(server: TestServer): Promise<void> {
  const ds = server.database.dataSource;
  await synthesize(ds, { scale: 6, clock: server.clock });
  const research = await ds.getRepository(ResearchProject).find();
  await ds.getRepository(Milestone).save(
    research.map((r, i) => ({ researchProjectId: r.uuid, title: `Milestone ${i}`, dueDate: '2027-06-30', completedAt: null })),
  );
  // Every project presented at one session, so the relation is asked at both page sizes, not only at the larger.
  const session = await ds.getRepository(Event).findOneOrFail({ where: {}, order: { startsAt: 'ASC' } });
  await ds.createQueryBuilder().update(ResearchProject).set({ presentedAtId: session.uuid }).execute();
  // The seed invites administrations to the demonstration cohort only; the first cohorts by label need some too.
  const administration = await ds.getRepository(Administration).findOneOrFail({ where: {}, order: { iso2: 'ASC' } });
  const invited = new Set((await ds.getRepository(Invitation).findBy({ administrationId: administration.uuid })).map((i) => i.cohortId));
  const cohorts = (await ds.getRepository(Cohort).find()).filter((c) => !invited.has(c.uuid));
  await ds.getRepository(Invitation).save(
    cohorts.map((c) => ({ cohortId: c.uuid, administrationId: administration.uuid, sentAt: new Date('2026-01-15T00:00:00Z') })),
  );
  const associates = await ds.getRepository(ProfessionalAssociate).find({ take: 60 });
  const users = await ds.getRepository(User).save(
    associates.map((a, i) => ({
      email: `n-plus-one-${i}@example.org`,
      passwordHash: 'not-a-hash',
      displayName: `Associate user ${i}`,
      role: UserRole.ASSOCIATE,
      administrationId: a.administrationId,
      associateId: a.uuid,
    })),
  );
  // The seed's nominations are the demonstration programme's, which the synthetic copies leave out: some in every cohort.
  await ds.getRepository(Nomination).save(
    cohorts.flatMap((c, i) =>
      [0, 1].map((j) => ({
        cohortId: c.uuid,
        administrationId: administration.uuid,
        candidateFullName: `Candidate ${i}-${j}`,
        candidateEmail: `candidate-${i}-${j}@example.org`,
        candidatePosition: 'Senior Customs Officer',
        candidateYearsOfService: 8,
        candidateLanguages: ['en'],
        motivation: MOTIVATION,
        status: NominationStatus.SUBMITTED,
        submittedAt: new Date('2026-02-01T00:00:00Z'),
        decidedAt: null,
      })),
    ),
  );
  const nominations = await ds.getRepository(Nomination).find();
  await ds.getRepository(Review).save(nominations.map((n, i) => ({ nominationId: n.uuid, reviewerId: users[i % users.length].uuid, score: 3, comment: null })));
  const profiles = await ds.getRepository(AlumniProfile).find();
  await ds.getRepository(AlumniActivity).save(
    profiles.map((p, i) => ({ alumniProfileId: p.uuid, kind: 'PUBLICATION' as never, date: '2028-01-15', title: `Activity ${i}`, description: null })),
  );
  // Outbox messages, one per arranged user, so OutboxMessage's relations are asked under 60 parents.
  const events = await ds.getRepository(OutboxEvent).save(
    users.map((u) => ({ type: 'PasswordChanged' as const, payload: { userId: u.uuid }, occurredAt: new Date('2026-11-01T00:00:00Z'), requestId: null, actorId: u.uuid, actorLabel: 'arrange', dedupeKey: null })),
  );
  await ds.getRepository(OutboxMessage).save(
    events.map((e, i) => ({
      eventId: e.uuid,
      eventType: e.type,
      channel: OutboxChannel.EMAIL,
      status: OutboxMessageStatus.SENT,
      recipientId: users[i].uuid,
      idempotencyKey: `n-plus-one:${e.uuid}`,
      attempts: 1,
      nextAttemptAt: null,
      leaseOwner: null,
      lastError: null,
      sentAt: new Date('2026-11-01T00:00:01Z'),
      createdAt: new Date('2026-11-01T00:00:00Z'),
      updatedAt: new Date('2026-11-01T00:00:01Z'),
    })),
  );
  // Webhook endpoints, each with two deliveries of one of those events, so WebhookEndpoint's relations are asked under 60 parents.
  const endpoints = await Promise.all(users.map((_u, i) => insertEndpoint(ds, new Date(Date.UTC(2026, 10, 1, 1, i)))));
  await ds.getRepository(OutboxMessage).save(
    endpoints.flatMap((endpoint, i) =>
      [0, 1].map((j) => ({
        eventId: events[(i + j) % events.length].uuid,
        eventType: 'CohortOpened' as const,
        channel: OutboxChannel.WEBHOOK,
        status: OutboxMessageStatus.SENT,
        recipientId: null,
        endpointId: endpoint.uuid,
        idempotencyKey: `n-plus-one:webhook:${endpoint.uuid}:${j}`,
        attempts: 1,
        nextAttemptAt: null,
        leaseOwner: null,
        lastError: null,
        sentAt: new Date('2026-11-01T00:00:01Z'),
        createdAt: new Date(Date.UTC(2026, 10, 1, 2, i, j)),
        updatedAt: new Date('2026-11-01T00:00:01Z'),
      })),
    ),
  );
  await ds.getRepository(AuditEntry).save(
    users.map((u, i) => ({
      occurredAt: new Date(Date.UTC(2026, 10, 1, 0, i)),
      actorId: u.uuid,
      actorLabel: u.displayName,
      requestId: null,
      operation: 'arrange',
      entityType: 'User',
      entityId: u.uuid,
      before: null,
      after: null,
    })),
  );
}

describeEachDatabase('N+1 guard on every relation (generated from the schema)', (kind) => {
  let server: TestServer;
  let admin: Caller;
  beforeAll(async () => {
    // Pages of 50 under pages of 50 are larger than any client's query: the cost and token limits are raised here only.
    server = await startTestServer(kind, { limits: { maxCost: 5_000_000, maxTokens: 10_000 } });
    await arrangeVolume(server);
    admin = await server.as(UserRole.ADMIN);
  }, 120_000);
  afterAll(async () => server?.close());

  // The committed SDL (schema.test.ts keeps it equal to the server's): the probes must be listed synchronously.
  const { probes: all, unreachable } = probes(buildSchema(fs.readFileSync(path.join(__dirname, '..', '..', 'schema.graphql'), 'utf8')));

  it('reaches every object type of the schema from a root connection', () => {
    expect(unreachable).toEqual([]);
    expect(all.length).toBeGreaterThan(30);
  });

  it.each(all.map((p) => [p.name, p] as const))('%s costs the same statements at page sizes 5 and 50', async (_name, probe) => {
    const run = async (size: number) => {
      const before = server.database.statements.count;
      const data = await admin.data(probe.query, { size });
      return { statements: server.database.statements.count - before, parents: parentsAt(data, probe.parentPath).length };
    };
    const small = await run(SMALL);
    const large = await run(LARGE);
    // More parents on the large page, or the comparison says nothing.
    expect(large.parents).toBeGreaterThan(small.parents);
    expect({ statements: large.statements }).toEqual({ statements: small.statements });
  });
});
