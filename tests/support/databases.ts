import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { DatabaseConfig } from '../../server/src/config';

export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

export interface DatabaseKind {
  name: 'sqlite' | 'postgres';
  create(): Promise<TestDatabase>;
}

const sqlite: DatabaseKind = {
  name: 'sqlite',
  async create() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-hub-test-'));
    return {
      config: { kind: 'sqlite', file: path.join(dir, 'cdp-hub.sqlite') },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  },
};

/** A fresh database on the server named by TEST_POSTGRES_URL, dropped afterwards. */
function postgres(adminUrl: string): DatabaseKind {
  return {
    name: 'postgres',
    async create() {
      const name = `cdp_test_${randomBytes(6).toString('hex')}`;
      const admin = new Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        config: { kind: 'postgres', url: url.toString() },
        drop: async () => {
          const cleanup = new Client({ connectionString: adminUrl });
          await cleanup.connect();
          await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await cleanup.end();
        },
      };
    },
  };
}

export const POSTGRES_URL = process.env.TEST_POSTGRES_URL;

/** SQLite always; PostgreSQL too when TEST_POSTGRES_URL is set. */
export const DATABASE_KINDS: DatabaseKind[] = [sqlite, ...(POSTGRES_URL ? [postgres(POSTGRES_URL)] : [])];

let noticeShown = false;

/**
 * What becomes of the PostgreSQL runs: they run with TEST_POSTGRES_URL;
 * without it they are skipped on a developer's machine, but fail under CI,
 * where a silent skip would pass a build that never touched PostgreSQL.
 */
export function postgresRuns(env: NodeJS.ProcessEnv): 'run' | 'skip' | 'fail' {
  if (env.TEST_POSTGRES_URL) return 'run';
  return env.CI ? 'fail' : 'skip';
}

/**
 * Runs a suite once per database. Without TEST_POSTGRES_URL the PostgreSQL
 * run is reported as skipped, with a notice saying how to enable it, or
 * fails under CI.
 */
export function describeEachDatabase(title: string, suite: (kind: DatabaseKind) => void): void {
  for (const kind of DATABASE_KINDS) describe(`${title} [${kind.name}]`, () => suite(kind));
  const policy = postgresRuns(process.env);
  if (policy === 'fail') {
    describe(`${title} [postgres]`, () => {
      it('runs on PostgreSQL', () => {
        throw new Error('CI is set but TEST_POSTGRES_URL is not: the PostgreSQL runs cannot be skipped under CI (.ci/run sets it).');
      });
    });
  } else if (policy === 'skip') {
    if (!noticeShown) {
      noticeShown = true;
      console.warn('NOTICE: TEST_POSTGRES_URL is not set; the PostgreSQL runs are skipped. .ci/run sets it.');
    }
    describe.skip(`${title} [postgres: set TEST_POSTGRES_URL to run]`, () => {
      it('runs on PostgreSQL', () => undefined);
    });
  }
}
