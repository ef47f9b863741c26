/**
 * The last-ADMIN rule under a race, over HTTP on both databases: the only
 * two active ADMINs deactivate each other at the same moment. One must win
 * and the other must get LAST_ADMIN, never a GraphQL error (on PostgreSQL
 * the two used to lock their rows in opposite orders and one died of
 * "deadlock detected").
 */
import { randomBytes } from 'node:crypto';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/db/seed/demo-users';
import { createLogger } from '../../server/src/common/logger';
import { fromGlobalId } from '../../server/src/graphql/relay/global-id';
import { describeEachDatabase } from '../support/databases';
import { payloadOf } from '../support/mutation-results';
import { startTestServer, type Caller, type TestServer } from '../support/server';

const CREATE_USER = `mutation ($input: CreateUserInput!) {
  createUser(input: $input) { user { id } userErrors { code field message } }
}`;
const DEACTIVATE_USER = `mutation ($input: DeactivateUserInput!) {
  deactivateUser(input: $input) { user { id isActive } userErrors { code field message } }
}`;
const ACTIVE_ADMINS = `{ users(first: 100, filter: { roleIn: [ADMIN], isActive: true }) { nodes { id email } } }`;
const VIEWER_ID = `{ viewer { id } }`;

const ROUNDS = 6;

/**
 * A write transaction held open until `release()`, so that the racing
 * mutations get as far as their first row lock and no further. On SQLite it
 * holds the one writer's queue. On PostgreSQL it holds share locks on the
 * two ADMINs' rows: both mutations wait there, and on release both go on at
 * the same instant, which is when locking the rows in opposite orders used
 * to end in a deadlock nearly every time.
 */
function holdWrites(server: TestServer, userIds: string[]) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const holding = new Promise<void>((resolve) => (held = resolve));
  const uuids = userIds.map((id) => fromGlobalId(id, new Set(['User'])).id);
  const done = server.database.database.transaction(async (manager) => {
    if (manager.connection.options.type === 'postgres') await manager.query('SELECT "id" FROM "app_user" WHERE "id" = ANY($1) FOR SHARE', [uuids]);
    held();
    await gate;
  }, server.clock);
  return { holding, release, done };
}

/** How many PostgreSQL sessions of this database wait on a lock. */
async function lockWaiters(server: TestServer): Promise<number> {
  const [{ waiting }] = await server.database.dataSource.query(
    `SELECT count(*)::int AS "waiting" FROM pg_stat_activity WHERE "datname" = current_database() AND "wait_event_type" = 'Lock'`,
  );
  return waiting;
}

/**
 * The server's log, at trace level: it counts the statements that read
 * sessions (each signed-in request's lookup of its bearer token) and keeps
 * the lines at warn and above.
 */
function traceLog() {
  const log = { sessionLookups: 0, warnings: [] as Array<Record<string, any>> };
  const logger = createLogger('trace', {
    write(line: string) {
      if (/"msg":"sql"/.test(line)) {
        if (/SELECT .* FROM \\"session\\"/.test(line)) log.sessionLookups += 1;
        return;
      }
      const parsed = JSON.parse(line);
      if (parsed.level >= 40) log.warnings.push(parsed);
    },
  });
  return { log, logger };
}

