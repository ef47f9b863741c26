import { Field, ObjectType } from 'type-graphql';
import { MutationPayload } from '../../graphql/mutations/payload';
import { Milestone } from './milestone.entity';
import { ResearchProject } from './research-project.entity';

@ObjectType()
abstract class ResearchChangePayload extends MutationPayload {
  @Field(() => ResearchProject, { nullable: true, description: 'The research project as it now is; null on failure.' })
  research: ResearchProject | null;
}

@ObjectType({ description: 'The result of proposeResearch.' })
export class ProposeResearchPayload extends ResearchChangePayload {}

@ObjectType({ description: 'The result of updateResearch.' })
export class UpdateResearchPayload extends ResearchChangePayload {}

@ObjectType({ description: 'The result of approveResearch.' })
export class ApproveResearchPayload extends ResearchChangePayload {}

@ObjectType({ description: 'The result of returnResearch.' })
export class ReturnResearchPayload extends ResearchChangePayload {}

@ObjectType({ description: 'The result of submitResearch.' })
export class SubmitResearchPayload extends ResearchChangePayload {}

@ObjectType({ description: 'The result of recordPresentation.' })
export class RecordPresentationPayload extends ResearchChangePayload {}

@ObjectType({ description: 'The result of publishResearch.' })
export class PublishResearchPayload extends ResearchChangePayload {}

@ObjectType({ description: 'The result of addMilestone.' })
export class AddMilestonePayload extends ResearchChangePayload {
  @Field(() => Milestone, { nullable: true, description: 'The new milestone; null on failure.' })
  milestone: Milestone | null;
}

@ObjectType({ description: 'The result of completeMilestone.' })
export class CompleteMilestonePayload extends MutationPayload {
  @Field(() => Milestone, { nullable: true, description: 'The completed milestone; null on failure.' })
  milestone: Milestone | null;
}
