import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from './logger';

/** What code deep below a request (error formatting, the SQL logger) needs to know about it. */
export interface RequestScope {
  requestId: string;
  log: Logger;
  slowStatements: { count: number; totalMs: number; slowestMs: number; slowestSql: string };
}

const storage = new AsyncLocalStorage<RequestScope>();

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

/** Runs `fn` (and everything it awaits) inside the scope of one HTTP request. */
export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The current request's scope, or undefined outside a request (start-up, seeding, migrations). */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
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
