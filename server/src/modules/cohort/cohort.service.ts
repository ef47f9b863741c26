import { whereEquals, whereIn } from '../../common/sql';
import type { RequestContext } from '../../graphql/context';
import type { ConnectionArgs } from '../../graphql/relay/connection';
import { paginate } from '../../graphql/relay/paginate';
import { EntityRows } from '../../graphql/sql/entity-rows';
import { runShape } from '../../graphql/sql/shape-runner';
import { shapeFor } from '../../graphql/sql/sql-shape';
import { Programme } from '../programme/programme.entity';
import { Cohort } from './cohort.entity';
import { fromGlobalIdOfType } from '../../graphql/relay/global-id';
import { cohortOrder, invitationOrder, type CohortFilter, type CohortOrder, type InvitationFilter, type InvitationOrder } from './cohort.types';
import { openCohortCondition, openCohortSql, today } from './invitation-openness';
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

  /** The cohort page's root lookup: SQL built once (see SqlShape), not a QueryBuilder per request. */
  async findByLabel(ctx: RequestContext, label: string, programmeCode: string): Promise<Cohort | null> {
    const cohorts = EntityRows.of<Cohort>(ctx.db.connection.getMetadata(Cohort));
    const programmes = EntityRows.of<Programme>(ctx.db.connection.getMetadata(Programme));
    const shape = shapeFor(ctx.db.connection, 'cohort-by-label', (b) =>
      [
        `SELECT ${cohorts.selectList(b, 'c')} FROM ${cohorts.table(b)} ${b.quote('c')}`,
        `INNER JOIN ${programmes.table(b)} ${b.quote('p')} ON ${programmes.column(b, 'p', 'uuid')} = ${cohorts.column(b, 'c', 'programmeId')}`,
        `WHERE ${cohorts.column(b, 'c', 'label')} = ${b.param('label')} AND ${programmes.column(b, 'p', 'code')} = ${b.param('programmeCode')}`,
        // (programme, label) is unique; the limit only keeps getOne()'s "first row" meaning.
        'LIMIT 1',
      ].join(' '),
    );
    const [row] = await runShape(ctx.db, shape, { label, programmeCode });
    return row ? cohorts.hydrate(row) : null;
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

  /** One page of an administration's invitations for each of many administrations, open ones alone or the others when `open` is given. */
  invitationsForAdministration(ctx: RequestContext, administrationId: string, args: ConnectionArgs, open: boolean | null | undefined, orderBy?: InvitationOrder | null) {
    const where =
      open == null
        ? undefined
        : { key: `invitation-open:${open}`, sql: (column: (p: string) => string, bind: Parameters<typeof openCohortCondition>[1]) => openCohortCondition(column, bind, open), values: { today: today(ctx) } };
    return ctx.loaders
      .children('invitations-by-administration', { entity: Invitation, parentProperty: 'administrationId', where }, args, invitationOrder.toOrdering(orderBy))
      .load(administrationId);
  }

  /** Invitations of every cohort (invitations are public, as the cohorts' lists of them are). */
  listInvitations(ctx: RequestContext, args: ConnectionArgs, filter?: InvitationFilter | null, orderBy?: InvitationOrder | null) {
    const qb = ctx.db.getRepository(Invitation).createQueryBuilder('inv');
    if (filter?.administrationId) {
      whereEquals(qb, 'inv.administrationId', fromGlobalIdOfType(filter.administrationId, 'Administration', 'filter.administrationId'));
    }
    if (filter?.cohortId) whereEquals(qb, 'inv.cohortId', fromGlobalIdOfType(filter.cohortId, 'Cohort', 'filter.cohortId'));
    if (filter?.open != null) qb.andWhere(openCohortSql('inv.cohortId', ':openToday', filter.open), { openToday: today(ctx) });
    return paginate(qb, args, invitationOrder.toOrdering(orderBy));
  }
}
