import type { QueryRunner } from 'typeorm';
import type { Logger } from './logger';

/**
 * What code deep below a request (the SQL logger) needs to know about it.
 * It travels explicitly: in the request context, and in the `data` of the
 * query runners that request's statements run on (see requestReader and
 * runTransaction), never in AsyncLocalStorage, whose promise hooks cost
 * every promise of every request about 5% of the cohort page's throughput.
 */
export interface RequestScope {
  requestId: string;
  log: Logger;
  slowStatements: { count: number; totalMs: number; slowestMs: number; slowestSql: string };
}

/** `log` is asked for only when something is logged: a request's logger is made on first use (see requestLogging). */
export function newRequestScope(requestId: string, log: () => Logger): RequestScope {
  return {
    requestId,
    get log() {
      return log();
    },
    slowStatements: { count: 0, totalMs: 0, slowestMs: 0, slowestSql: '' },
  };
}

/** What a query runner carries for the request it serves. */
export interface ScopedRunnerData {
  scope?: RequestScope;
}

/** The request a statement ran for, when it ran on a runner of that request; undefined outside requests (start-up, seeding, CLI). */
export function scopeOfRunner(queryRunner: QueryRunner | undefined): RequestScope | undefined {
  return (queryRunner?.data as ScopedRunnerData | undefined)?.scope;
}

/**
 * One warning per request for its slow statements, instead of one per
 * statement: a fan-out can send hundreds, and the log must stay readable.
 */
export function logSlowStatementSummary(scope: RequestScope): void {
  const { count, totalMs, slowestMs, slowestSql } = scope.slowStatements;
  if (!count) return;
  scope.log.warn({ requestId: scope.requestId, statements: count, totalMs, slowestMs, slowestSql }, 'slow sql statements in request');
}
