import { Ctx, Field, FieldResolver, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { runShape } from '../../graphql/sql/shape-runner';
import { shapeFor } from '../../graphql/sql/sql-shape';
import { OutboxMessageStatus } from '../../outbox/outbox-enums';
import { AssociateStatus } from '../associate/associate-enums';
import { CohortStatus } from '../cohort/cohort-status';
import { NominationStatus } from '../nomination/nomination-status';
import { ResearchStatus } from '../research/research-status';
import { User } from '../user/user.entity';

@ObjectType({ description: "What awaits the secretariat's action, counted as the ADMIN's inbox shows it." })
export class AdminActionCounts {
  @Field(() => Int, { description: 'Nominations to decide: SUBMITTED or SHORTLISTED, in a cohort in SELECTION (where decideNomination acts).' })
  nominationsToDecide: number;

  @Field(() => Int, { description: 'Placements to assign: associates still ASSIGNED without a directorate (assignPlacement).' })
  placementsToAssign: number;

  @Field(() => Int, { description: 'Research projects to approve: PROPOSED (approveResearch).' })
  researchToApprove: number;

  @Field(() => Int, { description: 'Outbox messages that gave up (DEAD); resendOutboxMessage tries one again.' })
  deadOutboxMessages: number;
}

/** The statuses are constants of the code, written as literals: one statement, one SQL text. */
const q = (value: string) => `'${value}'`;
const COUNTS_SQL = [
  'SELECT',
  `(SELECT COUNT(*) FROM "nomination" "n" INNER JOIN "cohort" "c" ON "c"."id" = "n"."cohortId" WHERE "n"."status" IN (${q(NominationStatus.SUBMITTED)}, ${q(NominationStatus.SHORTLISTED)}) AND "c"."status" = ${q(CohortStatus.SELECTION)}) AS "nominationsToDecide",`,
  `(SELECT COUNT(*) FROM "professional_associate" "pa" WHERE "pa"."status" = ${q(AssociateStatus.ASSIGNED)} AND "pa"."directorate" IS NULL) AS "placementsToAssign",`,
  `(SELECT COUNT(*) FROM "research_project" "r" WHERE "r"."status" = ${q(ResearchStatus.PROPOSED)}) AS "researchToApprove",`,
  `(SELECT COUNT(*) FROM "outbox_message" "m" WHERE "m"."status" = ${q(OutboxMessageStatus.DEAD)}) AS "deadOutboxMessages"`,
].join(' ');

export async function adminActionCounts(ctx: RequestContext): Promise<AdminActionCounts> {
  const [row] = await runShape(ctx.db, shapeFor(ctx.db.connection, 'admin-action-counts', () => COUNTS_SQL), {});
  return {
    nominationsToDecide: Number(row.nominationsToDecide),
    placementsToAssign: Number(row.placementsToAssign),
    researchToApprove: Number(row.researchToApprove),
    deadOutboxMessages: Number(row.deadOutboxMessages),
  };
}

@Resolver(() => User)
export class UserActionCountsResolver {
  @FieldResolver(() => AdminActionCounts, {
    nullable: true,
    description: "The secretariat's inbox: how many items await an ADMIN's action (the same for every user; asked under viewer), one statement for all four counts.",
  })
  actionCounts(@Root() _user: User, @Ctx() ctx: RequestContext): Promise<AdminActionCounts> {
    // The same counts whichever user they are asked under: read once per request.
    return ctx.loaders.batch('admin-action-counts', async (keys) => {
      const counts = await adminActionCounts(ctx);
      return keys.map(() => counts);
    }).load('inbox');
  }
}
