import { isoDate } from '../../common/clock';
import type { RequestContext } from '../../graphql/context';
import { lockForUpdate } from '../../db/database';
import { inputId } from '../../graphql/mutations/input-ids';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { withTransaction } from '../../graphql/transaction';
import { audit } from '../audit/audit.service';
import { Milestone } from './milestone.entity';
import type { ResearchProject } from './research-project.entity';
import { ResearchStatus } from './research-status';
import { auditedResearch, lockResearch, researchUpdated, saveResearchChange, themesOf } from './research-steps';
import type { AddMilestoneInput, CompleteMilestoneInput } from './research.inputs';

/** The most milestones one project may have: the cost model prices ResearchProject.milestones at this many (LIST_BOUNDS). */
export const MAX_MILESTONES = 50;

/** Research that is being planned or carried out takes new milestones; before approval or after submission it does not. */
const TAKES_MILESTONES: readonly ResearchStatus[] = [ResearchStatus.APPROVED, ResearchStatus.IN_PROGRESS];

export class MilestoneService {
  /** Adds a milestone; the first one starts APPROVED research (APPROVED → IN_PROGRESS). */
  async add(ctx: RequestContext, input: AddMilestoneInput): Promise<{ milestone: Milestone; research: ResearchProject }> {
    const uuid = inputId(input.researchId, 'ResearchProject', 'researchId');
    return withTransaction(ctx, async (tx) => {
      const research = await lockResearch(tx, uuid);
      if (!TAKES_MILESTONES.includes(research.status)) {
        fail(UserErrorCode.RESEARCH_LOCKED, `The research is ${research.status}; milestones are added while it is APPROVED or IN_PROGRESS.`, 'researchId');
      }
      if ((await tx.db.countBy(Milestone, { researchProjectId: uuid })) >= MAX_MILESTONES) {
        fail(UserErrorCode.TOO_MANY_MILESTONES, `The research has ${MAX_MILESTONES} milestones, the most it may have.`, 'researchId');
      }
      const milestone = await tx.db.save(
        tx.db.create(Milestone, { researchProjectId: uuid, title: input.title, dueDate: isoDate(input.dueDate), completedAt: null }),
      );
      await audit(tx, {
        operation: 'addMilestone',
        entityType: 'Milestone',
        entityId: milestone.uuid,
        after: { researchProjectId: uuid, title: milestone.title, dueDate: milestone.dueDate },
      });
      if (research.status === ResearchStatus.APPROVED) {
        const themes = await themesOf(tx, uuid);
        const before = auditedResearch(research, themes);
        research.status = ResearchStatus.IN_PROGRESS;
        await saveResearchChange(tx, 'addMilestone', research, before, themes);
      }
      await researchUpdated(tx, research, 'addMilestone');
      return { milestone, research };
    });
  }

  async complete(ctx: RequestContext, input: CompleteMilestoneInput): Promise<{ milestone: Milestone }> {
    const uuid = inputId(input.milestoneId, 'Milestone', 'milestoneId');
    return withTransaction(ctx, async (tx) => {
      // Its project alone first: the project is locked before the milestone, as every write to a project's milestones does.
      const found = await tx.db.findOne(Milestone, { select: { uuid: true, researchProjectId: true }, where: { uuid } });
      if (!found) fail(UserErrorCode.MILESTONE_NOT_FOUND, 'No milestone has this ID.', 'milestoneId');
      const research = await lockResearch(tx, found.researchProjectId, 'milestoneId');
      const milestone = await tx.db.findOneOrFail(Milestone, { where: { uuid }, lock: lockForUpdate(tx.db) });
      if (milestone.completedAt) {
        fail(UserErrorCode.MILESTONE_ALREADY_COMPLETED, `The milestone was completed at ${milestone.completedAt.toISOString()}.`, 'milestoneId');
      }
      milestone.completedAt = tx.clock.now();
      await tx.db.save(milestone);
      await audit(tx, {
        operation: 'completeMilestone',
        entityType: 'Milestone',
        entityId: milestone.uuid,
        before: { completedAt: null },
        after: { completedAt: milestone.completedAt },
      });
      await researchUpdated(tx, research, 'completeMilestone');
      return { milestone };
    });
  }
}
