/**
 * The documentation cannot rot: every fenced shell and GraphQL block of the
 * README, docs/ and the SDK's README is run here (tests/support/docs-blocks.ts
 * reads them and their directives).
 *
 * - GraphQL blocks run against the built server on each database, as the
 *   directive's role (anonymous otherwise), and must answer without an error
 *   or user error, unless the directive names the code they show.
 * - Shell blocks run with bash (`set -euo pipefail`) from the repository,
 *   against the built server on SQLite: `http://localhost:4000` becomes that
 *   server's address, and the absolute paths the docs use for an
 *   installation (`/var/backups/`, `/etc/cdp-hub/`, `/srv/cdp-hub/`) become
 *   folders of a temporary directory. Their output must hold no GraphQL
 *   `"errors"`.
 * - What CI runs itself (`npm install`, `npm ci`, `npm test`) is not run again
 *   inside `npm test`; the test checks that .ci/run runs it.
 * - `npm start` runs without its prestart build (`--ignore-scripts`), which
 *   `npm test` has just done; `npm run <script>` in a dry-run block runs the
 *   script's program without its build step, for the same reason.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSchema, LoneAnonymousOperationRule, NoUndefinedVariablesRule, NoUnusedVariablesRule, parse, specifiedRules, validate } from 'graphql';
import { SigningKeyRing } from '../../server/src/modules/certificate/credential/signing-keys';
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/src/db/seed/demo-users';
import { databaseUrl } from '../support/cdp-hub';
import { describeEachDatabase, type TestDatabase } from '../support/databases';
import { anchorsOf, blocksOf, commandsOf, directiveValue, documentationFiles, localLinksOf, ROOT, type DocBlock } from '../support/docs-blocks';
import { start, stop, waitForLog, type Running } from '../support/process';
import { TEST_NOW } from '../support/server';

jest.setTimeout(120_000);

const BLOCKS = documentationFiles().flatMap(blocksOf);
const SHELL = BLOCKS.filter((b) => ['sh', 'bash', 'shell'].includes(b.lang));
const GRAPHQL = BLOCKS.filter((b) => b.lang === 'graphql' && !b.directive.includes('sketch'));
const SKETCHES = BLOCKS.filter((b) => b.lang === 'graphql' && b.directive.includes('sketch'));
const SCHEMA = buildSchema(fs.readFileSync(path.join(ROOT, 'schema.graphql'), 'utf8'));
/** A sketch's variables stand for earlier answers, and one block shows several anonymous steps. */
const SKETCH_RULES = specifiedRules.filter((r) => ![NoUndefinedVariablesRule, NoUnusedVariablesRule, LoneAnonymousOperationRule].includes(r));
/** What a block that asks for a password (e.g. `cdp-hub user create`) reads on standard input. */
const DOCS_PASSWORD = `docs-${randomBytes(9).toString('base64url')}`;
const where = (b: DocBlock) => `${b.file}:${b.line}`;

const CI_COMMAND = /^\s*((?:[A-Z_]+=\S+\s+)*)npm (install|ci|test)\b[^\n]*$/gm;
const INSTALL_PATHS = ['/var/backups/', '/etc/cdp-hub/', '/srv/cdp-hub/'];
const PACKAGE_SCRIPTS: Record<string, string> = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts;

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-hub-docs-'));
const keyFile = path.join(work, 'signing-keys.json');
fs.writeFileSync(keyFile, JSON.stringify(SigningKeyRing.generate().toPrivateJwks()), { mode: 0o600 });
const PEPPER = randomBytes(36).toString('base64url');
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Where an installation path of the docs is in this run; the folder exists, as on an installed machine. */
function installPath(documented: string): string {
  const folder = path.join(work, documented.replace(/^\/|\/$/g, '').replace(/\//g, '-'));
  fs.mkdirSync(folder, { recursive: true });
  return `${folder}/`;
}

/** The development server as `npm start` runs it, on its own database, at the clock the tests pin. */
function serverEnv(database: string, port = '0'): Record<string, string> {
  return {
    NODE_ENV: 'development',
    DATABASE_URL: database,
    PORT: port,
    HOST: '127.0.0.1',
    CDP_CLOCK: TEST_NOW,
    CDP_SIGNING_KEY_FILE: keyFile,
    CDP_TOKEN_PEPPER: PEPPER,
    LOG_LEVEL: 'info',
  };
}

async function serve(database: string): Promise<{ running: Running; url: string }> {
  const running = start(serverEnv(database));
  const listening = await waitForLog(running, (l) => typeof l.url === 'string', 90_000);
  return { running, url: String(listening.url).replace(/\/graphql$/, '') };
}

async function postGraphQL(url: string, query: string, variables?: Record<string, unknown>, token?: string) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, any>; errors?: Array<{ extensions?: { code?: string } }> };
}

