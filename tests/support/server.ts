import 'reflect-metadata';
import pino from 'pino';
import { createApp, type CdpApp } from '../../server/src/app';
import { fixedClock, type Clock } from '../../server/src/common/clock';
import { createLogger, type Logger } from '../../server/src/common/logger';
import { openDatabase, type DataSourceBundle } from '../../server/src/db/data-source';
import { seed } from '../../server/src/db/seed/seed';
import type { DatabaseKind, TestDatabase } from './databases';

/** The instant every test runs at: the demonstration cohort is then 2027-2028. */
export const TEST_NOW = '2026-11-26T12:00:00.000Z';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

export interface TestServer {
  url: string;
  database: DataSourceBundle;
  clock: Clock;
  logger: Logger;
  /** POSTs a GraphQL operation over real HTTP. */
  graphql<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Like graphql() but fails the test on any GraphQL error. */
  data<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** Log lines at warn level and above, when started with `captureLogs`. */
  logLines: Array<Record<string, any>>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  playground?: boolean;
  /** Keep warn-and-above log lines in `logLines` (else the log is silent). */
  captureLogs?: boolean;
  /** Report statements slower than this (the server's default is 500 ms). */
  slowStatementMs?: number;
}

/** Migrates and seeds a fresh database, then serves it on a random port (with the playground, as in development). */
export async function startTestServer(kind: DatabaseKind, options: TestServerOptions = {}): Promise<TestServer> {
  const db: TestDatabase = await kind.create();
  const logLines: Array<Record<string, any>> = [];
  const logger = options.captureLogs
    ? createLogger('warn', { write: (line: string) => void logLines.push(JSON.parse(line)) })
    : createLogger('silent', pino.destination({ dest: '/dev/null', sync: true }));
  const clock = fixedClock(TEST_NOW);
  let database: DataSourceBundle | undefined;
  let app: CdpApp;
  let url: string;
  try {
    database = await openDatabase(db.config, logger, { slowStatementMs: options.slowStatementMs });
    await seed(database.dataSource, clock, logger);
    app = await createApp({ database, clock, logger, environment: 'test', playground: options.playground ?? true });
    url = await app.listen(0, '127.0.0.1');
  } catch (err) {
    // A failed start must not leave a database behind on the shared PostgreSQL server.
    await database?.dataSource.destroy();
    await db.drop();
    throw err;
  }
  const started = database;

  const graphql = async <T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GraphQLResponse<T>;
  };

  return {
    url,
    database: started,
    clock,
    logger,
    graphql,
    logLines,
    async data<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
      const result = await graphql<T>(query, variables);
      if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors, null, 2)}`);
      return result.data as T;
    },
    async close() {
      await app.close();
      // A test may have taken the database away on purpose.
      if (started.dataSource.isInitialized) await started.dataSource.destroy();
      await db.drop();
    },
  };
}