/** Resolves once `count()` has reached `target`; fails after a while instead of hanging. */
async function reached(count: () => number | Promise<number>, target: number, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await count()) < target) {
    if (Date.now() > deadline) throw new Error(`not seen in time: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

interface Admin {
  id: string;
  caller: Caller;
}

describeEachDatabase('two ADMINs deactivating each other at once', (kind) => {
  let server: TestServer;
  const { log, logger } = traceLog();
  beforeAll(async () => {
    server = await startTestServer(kind, { logger });
  });
  afterAll(async () => server?.close());

  async function newAdmin(by: Caller, round: number): Promise<Admin> {
    const email = `race-admin-${round}.${randomBytes(3).toString('hex')}@customs.example`;
    const password = `race password ${randomBytes(9).toString('base64url')}`;
    const created = payloadOf(
      await by.graphql(CREATE_USER, { input: { email, displayName: `Race admin ${round}`, role: 'ADMIN', password } }),
      'createUser',
    );
    expect(created.userErrors).toEqual([]);
    return { id: created.user.id, caller: await server.signIn(email, password) };
  }

  it('lets exactly one win and answers LAST_ADMIN to the other, round after round', async () => {
    const demo = await server.signIn(DEMO_USERS.ADMIN.email, DEMO_PASSWORD);
    let survivor: Admin = { id: (await demo.data(VIEWER_ID)).viewer.id, caller: demo };
    // Exactly one active ADMIN to start from; each round adds one, so the pair is always exactly two.
    for (const other of (await demo.data(ACTIVE_ADMINS)).users.nodes as Array<{ id: string }>) {
      if (other.id !== survivor.id) expect(payloadOf(await demo.graphql(DEACTIVATE_USER, { input: { id: other.id } }), 'deactivateUser').userErrors).toEqual([]);
    }

    for (let round = 1; round <= ROUNDS; round++) {
      const challenger = await newAdmin(survivor.caller, round);
      const pair = [survivor, challenger];
      // How many statements one signed-in request reads sessions with, measured on this query.
      const lookupsBeforeQuery = log.sessionLookups;
      expect(((await survivor.caller.data(ACTIVE_ADMINS)).users.nodes as Array<{ id: string }>).map((u) => u.id).sort()).toEqual(
        pair.map((a) => a.id).sort(),
      );
      const lookupsPerRequest = log.sessionLookups - lookupsBeforeQuery;
      expect(lookupsPerRequest).toBeGreaterThan(0);

      // Both requests must be signed in before either commits (a winner that committed first would end the
      // other's session, whose request would then rightly be UNAUTHENTICATED instead of racing), and on
      // PostgreSQL both must be waiting at their first row lock, so that they go on together.
      const hold = holdWrites(server, pair.map((a) => a.id));
      await hold.holding;
      const lookupsBefore = log.sessionLookups;
      const racing = Promise.all([
        survivor.caller.graphql(DEACTIVATE_USER, { input: { id: challenger.id } }),
        challenger.caller.graphql(DEACTIVATE_USER, { input: { id: survivor.id } }),
      ]);
      await reached(() => log.sessionLookups - lookupsBefore, 2 * lookupsPerRequest, 'both requests signed in');
      if (kind.name === 'postgres') await reached(() => lockWaiters(server), 2, 'both requests waiting on a row lock');
      hold.release();
      await hold.done;
      const results = await racing;

      const payloads = results.map((r) => payloadOf(r, 'deactivateUser'));
      const won = payloads.map((p) => p.userErrors.length === 0);
      expect(won.filter(Boolean)).toHaveLength(1);
      const loser = payloads[won.indexOf(false)];
      expect(loser).toEqual({ user: null, userErrors: [{ code: 'LAST_ADMIN', field: ['input', 'id'], message: expect.any(String) }] });
      const winner = pair[won.indexOf(true)];
      expect(payloads[won.indexOf(true)].user).toEqual({ id: pair[won.indexOf(false)].id, isActive: false });

      // The winner's target is gone; exactly one active ADMIN remains, and it is the winner.
      const remaining = ((await winner.caller.data(ACTIVE_ADMINS)).users.nodes as Array<{ id: string }>).map((u) => u.id);
      expect(remaining).toEqual([winner.id]);
      survivor = winner;
    }
    // The rows are locked in one order, so not even PostgreSQL's deadlock detector had to step in (nor a retry).
    expect(log.warnings.filter((l) => l.msg === 'transaction conflict, retrying' || l.msg === 'sql statement failed')).toEqual([]);
  });
});