/** Every user error code anywhere in an answer. */
function userErrorCodes(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(userErrorCodes);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) =>
      key === 'userErrors' && Array.isArray(v) ? v.map((e) => String(e.code)) : userErrorCodes(v),
    );
  }
  return [];
}

function rewritten(block: DocBlock, url: string): string {
  let text = block.text.replace(CI_COMMAND, () => ': # run by .ci/run');
  text = text.replace(/http:\/\/localhost:4000/g, url);
  for (const p of INSTALL_PATHS) if (text.includes(p)) text = text.split(p).join(installPath(p));
  if (block.directive.includes('dry-run')) {
    text = text.replace(/npm run ([\w:-]+)(?: --)?/g, (_whole, script: string) => {
      const command = PACKAGE_SCRIPTS[script];
      if (!command) throw new Error(`${where(block)}: no npm script "${script}"`);
      return command.replace(/^npm run build(?: -w \S+)? && /, '');
    });
  }
  return text.replace(/\bnpm start\b/g, 'npm start --ignore-scripts');
}

async function bash(script: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn('bash', ['-c', `set -euo pipefail\n${script}`], { cwd: ROOT, env: { ...process.env, ...env } });
  // A script that reads nothing may exit before its input is written: that is no failure of the block.
  child.stdin.on('error', () => undefined);
  child.stdin.end(`${DOCS_PASSWORD}\n`);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const [code] = await once(child, 'close');
  return { code, stdout, stderr };
}

describe('the documentation', () => {
  it('has shell and GraphQL blocks to run, each GraphQL block a valid document', () => {
    expect(SHELL.length).toBeGreaterThan(5);
    expect(GRAPHQL.length).toBeGreaterThan(5);
    for (const block of GRAPHQL) expect(() => parse(block.text)).not.toThrow();
  });

  if (SKETCHES.length) it.each(SKETCHES.map((b) => [where(b), b] as const))('%s (a walk-through step) is valid against the schema, and its walk is a test', (_where, block) => {
    expect(validate(SCHEMA, parse(block.text), SKETCH_RULES).map((e) => e.message)).toEqual([]);
    const walk = directiveValue(block, 'sketch');
    expect(walk && fs.existsSync(path.join(ROOT, 'tests', 'e2e', walk))).toBe(true);
  });

  it.each([...documentationFiles(), 'sdk/README.md'])('%s links only to files and headings that exist', (file) => {
    const broken = localLinksOf(file).filter(
      ({ target, anchor }) => !fs.existsSync(path.join(ROOT, target)) || (anchor !== null && target.endsWith('.md') && !anchorsOf(target).has(anchor)),
    );
    expect(broken).toEqual([]);
  });

  it('shows only CI commands that .ci/run runs', () => {
    const ci = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
    const shown = SHELL.flatMap((b) => [...b.text.matchAll(CI_COMMAND)].map((m) => m[2]));
    expect(shown.length).toBeGreaterThan(0);
    for (const command of new Set(shown)) expect(ci).toMatch(command === 'test' ? /^npm test$/m : /^npm ci\b/m);
  });
});

