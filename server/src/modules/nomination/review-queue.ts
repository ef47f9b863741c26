import { Field, ID, InputType } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { BoundedId } from '../../graphql/input-bounds';
import type { ConnectionArgs } from '../../graphql/relay/connection';
import type { Ordering } from '../../graphql/relay/cursor';
import { defineOrder } from '../../graphql/relay/order';
import { fromGlobalIdOfType } from '../../graphql/relay/global-id';
import { emptyPage, flip, pageWindow, toPage, type PageWindow } from '../../graphql/relay/paginate';
import type { Page } from '../../graphql/relay/connection';
import { EntityRows } from '../../graphql/sql/entity-rows';
import { runShape } from '../../graphql/sql/shape-runner';
import { shapeFor, type ShapeBuilder } from '../../graphql/sql/sql-shape';
import { UserRole } from '../user/user-role';
import type { User } from '../user/user.entity';
import { OrderDirection } from '../../common/sort-direction';
import { ConnectionType } from '../../graphql/relay/connection';
import { NominationStatus } from './nomination-status';
import { Nomination } from './nomination.entity';
import { Review } from './review.entity';
import { REVIEWABLE_COHORT } from './review.service';

/** Nominations still open to review: not decided, not withdrawn (FINAL_STATUSES and WITHDRAWN close reviews). */
const AWAITING_SCORE = [NominationStatus.SUBMITTED, NominationStatus.SHORTLISTED];

/** Stands in for a cohort without a selection date, so such nominations come last. */
const NO_DEADLINE = '9999-12-31';

/**
 * A reviewer's deadline for a nomination is its cohort's selectionDate: the
 * day the selection takes place, by which its scores are needed. The queue
 * sorts by it, oldest first, ties broken by ID.
 */
const BY_DEADLINE: Ordering = {
  field: { key: 'review_deadline', property: 'reviewDeadline', kind: 'string' },
  direction: OrderDirection.ASC,
};

@InputType({ description: 'Narrows a review queue; all given conditions must hold.' })
export class ReviewQueueFilter {
  @BoundedId()
  @Field(() => ID, { nullable: true, description: 'Only nominations for this cohort (a Cohort ID).' })
  cohortId?: string | null;
}

export const ReviewConnection = ConnectionType(Review, 'Review', 'reviews');
export type ReviewConnection = InstanceType<typeof ReviewConnection>;

export const reviewOrder = defineOrder(
  'Review',
  'reviews',
  { CREATED_AT: { property: 'createdAt', kind: 'date', description: 'Order by when the review was first written.' } },
  { field: 'CREATED_AT', direction: OrderDirection.DESC },
);
export const ReviewOrder = reviewOrder.OrderInput;
export type ReviewOrder = InstanceType<typeof ReviewOrder>;

/** The parts of a review-queue shape that vary: which conditions are given. */
interface QueueShape {
  cohort: boolean;
  after: boolean;
  before: boolean;
  direction: OrderDirection;
}

const quoteList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * The SQL of review queues, for many reviewers at once (`reviewerIds`): each
 * reviewer's first rows in deadline order (a window function numbers them
 * per reviewer), or with `count` the size of each queue. The statuses are
 * constants of the code, written as literals so each shape is one SQL text.
 */
function queueSql(b: ShapeBuilder, rows: EntityRows<Nomination>, shape: QueueShape, count: boolean): string {
  const n = (property: string) => rows.column(b, 'n', property);
  const sort = `CAST(COALESCE(${b.quote('c')}.${b.quote('selectionDate')}, '${NO_DEADLINE}') AS VARCHAR(10))`;
  const reviewer = `${b.quote('p')}.${b.quote('value')}`;
  const keyset = (side: 'after' | 'before') => {
    // By the ordering's own direction, not the window's (flipped for `last`): a position is after or before in the ordering.
    const op = (BY_DEADLINE.direction === OrderDirection.ASC) === (side === 'after') ? '>' : '<';
    const value = b.param(`${side}Value`);
    const valueAgain = b.param(`${side}Value`);
    const id = b.param(`${side}Id`);
    return `(${sort} ${op} ${value} OR (${sort} = ${valueAgain} AND ${n('uuid')} ${op} ${id}))`;
  };
  const head = count
    ? `SELECT ${reviewer} AS ${b.quote('parent')}, COUNT(*) AS ${b.quote('n')}`
    : `SELECT ${rows.selectList(b, 'n')}, ${reviewer} AS ${b.quote('cdp_parent')}, ${sort} AS ${b.quote('cdp_sort')}, ROW_NUMBER() OVER (PARTITION BY ${reviewer} ORDER BY ${sort} ${shape.direction}, ${n('uuid')} ${shape.direction}) AS ${b.quote('cdp_rank')}`;
  const from = `FROM ${b.listTable('reviewerIds', 'p', rows.sqlType('uuid'))} CROSS JOIN ${rows.table(b)} ${b.quote('n')} INNER JOIN ${b.quote('cohort')} ${b.quote('c')} ON ${b.quote('c')}.${b.quote('id')} = ${n('cohortId')}`;
  const conditions = [
    `${n('status')} IN (${quoteList(AWAITING_SCORE)})`,
    `${b.quote('c')}.${b.quote('status')} IN (${quoteList(REVIEWABLE_COHORT)})`,
    `NOT EXISTS (SELECT 1 FROM ${b.quote('review')} ${b.quote('r')} WHERE ${b.quote('r')}.${b.quote('nominationId')} = ${n('uuid')} AND ${b.quote('r')}.${b.quote('reviewerId')} = ${reviewer})`,
  ];
  if (shape.cohort) conditions.push(`${n('cohortId')} = ${b.param('cohortId')}`);
  if (!count && shape.after) conditions.push(keyset('after'));
  if (!count && shape.before) conditions.push(keyset('before'));
  const inner = `${head} ${from} WHERE ${conditions.join(' AND ')}`;
  if (count) return `${inner} GROUP BY ${reviewer}`;
  return `SELECT ${b.quote('q')}.* FROM (${inner}) ${b.quote('q')} WHERE ${b.quote('q')}.${b.quote('cdp_rank')} <= ${b.param('rankLimit')} ORDER BY ${b.quote('q')}.${b.quote('cdp_parent')}, ${b.quote('q')}.${b.quote('cdp_rank')}`;
}

