/**
 * `cdp-hub verify`: whether a database (or a backup of one) is whole. Each
 * check answers ok or not, with one line of detail: the pages (SQLite's
 * integrity_check; on PostgreSQL every table is read through), the foreign
 * keys, the migrations table against this code, every certificate
 * credential's proof against the published keys, and the audit log against
 * the tables (every audited object present; every table holding at least
 * the rows the seed recorded creating).
 */
import { knownMigrationNames } from '../db/migration-status';
import { credentialUrls } from '../modules/certificate/credential/credential-settings';
import { verifyEddsaJcs2022, type JsonObject } from '../modules/certificate/credential/data-integrity';
import type { SigningKey } from '../modules/certificate/credential/signing-keys';
import { quoteIdent, tableNames, type SqlRunner } from './sql-runner';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface VerifyOptions {
  /** The published keys (public halves suffice); null when none could be read, which fails the credentials check. */
  keys: readonly SigningKey[] | null;
  /** CDP_PUBLIC_URL: credentials name their certificate and key under it. */
  publicUrl: string;
}

/** The table of each audited entity type; no row of these is ever deleted, so each audited object must be present. */
const AUDITED_TABLES: Readonly<Record<string, string>> = {
  Administration: 'administration',
  AlumniActivity: 'alumni_activity',
  AlumniProfile: 'alumni_profile',
  Certificate: 'certificate',
  Cohort: 'cohort',
  Event: 'event',
  Invitation: 'invitation',
  Milestone: 'milestone',
  Nomination: 'nomination',
  ProfessionalAssociate: 'professional_associate',
  Programme: 'programme',
  Region: 'region',
  ResearchProject: 'research_project',
  Review: 'review',
  User: 'app_user',
};

/** The seed's names (see find-or-create.ts) of the tables it counts. */
const SEEDED_TABLES: Readonly<Record<string, string>> = { ...AUDITED_TABLES, ResearchTheme: 'research_theme' };

export async function verifyDatabase(runner: SqlRunner, options: VerifyOptions): Promise<Check[]> {
  const tables = new Set(await tableNames(runner));
  const checks: Check[] = [];
  const attempt = async (name: string, check: () => Promise<Omit<Check, 'name'>>) => {
    try {
      checks.push({ name, ...(await check()) });
    } catch (err) {
      checks.push({ name, ok: false, detail: `could not check: ${err instanceof Error ? err.message : String(err)}` });
    }
  };
  await attempt('integrity', () => integrity(runner, tables));
  await attempt('foreign keys', () => foreignKeys(runner));
  await attempt('migrations', () => migrations(runner, tables));
  await attempt('credentials', () => credentials(runner, tables, options));
  await attempt('audit log', () => auditLog(runner, tables));
  return checks;
}

async function integrity(runner: SqlRunner, tables: Set<string>): Promise<Omit<Check, 'name'>> {
  if (runner.dialect === 'sqlite') {
    const rows = await runner.query<{ integrity_check: string }>('PRAGMA integrity_check');
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    return problems.length ? { ok: false, detail: `integrity_check: ${problems.slice(0, 3).join('; ')}` } : { ok: true, detail: 'integrity_check: ok' };
  }
  // PostgreSQL has no integrity_check: reading every row of every table reads every heap page.
  let rows = 0;
  for (const table of tables) rows += Number((await runner.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${quoteIdent(table)}`))[0].n);
  return { ok: true, detail: `${tables.size} tables read through (${rows} rows)` };
}

async function foreignKeys(runner: SqlRunner): Promise<Omit<Check, 'name'>> {
  if (runner.dialect === 'sqlite') {
    const rows = await runner.query<{ table: string; parent: string }>('PRAGMA foreign_key_check');
    if (!rows.length) return { ok: true, detail: 'foreign_key_check: no row points at a missing row' };
    const byTable = new Map<string, number>();
    for (const r of rows) byTable.set(`${r.table} -> ${r.parent}`, (byTable.get(`${r.table} -> ${r.parent}`) ?? 0) + 1);
    return { ok: false, detail: `${rows.length} row(s) point at missing rows: ${[...byTable].map(([k, n]) => `${k} (${n})`).join(', ')}` };
  }
  // PostgreSQL enforces them, unless triggers were disabled (a restore with session_replication_role = replica): check anyway.
  const constraints = await runner.query<{ child: string; parent: string; name: string; child_cols: string[]; parent_cols: string[] }>(
    `SELECT c.conname AS name, ch.relname AS child, pa.relname AS parent,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS child_cols,
            ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS parent_cols
       FROM pg_constraint c
       JOIN pg_class ch ON ch.oid = c.conrelid
       JOIN pg_class pa ON pa.oid = c.confrelid
       JOIN pg_namespace ns ON ns.oid = ch.relnamespace
      WHERE c.contype = 'f' AND ns.nspname = 'public'`,
  );
  const broken: string[] = [];
  for (const fk of constraints) {
    const notNull = fk.child_cols.map((col) => `c.${quoteIdent(col)} IS NOT NULL`).join(' AND ');
    const match = fk.child_cols.map((col, i) => `p.${quoteIdent(fk.parent_cols[i])} = c.${quoteIdent(col)}`).join(' AND ');
    const [{ n }] = await runner.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM ${quoteIdent(fk.child)} c WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${quoteIdent(fk.parent)} p WHERE ${match})`,
    );
    if (Number(n) > 0) broken.push(`${fk.child} -> ${fk.parent} (${n})`);
  }
  return broken.length
    ? { ok: false, detail: `rows point at missing rows: ${broken.join(', ')}` }
    : { ok: true, detail: `${constraints.length} foreign keys: no row points at a missing row` };
}

