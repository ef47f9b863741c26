import { Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { InputArg } from '../../graphql/mutations/input-arg';
import { runMutation } from '../../graphql/mutations/run-mutation';
import { MilestoneService } from './milestone.service';
import {
  AddMilestoneInput,
  ApproveResearchInput,
  CompleteMilestoneInput,
  ProposeResearchInput,
  PublishResearchInput,
  RecordPresentationInput,
  ReturnResearchInput,
  SubmitResearchInput,
  UpdateResearchInput,
} from './research.inputs';
import {
  AddMilestonePayload,
  ApproveResearchPayload,
  CompleteMilestonePayload,
  ProposeResearchPayload,
  PublishResearchPayload,
  RecordPresentationPayload,
  ReturnResearchPayload,
  SubmitResearchPayload,
  UpdateResearchPayload,
} from './research.payloads';
import { ResearchWorkflowService } from './research-workflow.service';

const NO_RESEARCH = { research: null };

@Resolver()
export class ResearchMutations {
  private readonly workflow = new ResearchWorkflowService();
  private readonly milestones = new MilestoneService();

  @Mutation(() => ProposeResearchPayload, {
    description: 'Proposes the research of an ASSIGNED or ACTIVE associate (one per associate); it starts PROPOSED.',
  })
  proposeResearch(@InputArg(ProposeResearchInput, 'The proposal.') input: ProposeResearchInput, @Ctx() ctx: RequestContext): Promise<ProposeResearchPayload> {
    return runMutation(ctx, input, (c, i) => this.workflow.propose(c, i), NO_RESEARCH);
  }

  @Mutation(() => UpdateResearchPayload, {
    description: 'Changes the title, abstract or themes of a research project: its associate until it is SUBMITTED, ADMIN at any stage.',
  })
  updateResearch(@InputArg(UpdateResearchInput, 'The research and the changes.') input: UpdateResearchInput, @Ctx() ctx: RequestContext): Promise<UpdateResearchPayload> {
    return runMutation(ctx, input, (c, i) => this.workflow.update(c, i), NO_RESEARCH);
  }

  @Mutation(() => ApproveResearchPayload, { description: 'Approves a PROPOSED research project (PROPOSED → APPROVED).' })
  approveResearch(@InputArg(ApproveResearchInput, 'The proposal to approve.') input: ApproveResearchInput, @Ctx() ctx: RequestContext): Promise<ApproveResearchPayload> {
    return runMutation(ctx, input, (c, i) => this.workflow.approve(c, i), NO_RESEARCH);
  }

  @Mutation(() => ReturnResearchPayload, {
    description: 'Returns a PROPOSED research project to its associate with a comment on what to change; it stays PROPOSED, and the associate is told by e-mail.',
  })
  returnResearch(@InputArg(ReturnResearchInput, 'The proposal and the comment.') input: ReturnResearchInput, @Ctx() ctx: RequestContext): Promise<ReturnResearchPayload> {
    return runMutation(ctx, input, (c, i) => this.workflow.returnForChanges(c, i), NO_RESEARCH);
  }

  @Mutation(() => AddMilestonePayload, {
    description: 'Adds a milestone to APPROVED or IN_PROGRESS research (at most 50); the first one starts the research (APPROVED → IN_PROGRESS).',
  })
  addMilestone(@InputArg(AddMilestoneInput, 'The research and the milestone.') input: AddMilestoneInput, @Ctx() ctx: RequestContext): Promise<AddMilestonePayload> {
    return runMutation(ctx, input, (c, i) => this.milestones.add(c, i), { research: null, milestone: null });
  }

  @Mutation(() => CompleteMilestonePayload, { description: 'Marks a milestone completed as of now.' })
  completeMilestone(
    @InputArg(CompleteMilestoneInput, 'The milestone that is done.') input: CompleteMilestoneInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CompleteMilestonePayload> {
    return runMutation(ctx, input, (c, i) => this.milestones.complete(c, i), { milestone: null });
  }

  @Mutation(() => SubmitResearchPayload, {
    description: 'Submits the final report (IN_PROGRESS → SUBMITTED) once the research has milestones and all are completed.',
  })
  submitResearch(@InputArg(SubmitResearchInput, 'The research to submit.') input: SubmitResearchInput, @Ctx() ctx: RequestContext): Promise<SubmitResearchPayload> {
    return runMutation(ctx, input, (c, i) => this.workflow.submit(c, i), NO_RESEARCH);
  }

  @Mutation(() => RecordPresentationPayload, {
    description: 'Records that submitted research was presented at a reporting session of the associate’s cohort (SUBMITTED → PRESENTED).',
  })
  recordPresentation(
    @InputArg(RecordPresentationInput, 'The research and the reporting session.') input: RecordPresentationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RecordPresentationPayload> {
    return runMutation(ctx, input, (c, i) => this.workflow.recordPresentation(c, i), NO_RESEARCH);
  }

  @Mutation(() => PublishResearchPayload, {
    description: 'Publishes presented research with the address of its report (PRESENTED → PUBLISHED); from then on everyone can read and search it.',
  })
  publishResearch(@InputArg(PublishResearchInput, 'The research and its report’s URL.') input: PublishResearchInput, @Ctx() ctx: RequestContext): Promise<PublishResearchPayload> {
    return runMutation(ctx, input, (c, i) => this.workflow.publish(c, i), NO_RESEARCH);
  }
}
