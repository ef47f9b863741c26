import { EventSubscriber, type AfterQueryEvent, type EntitySubscriberInterface } from 'typeorm';
import { logStatementTime } from './sql-logger';

/**
 * TypeORM tells its logger when a statement starts, and its time only when it
 * is slow; every statement's time reaches the subscribers. Statements of
 * runShape (the request's reads) are timed there instead. TypeORM measures
 * with Date.now(): whole milliseconds.
 */
@EventSubscriber()
export class StatementTimingSubscriber implements EntitySubscriberInterface {
  afterQuery(event: AfterQueryEvent): void {
    if (event.success && event.executionTime !== undefined) logStatementTime(event.dataSource.logger, event.executionTime);
  }
}
