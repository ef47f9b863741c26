/**
 * Backups that restore, on each database: `cdp-hub backup` while the server
 * serves a load of reads and writes, `cdp-hub restore` into a fresh
 * database, `cdp-hub verify` on the backup and on the restored database, and
 * the built server started on it: every write acknowledged before the backup
 * began is there, and the certificates still verify.
 */
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import os from 'node:os';
import path from 'node:path';
import { SigningKeyRing } from '../../server/src/modules/certificate/credential/signing-keys';
import { UserRole } from '../../server/src/modules/user/user-role';
import { postgresRunner, sqliteRunner, type SqlRunner } from '../../server/src/ops/sql-runner';
import { cdpHub, CDP_HUB, databaseUrl } from '../support/cdp-hub';
import { describeEachDatabase, type TestDatabase } from '../support/databases';
import { start, stop, waitForLog } from '../support/process';
import { startTestServer, TEST_NOW, type Caller, type TestServer } from '../support/server';

const SCHEDULE = `mutation ($input: ScheduleEventInput!) { scheduleEvent(input: $input) { event { id } userErrors { code } } }`;
const READ = `{ cohorts(first: 20) { totalCount nodes { label associates { totalCount } } } }`;

/** Writes (each an acknowledged scheduleEvent, with when its answer arrived) and reads, by several workers, until stopped. */
function load(admin: Caller, workers: number) {
  const acknowledged: Array<{ title: string; at: number }> = [];
  let reads = 0;
  let running = true;
  let n = 0;
  const write = async () => {
    while (running) {
      const title = `Load workshop ${++n}`;
      const { data } = await admin.graphql(SCHEDULE, {
        input: { kind: 'WORKSHOP', title, startsAt: '2027-02-01T09:00:00Z', location: 'WCO, Brussels' },
      });
      if (data?.scheduleEvent?.event) acknowledged.push({ title, at: Date.now() });
      else throw new Error(`write refused: ${JSON.stringify(data)}`);
    }
  };
  const read = async () => {
    while (running) {
      await admin.data(READ);
      reads += 1;
    }
  };
  const all = Promise.all([...Array.from({ length: workers }, write), read()]);
  return {
    acknowledged,
    reads: () => reads,
    stop: async () => {
      running = false;
      await all;
    },
  };
}

describeEachDatabase('backup under load, restore, verify, serve', (kind) => {
  let dir: string;
  let keyFile: string;
  let server: TestServer;
  const targets: TestDatabase[] = [];
  const ring = SigningKeyRing.generate();

  beforeAll(async () => {
    if (!fs.existsSync(CDP_HUB)) throw new Error(`${CDP_HUB} is missing: run npm run build first`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-hub-backup-'));
    keyFile = path.join(dir, 'signing-keys.json');
    fs.writeFileSync(keyFile, JSON.stringify(ring.toPrivateJwks()), { mode: 0o600 });
    server = await startTestServer(kind, { credentials: { keys: ring, publicUrl: 'http://localhost:4000' } });
  });
  afterAll(async () => {
    await server?.close();
    for (const t of targets) await t.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const env = (url: string) => ({ DATABASE_URL: url, CDP_CLOCK: TEST_NOW, CDP_SIGNING_KEY_FILE: keyFile, CDP_TOKEN_PEPPER: 'p'.repeat(40) });
  const runner = (config: TestDatabase['config']): Promise<SqlRunner> =>
    config.kind === 'sqlite' ? Promise.resolve(sqliteRunner(config.file)) : postgresRunner(config.url);

  it('keeps every write acknowledged before the backup began; the restored database verifies and serves its certificates', async () => {
    const admin = await server.as(UserRole.ADMIN);
    // A long reader (a report, say) holds a snapshot on SQLite: the load's writes then stay in the WAL, where a copy
    // of the database file alone would miss them.
    const holder = server.databaseConfig.kind === 'sqlite' ? new BetterSqlite3(server.databaseConfig.file, { readonly: true }) : null;
    holder?.exec('BEGIN');
    holder?.prepare('SELECT COUNT(*) FROM "event"').get();
    const running = load(admin, 2);
    await new Promise((r) => setTimeout(r, 1500));
    const backup = path.join(dir, `cdp-hub.${kind.name}.backup`);
    const began = Date.now();
    const made = await cdpHub(['backup', '--to', backup], env(databaseUrl(server.databaseConfig)));
    const ended = Date.now();
    await new Promise((r) => setTimeout(r, 500));
    await running.stop();
    holder?.exec('COMMIT');
    holder?.close();
    expect(made).toMatchObject({ code: 0, stdout: `${backup}\n` });
    const before = running.acknowledged.filter((w) => w.at < began);
    // The load ran on both sides of the backup: writes and reads were served while it was made.
    expect(before.length).toBeGreaterThan(5);
    expect(running.acknowledged.filter((w) => w.at > began && w.at < ended).length + running.acknowledged.filter((w) => w.at >= ended).length).toBeGreaterThan(0);
    expect(running.reads()).toBeGreaterThan(0);

    // The backup itself verifies.
    const checkedBackup = await cdpHub(['verify', '--from', backup], env(databaseUrl(server.databaseConfig)));
    expect(checkedBackup.stdout).not.toMatch(/^FAIL/m);
    expect(checkedBackup.code).toBe(0);

    const target = await kind.create();
    targets.push(target);
    const restored = await cdpHub(['restore', '--from', backup], env(databaseUrl(target.config)));
    expect(restored).toMatchObject({ code: 0 });
    const verified = await cdpHub(['verify'], env(databaseUrl(target.config)));
    expect(verified.stdout).toMatch(/^ok\s+credentials\s+47 credentials verify/m);
    expect(verified.stdout).not.toMatch(/^FAIL/m);
    expect(verified.code).toBe(0);

    const r = await runner(target.config);
    let titles: Set<string>;
    try {
      titles = new Set((await r.query<{ title: string }>(`SELECT "title" FROM "event" WHERE "title" LIKE 'Load workshop %'`)).map((e) => e.title));
    } finally {
      await r.close();
    }
    expect(before.filter((w) => !titles.has(w.title))).toEqual([]);

    // The built server starts on the restored database and serves it: the writes, and certificates that verify.
    const restoredServer = start({ ...env(databaseUrl(target.config)), PORT: '0', HOST: '127.0.0.1', SEED_ON_START: 'false' });
    try {
      const ready = await waitForLog(restoredServer, (l) => typeof l.url === 'string');
      const ask = async (query: string) =>
        (await (await fetch(ready.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json()) as any;
      const events = await ask(`{ events(first: 1) { totalCount } }`);
      expect(events.data.events.totalCount).toBeGreaterThanOrEqual(14 + before.length);
      const verification = await ask(`{ verifyCertificate(serial: "CDP-2024-001") { isValid reason } }`);
      expect(verification.data.verifyCertificate).toEqual({ isValid: true, reason: 'VALID' });
    } finally {
      await stop(restoredServer);
    }
  });
});
