import type { EntityManager } from 'typeorm';
import { Loaders } from './loaders';
import type { RequestContext } from './context';

/**
 * The transaction seam every mutation uses. `work` gets a context whose
 * manager and (fresh) loaders belong to one transaction: it commits whole
 * when `work` resolves and leaves nothing when it throws, audit entry
 * included. Nested calls join the outer transaction. After the commit the
 * request's own loaders are cleared, so the payload reads what was written.
 * A transaction that loses a deadlock runs `work` again (see runTransaction)
 * with a new context and loaders, so `work` keeps its state in the transaction.
 */
export async function withTransaction<T>(ctx: RequestContext, work: (tx: RequestContext) => Promise<T>): Promise<T> {
  if (ctx.inTransaction) return work(ctx);
  try {
    return await ctx.database.transaction(
      (manager) => work(transactionContext(ctx, manager)),
      ctx.clock,
      ctx.scope,
    );
  } finally {
    ctx.loaders.clearAll();
  }
}

/**
 * The request's context with the transaction's manager and loaders. Copied
 * by property descriptors, not spread: spreading would call the lazy `log`
 * getter and make the request's logger whether or not anything is logged.
 */
function transactionContext(ctx: RequestContext, manager: EntityManager): RequestContext {
  const tx = Object.defineProperties({}, Object.getOwnPropertyDescriptors(ctx)) as RequestContext;
  return Object.assign(tx, { db: manager, loaders: new Loaders(manager), inTransaction: true });
}
