import { Mutex } from 'async-mutex';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { systemClock, type Clock } from '../common/clock';
import type { RecordedEvent } from '../outbox/event-catalogue';
import type { RequestScope, ScopedRunnerData } from '../common/request-scope';
import { bumpDataVersion } from './data-version';
import { retryConflicts } from './transaction-retry';

/** What a transaction's QueryRunner carries for the entity subscribers (see ClockStampSubscriber) and the SQL logger. */
export interface TransactionData extends ScopedRunnerData {
  clock: Clock;
  /** Set by recordEvent and resendOutboxMessage: once this transaction commits, the outbox has work (see onOutboxCommit). */
  outboxChanged?: boolean;
  /** What this transaction tells live subscribers once it commits (see onCommitted); never told for a rollback. */
  committed?: CommitNotice;
}

/** Sessions a transaction ended: one (`sessionId`), or all of a user's but `exceptSessionId`. */
export interface EndedSessions {
  userId: string;
  sessionId?: string;
  exceptSessionId?: string;
}

/** What a committed transaction recorded that live subscribers must hear of: its events, and the sessions it ended. */
export interface CommitNotice {
  events: RecordedEvent[];
  endedSessions: EndedSessions[];
}

/** The notice of the transaction `manager` belongs to, made on first use; throws outside a transaction of the Database seam. */
export function commitNotice(manager: EntityManager): CommitNotice {
  const data = manager.queryRunner?.data as TransactionData | undefined;
  if (!data?.clock) throw new Error('commitNotice needs the transaction of the Database seam');
  return (data.committed ??= { events: [], endedSessions: [] });
}

export interface TransactionOptions {
  /**
   * False for the outbox worker's own bookkeeping (claims, results, the
   * development mailbox): no cached answer holds those tables, so retiring
   * every cached answer (and, on PostgreSQL, queueing behind the data version's
   * row lock) for each message sent would buy nothing. True by default.
   */
  bumpsDataVersion?: boolean;
}

/**
 * The one way CDP Hub writes. On PostgreSQL each transaction has its own
 * pooled connection, and rules that read before they write lock the rows they
 * read (`lockForUpdate`). On SQLite there is one writing connection: TypeORM
 * would turn a second concurrent transaction into a SAVEPOINT of the first
 * (so one rollback would undo another request's "committed" rows), so write
 * transactions queue behind a process-wide mutex and start with
 * BEGIN IMMEDIATE, which takes the file's write lock at once instead of
 * failing half-way when another process holds it. Reads go to a separate
 * read-only connection, which in WAL mode sees committed data only.
 */
export class Database {
  constructor(
    readonly writer: DataSource,
    readonly reader: DataSource,
  ) {}

  /** Runs `work` in one transaction: it commits whole when `work` resolves, and leaves nothing when it throws. */
  transaction<T>(
    work: (manager: EntityManager) => Promise<T>,
    clock: Clock = systemClock,
    scope?: RequestScope,
    options?: TransactionOptions,
  ): Promise<T> {
    return runTransaction(this.writer, clock, work, scope, options);
  }

