import { systemClock } from '../../common/clock';
import { whereEquals, whereIn } from '../../common/sql';
import { lockForUpdate } from '../../db/database';
import type { RequestContext } from '../../graphql/context';
import { AppError } from '../../graphql/errors';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import type { ConnectionArgs } from '../../graphql/relay/connection';
import { fromGlobalId, fromGlobalIdOfType } from '../../graphql/relay/global-id';
import { paginate } from '../../graphql/relay/paginate';
import { withTransaction } from '../../graphql/transaction';
import { OutboxMessageStatus } from '../../outbox/outbox-enums';
import { OutboxMessage } from '../../outbox/outbox-message.entity';
import { signalOutbox } from '../../outbox/record-event';
import { audit } from '../audit/audit.service';
import type { ResendOutboxMessageInput } from './outbox.inputs';
import { outboxMessageOrder, type OutboxMessageFilter, type OutboxMessageOrder } from './outbox.types';

const MESSAGE_TYPES: ReadonlySet<string> = new Set(['OutboxMessage']);

/** The UUID of an outbox message's ID (not a Node: its IDs are only ever handed out by outboxMessages). */
function messageUuid(globalId: string): string {
  try {
    return fromGlobalId(globalId, MESSAGE_TYPES).id;
  } catch (err) {
    if (err instanceof AppError) fail(UserErrorCode.INVALID_ID, 'messageId must be the ID of an OutboxMessage.', 'messageId');
    throw err;
  }
}

/** The ADMIN's view of the outbox: what went out, what waits, what died; and sending a dead message again. */
export class OutboxService {
  list(ctx: RequestContext, args: ConnectionArgs, filter?: OutboxMessageFilter | null, orderBy?: OutboxMessageOrder | null) {
    const qb = ctx.db.getRepository(OutboxMessage).createQueryBuilder('message');
    if (filter?.statusIn) whereIn(qb, 'message.status', filter.statusIn);
    if (filter?.channel) whereEquals(qb, 'message.channel', filter.channel);
    if (filter?.eventTypeIn) whereIn(qb, 'message.eventType', filter.eventTypeIn);
    if (filter?.recipientId) whereEquals(qb, 'message.recipientId', fromGlobalIdOfType(filter.recipientId, 'User', 'filter.recipientId'));
    return paginate(qb, args, outboxMessageOrder.toOrdering(orderBy));
  }

  /**
   * A DEAD message becomes PENDING with no attempts, due at once: the worker
   * sends it again with the same key (so the same Message-ID). Audited.
   */
  async resend(ctx: RequestContext, input: ResendOutboxMessageInput): Promise<{ message: OutboxMessage }> {
    const uuid = messageUuid(input.messageId);
    return withTransaction(ctx, async (tx) => {
      const message =
        (await tx.db.findOne(OutboxMessage, { where: { uuid }, lock: lockForUpdate(tx.db) })) ??
        fail(UserErrorCode.OUTBOX_MESSAGE_NOT_FOUND, 'No outbox message has this ID.', 'messageId');
      if (message.status !== OutboxMessageStatus.DEAD) {
        fail(UserErrorCode.OUTBOX_MESSAGE_NOT_DEAD, `The message is ${message.status}; only a DEAD message is sent again.`, 'messageId');
      }
      await sendAgain(tx, message, 'resendOutboxMessage');
      return { message };
    });
  }
}

/**
 * Makes a message PENDING with no attempts, due at once, so the worker sends
 * it again with the same key; audited as `operation`, in the caller's transaction.
 */
export async function sendAgain(tx: RequestContext, message: OutboxMessage, operation: string): Promise<void> {
  const before = { status: message.status, attempts: message.attempts, lastError: message.lastError };
  // The worker's time, not the request's: with CDP_CLOCK pinned in the future the message would otherwise wait for it.
  const now = systemClock.now();
  Object.assign(message, { status: OutboxMessageStatus.PENDING, attempts: 0, nextAttemptAt: now, leaseOwner: null, updatedAt: now });
  await tx.db.save(message);
  await audit(tx, {
    operation,
    entityType: 'OutboxMessage',
    entityId: message.uuid,
    before,
    after: { status: message.status, attempts: 0, eventType: message.eventType },
  });
  await signalOutbox(tx);
}