async function migrations(runner: SqlRunner, tables: Set<string>): Promise<Omit<Check, 'name'>> {
  if (!tables.has('migrations')) return { ok: false, detail: 'no migrations table: not a CDP Hub database' };
  const applied = (await runner.query<{ name: string }>(`SELECT "name" FROM "migrations" ORDER BY "timestamp", "id"`)).map((r) => r.name);
  const known = knownMigrationNames();
  const unknown = applied.filter((n) => !known.includes(n));
  if (unknown.length) return { ok: false, detail: `made by a newer CDP Hub: unknown migration(s) ${unknown.join(', ')}` };
  const pending = known.filter((n) => !applied.includes(n));
  return {
    ok: true,
    detail: pending.length
      ? `${applied.length} applied; ${pending.length} pending (an older version's database: \`cdp-hub migrate\` upgrades it)`
      : `${applied.length} applied, none pending`,
  };
}

async function credentials(runner: SqlRunner, tables: Set<string>, options: VerifyOptions): Promise<Omit<Check, 'name'>> {
  if (!tables.has('certificate')) return { ok: true, detail: 'no certificates' };
  const rows = await runner.query<{ serial: string; credential: unknown }>(
    `SELECT "serial", "credential" FROM "certificate" WHERE "credential" IS NOT NULL ORDER BY "serial"`,
  );
  if (!rows.length) return { ok: true, detail: 'no signed certificates' };
  if (!options.keys) return { ok: false, detail: `${rows.length} signed certificates, but no keys to check them with (CDP_SIGNING_KEY_FILE or --keys)` };
  const urls = credentialUrls(options.publicUrl);
  const prefix = `${urls.keys}#`;
  const keys = options.keys;
  const resolve = (method: string) => (method.startsWith(prefix) ? (keys.find((k) => k.kid === method.slice(prefix.length))?.publicKey ?? null) : null);
  const failed: string[] = [];
  for (const row of rows) {
    let credential: JsonObject;
    try {
      credential = typeof row.credential === 'string' ? JSON.parse(row.credential) : (row.credential as JsonObject);
    } catch {
      failed.push(`${row.serial} (not JSON)`);
      continue;
    }
    if (credential.id !== urls.certificate(row.serial)) {
      failed.push(`${row.serial} (names ${String(credential.id)})`);
      continue;
    }
    const check = verifyEddsaJcs2022(credential, resolve);
    if (!check.verified) failed.push(`${row.serial} (${check.problem})`);
  }
  return failed.length
    ? { ok: false, detail: `${failed.length} of ${rows.length} credentials do not verify: ${failed.slice(0, 5).join(', ')}${failed.length > 5 ? ', ...' : ''}` }
    : { ok: true, detail: `${rows.length} credentials verify against ${keys.length} published key(s)` };
}

async function auditLog(runner: SqlRunner, tables: Set<string>): Promise<Omit<Check, 'name'>> {
  if (!tables.has('audit_entry')) return { ok: false, detail: 'no audit_entry table' };
  const [{ n: entries }] = await runner.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "audit_entry"`);
  const problems: string[] = [];
  let audited = 0;
  for (const [type, table] of Object.entries(AUDITED_TABLES)) {
    if (!tables.has(table)) continue;
    const [{ total, missing }] = await runner.query<{ total: string; missing: string }>(
      `SELECT COUNT(DISTINCT a."entityId") AS total,
              COUNT(DISTINCT CASE WHEN NOT EXISTS (SELECT 1 FROM ${quoteIdent(table)} t WHERE t."id" = a."entityId") THEN a."entityId" END) AS missing
         FROM "audit_entry" a WHERE a."entityType" = $1 AND a."entityId" IS NOT NULL`,
      [type],
    );
    audited += Number(total);
    if (Number(missing) > 0) problems.push(`${missing} audited ${type} row(s) missing from ${table}`);
  }
  // The seed records what it created in one entry; rows of these types are never deleted, so the tables hold at least that.
  const seeded = new Map<string, number>();
  for (const { after } of await runner.query<{ after: string | null }>(`SELECT "after" FROM "audit_entry" WHERE "operation" = 'seed' AND "entityType" = 'Database'`)) {
    const counts = after ? (JSON.parse(after) as Record<string, unknown>) : {};
    for (const [type, n] of Object.entries(counts)) if (typeof n === 'number') seeded.set(type, (seeded.get(type) ?? 0) + n);
  }
  for (const [type, n] of seeded) {
    const table = SEEDED_TABLES[type];
    if (!table || !tables.has(table)) continue;
    const [{ n: rows }] = await runner.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${quoteIdent(table)}`);
    if (Number(rows) < n) problems.push(`${table} has ${rows} rows, the seed recorded creating ${n}`);
  }
  return problems.length
    ? { ok: false, detail: problems.join('; ') }
    : { ok: true, detail: `${entries} entries; all ${audited} audited objects present; every table holds at least what the seed recorded` };
}