  /** Calls `listener` after each commit of a transaction on this database that gave the outbox work; returns the unsubscribe. */
  onOutboxCommit(listener: () => void): () => void {
    let listeners = outboxListeners.get(this.writer);
    if (!listeners) outboxListeners.set(this.writer, (listeners = new Set()));
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /**
   * Calls `listener` after each commit of a transaction on this database that
   * recorded events or ended sessions, with what it recorded; returns the
   * unsubscribe. A rolled-back transaction (or a retried attempt) tells nothing.
   */
  onCommitted(listener: (notice: CommitNotice) => void): () => void {
    let listeners = commitListeners.get(this.writer);
    if (!listeners) commitListeners.set(this.writer, (listeners = new Set()));
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** Closes the reading and the writing connections. */
  async close(): Promise<void> {
    if (this.reader !== this.writer && this.reader.isInitialized) await this.reader.destroy();
    if (this.writer.isInitialized) await this.writer.destroy();
  }
}

/** In-process wake-ups of the outbox worker, per writing connection. */
const outboxListeners = new WeakMap<DataSource, Set<() => void>>();

function notifyOutbox(dataSource: DataSource): void {
  for (const listener of outboxListeners.get(dataSource) ?? []) listener();
}

/** Live subscribers' feeds (see Database.onCommitted), per writing connection. */
const commitListeners = new WeakMap<DataSource, Set<(notice: CommitNotice) => void>>();

function notifyCommitted(dataSource: DataSource, notice: CommitNotice): void {
  for (const listener of commitListeners.get(dataSource) ?? []) {
    // A listener's failure is its own: the transaction has committed, and its caller gets its result.
    try {
      listener(notice);
    } catch {
      /* the live feed logs its own failures */
    }
  }
}

/** One write queue per SQLite writing connection, whoever opens a transaction on it (requests, seed, tools, tests). */
const writeQueues = new WeakMap<DataSource, Mutex>();

function writeQueueOf(dataSource: DataSource): Mutex {
  let queue = writeQueues.get(dataSource);
  if (!queue) {
    queue = new Mutex();
    writeQueues.set(dataSource, queue);
  }
  return queue;
}

/**
 * One transaction on `dataSource` whose writes take their timestamps from
 * `clock`; on SQLite it waits its turn in the connection's write queue (not
 * re-entrant: nested work joins the outer transaction through withTransaction).
 * Every committed transaction increments the data version (see DataVersion).
 * On PostgreSQL a transaction that loses a deadlock or a serialization
 * conflict runs again from the start, a bounded number of times (see
 * retryConflicts), so `work` may be called more than once: it must keep its
 * state inside the transaction. SQLite's single writer has no such conflicts.
 */
export function runTransaction<T>(
  dataSource: DataSource,
  clock: Clock,
  work: (manager: EntityManager) => Promise<T>,
  scope?: RequestScope,
  options: TransactionOptions = {},
): Promise<T> {
  const data: TransactionData = { clock, scope };
  if (dataSource.options.type === 'postgres') return retryConflicts(() => transactionOn(dataSource, data, work, options), scope);
  return writeQueueOf(dataSource).runExclusive(() => transactionOn(dataSource, data, work, options));
}

async function transactionOn<T>(
  dataSource: DataSource,
  data: TransactionData,
  work: (manager: EntityManager) => Promise<T>,
  { bumpsDataVersion = true }: TransactionOptions,
): Promise<T> {
  const runner = dataSource.createQueryRunner();
  // A retried attempt starts afresh: only what the committed attempt recorded counts.
  data.outboxChanged = false;
  data.committed = undefined;
  runner.data = data;
  if (dataSource.options.type !== 'postgres') beginImmediately(runner);
  await runner.connect();
  await runner.startTransaction();
  try {
    const result = await work(runner.manager);
    // Last, so the row lock (PostgreSQL) is held only until the commit below; the response cache reads it.
    if (bumpsDataVersion) await bumpDataVersion(runner.manager);
    await runner.commitTransaction();
    if (data.outboxChanged) notifyOutbox(dataSource);
    if (data.committed) notifyCommitted(dataSource, data.committed);
    return result;
  } catch (err) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw err;
  } finally {
    // SQLite's writing runner is shared: later writes outside a transaction must not take this one's clock or scope.
    runner.data = {};
    await runner.release();
  }
}

/** Runners whose BEGIN is already immediate: TypeORM hands out one runner per SQLite connection, for every transaction. */
const immediateRunners = new WeakSet<QueryRunner>();

/** TypeORM's SQLite runner always sends a deferred BEGIN; the write lock must be taken when the transaction starts. */
function beginImmediately(runner: QueryRunner): void {
  if (immediateRunners.has(runner)) return;
  immediateRunners.add(runner);
  const query = runner.query.bind(runner);
  runner.query = ((sql: string, ...rest: unknown[]) =>
    (query as (...args: unknown[]) => Promise<unknown>)(sql === 'BEGIN TRANSACTION' ? 'BEGIN IMMEDIATE TRANSACTION' : sql, ...rest)) as QueryRunner['query'];
}

/**
 * The `lock` option of a find whose rows a rule checks before writing: they
 * stay locked against other transactions until this one ends. On SQLite the write queue already makes
 * the transaction the only writer, and the driver has no row locks.
 *
 * Writes that lock more than one row lock them in one order, so that two
 * of them never wait on each other in a cycle: an associate, then its
 * alumni profile or research project, then an event or milestone, then a
 * cohort, then a nomination; users by id (see UserService); certificate
 * counters, then the data version last of all. A cycle that remains (e.g.
 * through the foreign key checks of inserted rows) ends in a deadlock that
 * runTransaction retries.
 */
export function lockForUpdate(manager: EntityManager): { mode: 'pessimistic_write' } | undefined {
  return manager.connection.options.type === 'postgres' ? { mode: 'pessimistic_write' } : undefined;
}
