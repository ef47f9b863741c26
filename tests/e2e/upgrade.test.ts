/**
 * Upgrades: each release's databases (tests/fixtures/releases/<release>/,
 * made by that release's code) migrate forward with `cdp-hub migrate` to
 * the current schema with every row kept, `cdp-hub verify` passes on them
 * (their certificates against the keys that signed them), and the server
 * serves them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { postgresRunner, sqliteRunner, type SqlRunner } from '../../server/src/ops/sql-runner';
import { cdpHub, CDP_HUB, databaseUrl } from '../support/cdp-hub';
import { describeEachDatabase, type TestDatabase } from '../support/databases';
import { start, stop, waitForLog } from '../support/process';
import { TEST_NOW } from '../support/server';

const RELEASES_DIR = path.resolve(__dirname, '..', 'fixtures', 'releases');
const RELEASES = fs
  .readdirSync(RELEASES_DIR, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

/** Rows each migration since a release adds on purpose: DemonstrationProgramme moves the demo cohort into a programme of its own, and audits the move. */
const ADDED_BY_MIGRATIONS: Record<string, Record<string, number>> = {
  '1.0.0': { programme: 1, audit_entry: 1 },
};

async function withRunner<T>(config: TestDatabase['config'], work: (r: SqlRunner) => Promise<T>): Promise<T> {
  const r = config.kind === 'sqlite' ? sqliteRunner(config.file) : await postgresRunner(config.url);
  try {
    return await work(r);
  } finally {
    await r.close();
  }
}

async function snapshot(r: SqlRunner, tables: string[]) {
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = Number((await r.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM "${t}"`))[0].n);
  const rows = async (sql: string) => (await r.query(sql)).map((row) => JSON.parse(JSON.stringify(row)));
  return {
    counts,
    certificates: await rows(`SELECT "id", "serial", "associateId", "issuedAt", "credential" FROM "certificate" ORDER BY "serial"`),
    users: await rows(`SELECT "id", "email", "passwordHash", "role", "isActive", "isDemo" FROM "app_user" ORDER BY "email"`),
    associates: await rows(`SELECT "id", "fullName", "cohortId", "administrationId" FROM "professional_associate" ORDER BY "id"`),
    cohorts: await rows(`SELECT "id", "label", "status", "programmeId" FROM "cohort" ORDER BY "label", "id"`),
    audit: await rows(`SELECT "id", "operation", "after" FROM "audit_entry" ORDER BY "id"`),
  };
}

describeEachDatabase('upgrading the databases of earlier releases', (kind) => {
  let dir: string;
  const databases: TestDatabase[] = [];
  beforeAll(() => {
    if (!fs.existsSync(CDP_HUB)) throw new Error(`${CDP_HUB} is missing: run npm run build first`);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-hub-upgrade-'));
  });
  afterAll(async () => {
    for (const db of databases) await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has a fixture of each database for every release', () => {
    expect(RELEASES.length).toBeGreaterThan(0);
    for (const release of RELEASES) {
      expect(fs.existsSync(path.join(RELEASES_DIR, release, kind.name === 'sqlite' ? 'sqlite.db.gz' : 'postgres.dump'))).toBe(true);
    }
  });

  for (const release of RELEASES) {
    it(`migrates ${release}'s database forward with every row kept; verify passes and the server serves it`, async () => {
      const fixture = path.join(RELEASES_DIR, release);
      const keys = path.join(fixture, 'signing-keys.public.json');
      const db = await kind.create();
      databases.push(db);
      const env = { DATABASE_URL: databaseUrl(db.config), CDP_CLOCK: TEST_NOW, CDP_TOKEN_PEPPER: 'p'.repeat(40), CDP_SIGNING_KEY_FILE: keys };
      if (db.config.kind === 'sqlite') {
        fs.mkdirSync(path.dirname(db.config.file), { recursive: true });
        fs.writeFileSync(db.config.file, zlib.gunzipSync(fs.readFileSync(path.join(fixture, 'sqlite.db.gz'))));
      } else {
        expect(await cdpHub(['restore', '--from', path.join(fixture, 'postgres.dump')], env)).toMatchObject({ code: 0 });
      }
      const recorded: Record<string, number> = JSON.parse(fs.readFileSync(path.join(fixture, 'counts.json'), 'utf8'))[kind.name];
      const tables = Object.keys(recorded);
      const before = await withRunner(db.config, (r) => snapshot(r, tables));
      expect(before.counts).toEqual(recorded);

      const check = await cdpHub(['migrate', '--check'], env);
      expect(check.code).toBe(1);
      const migrated = await cdpHub(['migrate'], env);
      expect(migrated.code).toBe(0);
      const applied = migrated.stdout.trim().split('\n');
      expect(applied.length).toBeGreaterThan(0);
      expect(await cdpHub(['migrate', '--check'], env)).toMatchObject({ code: 0 });

      const after = await withRunner(db.config, (r) => snapshot(r, tables));
      const added: Record<string, number> = { ...ADDED_BY_MIGRATIONS[release], migrations: applied.length };
      for (const table of tables) expect({ table, rows: after.counts[table] }).toEqual({ table, rows: recorded[table] + (added[table] ?? 0) });
      expect(after.certificates).toEqual(before.certificates);
      expect(after.users).toEqual(before.users);
      expect(after.associates).toEqual(before.associates);
      // Every cohort kept; only the demonstration cohort changed programme.
      const moved = after.cohorts.filter((c, i) => c.programmeId !== before.cohorts[i].programmeId);
      expect(after.cohorts.map(({ programmeId: _, ...c }) => c)).toEqual(before.cohorts.map(({ programmeId: _, ...c }) => c));
      expect(moved.map((c) => c.label)).toEqual(['2027-2028']);
      expect(after.audit.filter((a) => !before.audit.some((b) => b.id === a.id)).map((a) => a.operation)).toEqual(['moveDemonstrationCohort']);

      const verified = await cdpHub(['verify', '--keys', keys], env);
      expect(verified.stdout).not.toMatch(/^FAIL/m);
      expect(verified.stdout).toMatch(/^ok\s+credentials\s+47 credentials verify against 1 published key/m);
      expect(verified.code).toBe(0);

      // Served by this version with a key appended (the fixture keeps only public keys): its old certificates still verify.
      const ring = path.join(dir, `${release}-${kind.name}-keys.json`);
      fs.copyFileSync(keys, ring);
      expect((await cdpHub(['keys', 'rotate', '--file', ring], {})).code).toBe(0);
      const server = start({ ...env, CDP_SIGNING_KEY_FILE: ring, PORT: '0', HOST: '127.0.0.1', SEED_ON_START: 'false', MIGRATE_ON_START: 'false' });
      try {
        const ready = await waitForLog(server, (l) => typeof l.url === 'string');
        const ask = async (query: string) =>
          (await (await fetch(ready.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json()) as any;
        expect((await ask(`{ verifyCertificate(serial: "CDP-2024-001") { isValid reason } }`)).data.verifyCertificate).toEqual({ isValid: true, reason: 'VALID' });
        expect((await ask(`{ cohort(label: "2027-2028", programmeCode: "CDP-DEMO") { status } }`)).data.cohort).toEqual({ status: 'NOMINATIONS_OPEN' });
      } finally {
        await stop(server);
      }
    });
  }
});
