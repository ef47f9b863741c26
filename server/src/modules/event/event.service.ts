import { whereEquals, whereIn } from '../../common/sql';
import type { RequestContext } from '../../graphql/context';
import type { ConnectionArgs } from '../../graphql/relay/connection';
import { fromGlobalIdOfType } from '../../graphql/relay/global-id';
import { paginate } from '../../graphql/relay/paginate';
import { Event } from './event.entity';
import { eventOrder, type EventFilter, type EventOrder } from './event.types';

export class EventService {
  list(ctx: RequestContext, args: ConnectionArgs, filter?: EventFilter | null, orderBy?: EventOrder | null) {
    const qb = ctx.db.getRepository(Event).createQueryBuilder('event');
    if (filter?.kindIn) whereIn(qb, 'event.kind', filter.kindIn);
    if (filter?.cohortId) whereEquals(qb, 'event.cohortId', fromGlobalIdOfType(filter.cohortId, 'Cohort', 'filter.cohortId'));
    if (filter?.startsFrom) qb.andWhere('event.startsAt >= :startsFrom', { startsFrom: filter.startsFrom });
    if (filter?.startsBefore) qb.andWhere('event.startsAt < :startsBefore', { startsBefore: filter.startsBefore });
    if (!filter?.includeCancelled) qb.andWhere('event.cancelledAt IS NULL');
    return paginate(qb, args, eventOrder.toOrdering(orderBy));
  }

  /** All events of a cohort in time order, cancelled ones included (marked isCancelled); a cohort has a handful, so this is a plain list. */
  forCohort(ctx: RequestContext, cohortId: string): Promise<Event[]> {
    return ctx.loaders.manyBy(Event, 'cohortId', { startsAt: 'ASC' }).load(cohortId);
  }
}
