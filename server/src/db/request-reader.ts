import type { Response } from 'express';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { RequestScope, ScopedRunnerData } from '../common/request-scope';

/**
 * The manager a request reads through: the reading connection, as
 * `reader.manager`, but on a query runner that carries the request's scope
 * to the SQL logger (which TypeORM hands the runner of each statement).
 *
 * On SQLite every read shares the data source's one runner; the request's
 * runner inherits everything from it and only adds its own `data`. On
 * PostgreSQL a runner holds a pooled connection once it has queried, so the
 * request's runner never connects: each statement takes a runner (and a
 * connection) of its own for as long as it runs, as TypeORM does for
 * `reader.manager`, and hands it the scope.
 */
export function requestReader(reader: DataSource, scope: RequestScope): EntityManager {
  const data: ScopedRunnerData = { scope };
  const base = reader.createQueryRunner();
  const runner = Object.create(base) as QueryRunner;
  runner.data = data;
  if (reader.options.type === 'postgres') {
    runner.query = (async (...args: Parameters<QueryRunner['query']>) => {
      const statement = reader.createQueryRunner();
      statement.data = data;
      try {
        return await statement.query(...args);
      } finally {
        await statement.release();
      }
    }) as QueryRunner['query'];
  }
  return reader.createEntityManager(runner);
}

/** The reader of an HTTP request outside GraphQL (liveness, credential files), whose statements count for that request. */
export function readerOfResponse(reader: DataSource, res: Response): EntityManager {
  const scope = res.locals.scope as RequestScope | undefined;
  return scope ? requestReader(reader, scope) : reader.manager;
}
