import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { ConnectionArgs } from '../../graphql/relay/connection';
import { User } from '../user/user.entity';
import { AuditEntry } from './audit-entry.entity';
import { AuditLogService } from './audit-log.service';
import { AuditEntryConnection, AuditEntryFilter, AuditEntryOrder } from './audit.types';

@Resolver(() => AuditEntry)
export class AuditResolver {
  private readonly auditLogService = new AuditLogService();

  @Query(() => AuditEntryConnection, { description: 'The audit log: every recorded change, newest first unless ordered otherwise.' })
  async auditLog(
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg('filter', () => AuditEntryFilter, { nullable: true, description: 'Conditions the entries must meet.' })
    filter: AuditEntryFilter | null,
    @Arg('orderBy', () => AuditEntryOrder, { nullable: true, description: 'Ordering; newest first when omitted.' })
    orderBy: AuditEntryOrder | null,
    @Ctx() ctx: RequestContext,
  ): Promise<AuditEntryConnection> {
    return new AuditEntryConnection(await this.auditLogService.list(ctx, args, filter, orderBy));
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user who acted; null for the system, anonymous callers and deleted users.' })
  actor(@Root() entry: AuditEntry, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return entry.actorId ? ctx.loaders.byId(User).load(entry.actorId) : null;
  }
}
