import type { RequestContext } from '../../graphql/context';
import { inputId } from '../../graphql/mutations/input-ids';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { withTransaction } from '../../graphql/transaction';
import { assertActsFor } from '../associate/associate-ownership';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { assertPlacementOpen, lockAssociate } from '../associate/find-associate';
import { toGlobalId } from '../../graphql/relay/global-id';
import { recordEvent } from '../../outbox/record-event';
import { audit } from '../audit/audit.service';
import { EventKind } from '../event/event-kind';
import { lockCohortEvent, type CohortEventRule } from '../event/cohort-event';
import { UserRole } from '../user/user-role';
import { ResearchProject } from './research-project.entity';
import { researchSearchIndex } from './research-search';
import { ResearchStatus } from './research-status';
import { assertStatus, auditedResearch, lockResearch, replaceThemes, researchUpdated, saveResearchChange, themesOf } from './research-steps';
import { Milestone } from './milestone.entity';
import type {
  ApproveResearchInput,
  ProposeResearchInput,
  PublishResearchInput,
  RecordPresentationInput,
  ReturnResearchInput,
  SubmitResearchInput,
  UpdateResearchInput,
} from './research.inputs';

/** Research is presented at a reporting session of the associate's own cohort. */
const REPORTING_SESSION: CohortEventRule = {
  kind: EventKind.REPORTING_SESSION,
  field: 'eventId',
  noun: 'reporting session',
  cancelledMeans: 'it takes no presentations',
  fromStartMeans: 'presentations are recorded from its start',
  notFound: UserErrorCode.EVENT_NOT_FOUND,
  wrongKind: UserErrorCode.EVENT_NOT_REPORTING_SESSION,
  otherCohort: UserErrorCode.EVENT_OF_ANOTHER_COHORT,
  notYetHeld: UserErrorCode.SESSION_NOT_HELD,
};

type ResearchResult = Promise<{ research: ResearchProject }>;

/** Statuses in which the associate still shapes the research; from SUBMITTED on, the report is what is presented and published. */
const EDITABLE_BY_ASSOCIATE: readonly ResearchStatus[] = [ResearchStatus.PROPOSED, ResearchStatus.APPROVED, ResearchStatus.IN_PROGRESS];

/**
 * The research workflow: PROPOSED → APPROVED → IN_PROGRESS (with the first
 * milestone, see MilestoneService) → SUBMITTED → PRESENTED → PUBLISHED.
 * Every change reindexes the project for search in its own transaction.
 */
export class ResearchWorkflowService {
  async propose(ctx: RequestContext, input: ProposeResearchInput): ResearchResult {
    const associateUuid =
      input.associateId != null
        ? inputId(input.associateId, 'ProfessionalAssociate', 'associateId')
        : (ctx.viewer?.associateId ??
          fail(UserErrorCode.ASSOCIATE_ID_REQUIRED, 'Name the associate who will carry out the research.', 'associateId'));
    assertActsFor(ctx, associateUuid, 'this associate’s research');
    return withTransaction(ctx, async (tx) => {
      // The associate's lock also serialises rival proposals for it; the unique index is the last word.
      const associate = await lockAssociate(tx, associateUuid, 'associateId');
      assertPlacementOpen(associate, 'associateId');
      if (await tx.db.existsBy(ResearchProject, { associateId: associate.uuid })) {
        fail(UserErrorCode.RESEARCH_EXISTS, 'The associate already has a research project; change it with updateResearch.', 'associateId');
      }
      const research = await tx.db.save(
        tx.db.create(ResearchProject, {
          associateId: associate.uuid,
          title: input.title,
          abstract: input.abstract,
          status: ResearchStatus.PROPOSED,
          reportUrl: null,
          presentedAtId: null,
          publishedAt: null,
        }),
      );
      const themes = await replaceThemes(tx, research.uuid, input.themes);
      await researchSearchIndex.reindex(tx.db, [research.uuid]);
      await audit(tx, { operation: 'proposeResearch', entityType: 'ResearchProject', entityId: research.uuid, after: auditedResearch(research, themes) });
      await researchUpdated(tx, research, 'proposeResearch');
      return { research };
    });
  }

  /** The associate edits its own research until it is SUBMITTED; ADMIN may correct any research at any stage. */
  async update(ctx: RequestContext, input: UpdateResearchInput): ResearchResult {
    const uuid = inputId(input.researchId, 'ResearchProject', 'researchId');
    return withTransaction(ctx, async (tx) => {
      const research = await lockResearch(tx, uuid);
      if (tx.viewer?.role !== UserRole.ADMIN && !EDITABLE_BY_ASSOCIATE.includes(research.status)) {
        fail(UserErrorCode.RESEARCH_LOCKED, `The research is ${research.status}; it can no longer be edited.`, 'researchId');
      }
      const before = auditedResearch(research, await themesOf(tx, uuid));
      if (input.title != null) research.title = input.title;
      if (input.abstract != null) research.abstract = input.abstract;
      const themes = input.themes != null ? await replaceThemes(tx, uuid, input.themes) : before.themes;
      await saveResearchChange(tx, 'updateResearch', research, before, themes);
      await researchUpdated(tx, research, 'updateResearch');
      return { research };
    });
  }

