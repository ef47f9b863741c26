import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { InputArg } from '../../graphql/mutations/input-arg';
import { runMutation } from '../../graphql/mutations/run-mutation';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { DateTimeScalar } from '../../graphql/scalars/dates';
import { OutboxEvent } from '../../outbox/outbox-event.entity';
import { OutboxMessage } from '../../outbox/outbox-message.entity';
import { User } from '../user/user.entity';
import { ResendOutboxMessageInput } from './outbox.inputs';
import { ResendOutboxMessagePayload } from './outbox.payloads';
import { OutboxService } from './outbox.service';
import { OutboxMessageConnection, OutboxMessageFilter, OutboxMessageOrder } from './outbox.types';

@Resolver(() => OutboxMessage)
export class OutboxResolver {
  private readonly outboxService = new OutboxService();

  @Query(() => OutboxMessageConnection, {
    description: 'The outbox: every message on its way to a recipient (or sent, skipped or dead), newest first unless ordered otherwise.',
  })
  async outboxMessages(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => OutboxMessageFilter, { nullable: true, description: 'Conditions the messages must meet.' })
    filter: OutboxMessageFilter | null,
    @Arg('orderBy', () => OutboxMessageOrder, { nullable: true, description: 'Ordering; newest first when omitted.' })
    orderBy: OutboxMessageOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<OutboxMessageConnection> {
    return new OutboxMessageConnection(await this.outboxService.list(ctx, args, filter, orderBy));
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who an e-mail is for; null for a webhook (see endpoint).' })
  recipient(@Root() message: OutboxMessage, @Ctx() ctx: RequestContext): Promise<User | null> {
    return message.recipientId ? ctx.loaders.byId(User).load(message.recipientId) : Promise.resolve(null);
  }

  @FieldResolver(() => DateTimeScalar, { description: 'When the event happened (the clock of the request that recorded it).' })
  async occurredAt(@Root() message: OutboxMessage, @Ctx() ctx: RequestContext): Promise<Date> {
    return (await ctx.loaders.required(OutboxEvent, message.eventId)).occurredAt;
  }

  @Mutation(() => ResendOutboxMessagePayload, {
    description: 'Sends a DEAD outbox message again: it becomes PENDING with no attempts and goes out with the same key (the same e-mail Message-ID).',
  })
  resendOutboxMessage(
    @InputArg(ResendOutboxMessageInput, 'The dead message.') input: ResendOutboxMessageInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ResendOutboxMessagePayload> {
    return runMutation(ctx, input, (c, i) => this.outboxService.resend(c, i), { message: null });
  }
}
