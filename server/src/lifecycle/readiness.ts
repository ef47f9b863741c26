import { MigrationExecutor } from 'typeorm';
import type { Database } from '../db/database';

export type Readiness = { ready: true } | { ready: false; reason: 'shutting down' | 'database unreachable' | 'migrations pending' };

/** How long a finding on pending migrations is believed. */
export const MIGRATION_CHECK_MS = 5_000;

/**
 * Whether this instance should get traffic (/readyz), unlike /healthz, which
 * says whether it is alive: not once shutdown has begun (so that a load
 * balancer stops sending requests before they are refused), nor while the
 * database does not answer, nor while the database lacks migrations this
 * build needs (a server started without migrating, or a database restored
 * from before them). Pending migrations are looked up on the reading
 * connection at most every `migrationCheckMs`, so probes stay cheap, and a
 * migration run from elsewhere is noticed within that time.
 */
export class ReadinessCheck {
  private shuttingDown = false;
  private migrations?: { checkedAt: number; pending: Promise<boolean> };

  constructor(
    private readonly database: Database,
    private readonly migrationCheckMs = MIGRATION_CHECK_MS,
  ) {}

  beginShutdown(): void {
    this.shuttingDown = true;
  }

  get isShuttingDown(): boolean {
    return this.shuttingDown;
  }

  async check(): Promise<Readiness> {
    if (this.shuttingDown) return { ready: false, reason: 'shutting down' };
    try {
      await this.database.reader.query('SELECT 1');
      if (await this.migrationsPending()) return { ready: false, reason: 'migrations pending' };
    } catch {
      return { ready: false, reason: 'database unreachable' };
    }
    return this.shuttingDown ? { ready: false, reason: 'shutting down' } : { ready: true };
  }

  /** One lookup at a time, whatever the number of probes. */
  private migrationsPending(): Promise<boolean> {
    const now = performance.now();
    if (!this.migrations || now - this.migrations.checkedAt >= this.migrationCheckMs) {
      const pending = this.lookUpPendingMigrations();
      this.migrations = { checkedAt: now, pending };
      // A failed lookup (the database gone) is not kept: the next probe asks again.
      pending.catch(() => {
        if (this.migrations?.pending === pending) this.migrations = undefined;
      });
    }
    return this.migrations.pending;
  }

  /**
   * TypeORM's own comparison of the writer's migrations (this build's) with
   * the database's migrations table, read on the reading connection: a read
   * only, unlike DataSource.showMigrations, which creates the table.
   */
  private async lookUpPendingMigrations(): Promise<boolean> {
    const runner = this.database.reader.createQueryRunner();
    try {
      const pending = await new MigrationExecutor(this.database.writer, runner).getPendingMigrations();
      return pending.length > 0;
    } finally {
      await runner.release();
    }
  }
}