  approve(ctx: RequestContext, input: ApproveResearchInput): ResearchResult {
    return this.step(ctx, input.researchId, 'approveResearch', ResearchStatus.PROPOSED, ResearchStatus.APPROVED, (tx, research) =>
      recordEvent(tx, 'ResearchApproved', {
        researchId: toGlobalId('ResearchProject', research.uuid),
        associateId: toGlobalId('ProfessionalAssociate', research.associateId),
      }).then(() => undefined),
    );
  }

  /**
   * Sends a PROPOSED research project back to its associate with the
   * Secretariat's comment: it stays PROPOSED, the associate changes it with
   * updateResearch, and ADMIN approves (or returns) it again. The comment is
   * the letter's (ResearchReturned); the audit log records that it was given.
   */
  returnForChanges(ctx: RequestContext, input: ReturnResearchInput): ResearchResult {
    const uuid = inputId(input.researchId, 'ResearchProject', 'researchId');
    return withTransaction(ctx, async (tx) => {
      const research = await lockResearch(tx, uuid);
      assertStatus(research, ResearchStatus.PROPOSED, 'returnResearch');
      await audit(tx, { operation: 'returnResearch', entityType: 'ResearchProject', entityId: research.uuid, after: { status: research.status, comment: input.comment } });
      await recordEvent(tx, 'ResearchReturned', {
        researchId: toGlobalId('ResearchProject', research.uuid),
        associateId: toGlobalId('ProfessionalAssociate', research.associateId),
        comment: input.comment,
      });
      return { research };
    });
  }

  /** IN_PROGRESS → SUBMITTED once there are milestones and every one is completed. */
  submit(ctx: RequestContext, input: SubmitResearchInput): ResearchResult {
    return this.step(ctx, input.researchId, 'submitResearch', ResearchStatus.IN_PROGRESS, ResearchStatus.SUBMITTED, async (tx, research) => {
      const milestones = await tx.db.find(Milestone, { where: { researchProjectId: research.uuid } });
      if (!milestones.length) fail(UserErrorCode.NO_MILESTONES, 'The research has no milestones; add and complete at least one first.', 'researchId');
      const open = milestones.filter((m) => m.completedAt == null);
      if (open.length) {
        fail(UserErrorCode.MILESTONES_OPEN, `${open.length} of ${milestones.length} milestones are not completed: ${open.map((m) => m.title).join('; ')}.`, 'researchId');
      }
    });
  }

  /** SUBMITTED → PRESENTED at a reporting session of the associate's own cohort that has taken place. */
  recordPresentation(ctx: RequestContext, input: RecordPresentationInput): ResearchResult {
    const eventUuid = inputId(input.eventId, 'Event', 'eventId');
    return this.step(ctx, input.researchId, 'recordPresentation', ResearchStatus.SUBMITTED, ResearchStatus.PRESENTED, async (tx, research) => {
      const associate = await tx.db.findOneByOrFail(ProfessionalAssociate, { uuid: research.associateId });
      // Locked so the session cannot be cancelled or moved to another cohort while the presentation is recorded.
      const event = await lockCohortEvent(tx, eventUuid, associate.cohortId, REPORTING_SESSION);
      research.presentedAtId = event.uuid;
    });
  }

  /** PRESENTED → PUBLISHED: from now on everyone sees and finds the research. */
  publish(ctx: RequestContext, input: PublishResearchInput): ResearchResult {
    return this.step(ctx, input.researchId, 'publishResearch', ResearchStatus.PRESENTED, ResearchStatus.PUBLISHED, async (tx, research) => {
      research.reportUrl = input.reportUrl.href;
      research.publishedAt = tx.clock.now();
    });
  }

  /** One status step: lock, check the starting status and the step's own rules (`rules` may also set fields), save, reindex, audit. */
  private step(
    ctx: RequestContext,
    researchId: string,
    operation: string,
    from: ResearchStatus,
    to: ResearchStatus,
    rules?: (tx: RequestContext, research: ResearchProject) => Promise<void>,
  ): ResearchResult {
    const uuid = inputId(researchId, 'ResearchProject', 'researchId');
    return withTransaction(ctx, async (tx) => {
      const research = await lockResearch(tx, uuid);
      assertStatus(research, from, operation);
      const themes = await themesOf(tx, uuid);
      const before = auditedResearch(research, themes);
      await rules?.(tx, research);
      research.status = to;
      await saveResearchChange(tx, operation, research, before, themes);
      // Approval has an event of its own (ResearchApproved), with its letter.
      if (operation !== 'approveResearch') await researchUpdated(tx, research, operation);
      return { research };
    });
  }
}
