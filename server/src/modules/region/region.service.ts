import type { RequestContext } from '../../graphql/context';
import type { ConnectionArgs } from '../../graphql/relay/connection';
import { paginate } from '../../graphql/relay/paginate';
import { Region } from './region.entity';
import { regionOrder, type RegionOrder } from './region.types';

export class RegionService {
  list(ctx: RequestContext, args: ConnectionArgs, orderBy?: RegionOrder | null) {
    const qb = ctx.db.getRepository(Region).createQueryBuilder('region');
    return paginate(qb, args, regionOrder.toOrdering(orderBy));
  }
}