describe('the documentation shell blocks, against the built server on SQLite', () => {
  let server: { running: Running; url: string };
  beforeAll(async () => {
    server = await serve(`sqlite:${path.join(work, 'docs.sqlite')}`);
  });
  afterAll(async () => {
    await stop(server.running);
  });

  const plain = SHELL.filter((b) => !b.directive.includes('serves'));
  it.each(plain.map((b) => [where(b), b] as const))('%s runs', async (_where, block) => {
    const env = { ...serverEnv(`sqlite:${path.join(work, 'docs.sqlite')}`), CDP_HUB_DRY_RUN: block.directive.includes('dry-run') ? '1' : '0' };
    const result = await bash(rewritten(block, server.url), env);
    expect({ code: result.code, stderr: result.code === 0 ? '' : result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).not.toMatch(/"errors"\s*:/);
  });

  const serving = SHELL.filter((b) => b.directive.includes('serves'));
  if (serving.length === 0) it.todo('starts a server as a `serves` block shows (none yet)');
  else it.each(serving.map((b) => [where(b), b] as const))('%s starts a server that answers and stops on SIGTERM', async (_where, block) => {
    const commands = commandsOf({ ...block, text: rewritten(block, server.url) });
    const env = serverEnv(`sqlite:${path.join(work, `serves-${block.line}.sqlite`)}`, String(40_000 + (block.line % 20_000)));
    const before = await bash(commands.slice(0, -1).join('\n') || ':', env);
    expect(before.code).toBe(0);
    const child = spawn('bash', ['-c', `exec ${commands[commands.length - 1]}`], { cwd: ROOT, env: { ...process.env, ...env }, detached: true });
    try {
      let health: Response | undefined;
      for (let i = 0; i < 900 && !health?.ok; i++) {
        await new Promise((r) => setTimeout(r, 100));
        health = await fetch(`http://127.0.0.1:${env.PORT}/healthz`).catch(() => undefined);
      }
      expect(health?.status).toBe(200);
      const answer = await postGraphQL(`http://127.0.0.1:${env.PORT}`, '{ cohorts(first: 1) { totalCount } }');
      expect(answer.data?.cohorts.totalCount).toBeGreaterThan(0);
    } finally {
      process.kill(-child.pid!, 'SIGTERM');
      await once(child, 'close');
    }
  });
});

describeEachDatabase('the documentation GraphQL blocks, against the built server', (kind) => {
  let db: TestDatabase;
  let server: { running: Running; url: string };
  const tokens = new Map<string, string>();
  beforeAll(async () => {
    db = await kind.create();
    server = await serve(databaseUrl(db.config));
  });
  afterAll(async () => {
    await stop(server.running);
    await db.drop();
  });

  async function tokenOf(role: string): Promise<string> {
    if (!tokens.has(role)) {
      const user = DEMO_USERS[role as keyof typeof DEMO_USERS];
      if (!user) throw new Error(`no demo user of role ${role}`);
      const answer = await postGraphQL(server.url, 'mutation ($input: LoginInput!) { login(input: $input) { token } }', {
        input: { email: user.email, password: DEMO_PASSWORD },
      });
      tokens.set(role, answer.data!.login.token);
    }
    return tokens.get(role)!;
  }

  it.each(GRAPHQL.map((b) => [where(b), b] as const))('%s answers', async (_where, block) => {
    const role = directiveValue(block, 'as');
    const answer = await postGraphQL(server.url, block.text, block.variables, role ? await tokenOf(role) : undefined);
    const codes = [...(answer.errors ?? []).map((e) => String(e.extensions?.code)), ...userErrorCodes(answer.data)];
    const expected = directiveValue(block, 'expect');
    expect(codes).toEqual(expected ? [expected] : []);
  });
});
