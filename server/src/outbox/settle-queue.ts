/**
 * Records outcomes as deliveries finish, in as few transactions as keep up:
 * the first outcome starts a write at once, and those that finish meanwhile
 * go together in the next. At idle a message is settled the moment it is
 * sent; under load one transaction settles many. The sooner a delivery is
 * recorded, the fewer copies a crash leaves to be sent again.
 */
export class SettleQueue<T> {
  private pending: T[] = [];
  private flushing: Promise<void> | null = null;
  private failure: unknown = null;

  constructor(private readonly write: (items: T[]) => Promise<void>) {}

  add(item: T): void {
    this.pending.push(item);
    this.flushing ??= this.flush();
  }

  /** Resolves once everything added so far is written; rejects if a write failed (those outcomes are lost: their leases run out). */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.failure) throw this.failure;
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length) {
        const items = this.pending;
        this.pending = [];
        await this.write(items);
      }
    } catch (err) {
      this.failure ??= err;
      this.pending = [];
    } finally {
      this.flushing = null;
    }
  }
}