/** The roles whose users score nominations: anyone else's queue is empty. */
const REVIEWING_ROLES: readonly UserRole[] = [UserRole.REVIEWER, UserRole.ADMIN];

export class ReviewQueueService {
  /**
   * The nominations awaiting a reviewer's score: undecided, in a cohort that
   * takes reviews (NOMINATIONS_OPEN or SELECTION, as reviewNomination
   * requires), not yet scored by them; the oldest deadline first. One page
   * for each of many reviewers in two statements (the second only for
   * totalCount), whatever the page size.
   */
  queue(ctx: RequestContext, reviewer: Pick<User, 'uuid' | 'role'>, args: ConnectionArgs, filter?: ReviewQueueFilter | null): Promise<Page<Nomination>> {
    const w = pageWindow(args, BY_DEADLINE);
    if (!REVIEWING_ROLES.includes(reviewer.role)) return emptyPage(args, BY_DEADLINE);
    const cohortId = filter?.cohortId ? fromGlobalIdOfType(filter.cohortId, 'Cohort', 'filter.cohortId') : null;
    const shape: QueueShape = { cohort: !!cohortId, after: !!w.after, before: !!w.before, direction: w.forward ? BY_DEADLINE.direction : flip(BY_DEADLINE.direction) };
    const key = JSON.stringify([args.first, args.after, args.last, args.before, cohortId]);
    return ctx.loaders.batch(`review-queue:${key}`, (reviewerIds) => this.pages(ctx, reviewerIds, shape, w, cohortId)).load(reviewer.uuid);
  }

  private async pages(ctx: RequestContext, reviewerIds: readonly string[], shape: QueueShape, w: PageWindow, cohortId: string | null): Promise<Page<Nomination>[]> {
    const rows = EntityRows.of<Nomination>(ctx.db.connection.getMetadata(Nomination));
    const values = {
      reviewerIds: [...reviewerIds],
      cohortId,
      rankLimit: w.size + 1,
      afterValue: w.after?.value,
      afterId: w.after?.uuid,
      beforeValue: w.before?.value,
      beforeId: w.before?.uuid,
    };
    const page = shapeFor(ctx.db.connection, `review-queue:${JSON.stringify(shape)}`, (b) => queueSql(b, rows, shape, false));
    const byReviewer = new Map<string, Nomination[]>();
    for (const raw of await runShape(ctx.db, page, values)) {
      const nomination = rows.hydrate(raw);
      // The cursor reads the deadline from the row, as from a column.
      (nomination as unknown as Record<string, unknown>)[BY_DEADLINE.field.property] = raw.cdp_sort;
      const list = byReviewer.get(String(raw.cdp_parent)) ?? [];
      list.push(nomination);
      byReviewer.set(String(raw.cdp_parent), list);
    }
    let counts: Promise<Map<string, number>> | undefined;
    const countOf = (reviewerId: string) => {
      counts ??= (async () => {
        const shapeOfCount = shapeFor(ctx.db.connection, `review-queue-count:${shape.cohort}`, (b) => queueSql(b, rows, shape, true));
        const grouped = await runShape(ctx.db, shapeOfCount, { reviewerIds: values.reviewerIds, cohortId });
        return new Map(grouped.map((g) => [String(g.parent), Number(g.n)]));
      })();
      return counts.then((map) => map.get(reviewerId) ?? 0);
    };
    return reviewerIds.map((id) => toPage(byReviewer.get(id) ?? [], BY_DEADLINE, w, () => countOf(id)));
  }

  /** One page of the reviews each of many reviewers wrote. */
  reviewsBy(ctx: RequestContext, reviewerId: string, args: ConnectionArgs, orderBy?: ReviewOrder | null) {
    return ctx.loaders
      .children('reviews-by-reviewer', { entity: Review, parentProperty: 'reviewerId' }, args, reviewOrder.toOrdering(orderBy))
      .load(reviewerId);
  }
}
