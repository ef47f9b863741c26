import type { RequestContext } from '../../graphql/context';
import type { ConnectionArgs } from '../../graphql/relay/connection';
import { paginate } from '../../graphql/relay/paginate';
import { Programme } from './programme.entity';
import { programmeOrder, type ProgrammeOrder } from './programme.types';

export class ProgrammeService {
  list(ctx: RequestContext, args: ConnectionArgs, orderBy?: ProgrammeOrder | null) {
    return paginate(ctx.db.getRepository(Programme).createQueryBuilder('prog'), args, programmeOrder.toOrdering(orderBy));
  }

  findByCode(ctx: RequestContext, code: string) {
    return ctx.db.getRepository(Programme).findOneBy({ code });
  }
}
