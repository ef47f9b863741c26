import { whereEquals, whereIn } from '../../common/sql';
import type { RequestContext } from '../../graphql/context';
import type { ConnectionArgs } from '../../graphql/relay/connection';
import { paginate } from '../../graphql/relay/paginate';
import { Programme } from '../programme/programme.entity';
import { Cohort } from './cohort.entity';
import { cohortOrder, invitationOrder, type CohortFilter, type CohortOrder, type InvitationOrder } from './cohort.types';
import { Invitation } from './invitation.entity';

export class CohortService {
  list(ctx: RequestContext, args: ConnectionArgs, filter?: CohortFilter | null, orderBy?: CohortOrder | null) {
    const qb = ctx.db.getRepository(Cohort).createQueryBuilder('cohort');
    if (filter?.programmeCode) {
      const programmes = qb.subQuery().select('p.uuid').from(Programme, 'p');
      whereEquals(programmes, 'p.code', filter.programmeCode);
      qb.andWhere(`cohort.programmeId IN ${programmes.getQuery()}`, programmes.getParameters());
    }
    if (filter?.statusIn) whereIn(qb, 'cohort.status', filter.statusIn);
    if (filter?.labelFrom) qb.andWhere('cohort.label >= :labelFrom', { labelFrom: filter.labelFrom });
    if (filter?.labelTo) qb.andWhere('cohort.label <= :labelTo', { labelTo: filter.labelTo });
    return paginate(qb, args, cohortOrder.toOrdering(orderBy));
  }

  async findByLabel(ctx: RequestContext, label: string, programmeCode: string): Promise<Cohort | null> {
    return ctx.db
      .getRepository(Cohort)
      .createQueryBuilder('cohort')
      .innerJoin(Programme, 'p', 'p.uuid = cohort.programmeId')
      .where('cohort.label = :label AND p.code = :programmeCode', { label, programmeCode })
      .getOne();
  }

  pageForProgramme(ctx: RequestContext, programmeId: string, args: ConnectionArgs, orderBy?: CohortOrder | null) {
    return ctx.loaders
      .children('cohorts-by-programme', { entity: Cohort, parentProperty: 'programmeId' }, args, cohortOrder.toOrdering(orderBy))
      .load(programmeId);
  }

  invitationsFor(ctx: RequestContext, cohortId: string, args: ConnectionArgs, orderBy?: InvitationOrder | null) {
    return ctx.loaders
      .children('invitations-by-cohort', { entity: Invitation, parentProperty: 'cohortId' }, args, invitationOrder.toOrdering(orderBy))
      .load(cohortId);
  }
}
