import type { QueryRunner, Logger as TypeOrmLogger } from 'typeorm';
import type { Logger } from '../common/logger';
import { scopeOfRunner } from '../common/request-scope';

/** Counts every SQL statement the server sends; the N+1 guard, the benchmark and the metrics read it. */
export class StatementCounter {
  count = 0;
  /** Statements the database refused or that failed on the way. */
  failed = 0;
  /** Given each statement's time in milliseconds once it has run, while metrics are collected (see Metrics). */
  timed?: (ms: number) => void;
}

/** Routes TypeORM's messages to the structured log and counts statements. */
export class SqlLogger implements TypeOrmLogger {
  constructor(
    private readonly logger: Logger,
    private readonly counter: StatementCounter,
  ) {}

  logQuery(query: string): void {
    this.counter.count += 1;
    this.logger.trace({ sql: query }, 'sql');
  }

  logQueryError(error: string | Error, query: string): void {
    this.counter.count += 1;
    this.counter.failed += 1;
    // Message and code only: the driver's error also carries the parameters and the offending key (personal data).
    const err = typeof error === 'string' ? { message: error } : { message: error.message, code: (error as { code?: unknown }).code };
    this.logger.warn({ sql: query, err }, 'sql statement failed');
  }

  /** Not part of TypeORM's interface: the time of every statement, from runShape and StatementTimingSubscriber. */
  logQueryTime(ms: number): void {
    this.counter.timed?.(ms);
  }

  logQuerySlow(time: number, query: string, _parameters?: unknown[], queryRunner?: QueryRunner): void {
    const scope = scopeOfRunner(queryRunner);
    if (!scope) {
      this.logger.warn({ sql: query, ms: time }, 'slow sql statement');
      return;
    }
    // Summarised once when the request ends (logSlowStatementSummary).
    const slow = scope.slowStatements;
    slow.count += 1;
    slow.totalMs += time;
    if (time > slow.slowestMs) {
      slow.slowestMs = time;
      slow.slowestSql = query;
    }
  }

  logSchemaBuild(message: string): void {
    this.logger.debug({ schema: message }, 'schema');
  }

  logMigration(message: string): void {
    this.logger.info({ migration: message }, 'migration');
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn({ detail: message }, 'typeorm');
    else this.logger.debug({ detail: message }, 'typeorm');
  }
}

/** The statement's time, for the metrics, when the data source logs through a SqlLogger. */
export function logStatementTime(logger: unknown, ms: number): void {
  if (logger instanceof SqlLogger) logger.logQueryTime(ms);
}
