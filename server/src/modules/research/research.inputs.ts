import { GraphQLURL } from 'graphql-scalars';
import { DateScalar } from '../../graphql/scalars/dates';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsOptional } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { InDateRange, Text, Url } from '../../graphql/input/input-rules';

export const MAX_THEMES = 8;
const TITLE_MAX = 300;
const ABSTRACT_MAX = 10_000;
const THEME_MAX = 80;
const REPORT_URL_MAX = 500;

const compose =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };

const ResearchTitle = (optional = false) => Text({ max: TITLE_MAX, blankMessage: 'Enter a title.', optional });
const ResearchAbstract = (optional = false) => Text({ max: ABSTRACT_MAX, multiline: true, blankMessage: 'Enter an abstract.', optional });
const ResearchThemes = () =>
  compose(
    ArrayMinSize(1, { message: 'Name at least one theme.' }),
    ArrayMaxSize(MAX_THEMES, { message: `Name at most ${MAX_THEMES} themes.` }),
    Text({ max: THEME_MAX, each: true, blankMessage: 'A theme is blank.' }),
    ArrayUnique((theme: string) => theme.toLowerCase(), { message: 'A theme is named twice.' }),
  );

/** A report's address that a browser may open safely: http(s) only (no javascript: or data: URLs), and short enough to store. */
const IsReportUrl = () =>
  Url(REPORT_URL_MAX, (url) => /^https?:$/.test(url.protocol), `The report URL must be an http or https address of at most ${REPORT_URL_MAX} characters.`);

@InputType({ description: 'A research proposal. By the associate themself, or by ADMIN on its behalf.' })
export class ProposeResearchInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The ProfessionalAssociate who will carry out the research; the signed-in associate’s own record when omitted.',
  })
  @IsOptional()
  associateId?: string | null;

  @Field(() => String, { description: `Title of the research (at most ${TITLE_MAX} characters).` })
  @ResearchTitle()
  title: string;

  @Field(() => String, { description: `The research question and method (at most ${ABSTRACT_MAX} characters).` })
  @ResearchAbstract()
  abstract: string;

  @Field(() => [String], { description: `1 to ${MAX_THEMES} themes, most central first, each named once.` })
  @ResearchThemes()
  themes: string[];
}

@InputType({
  description:
    'Changes to a research project; omitted fields stay as they are. The associate edits its own research until it is SUBMITTED; ADMIN may correct any.',
})
export class UpdateResearchInput {
  @Field(() => ID, { description: 'The ResearchProject to change.' })
  researchId: string;

  @Field(() => String, { nullable: true, description: 'New title.' })
  @ResearchTitle(true)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'New abstract.' })
  @ResearchAbstract(true)
  abstract?: string | null;

  @Field(() => [String], { nullable: true, description: `New themes, replacing all of them: 1 to ${MAX_THEMES}, most central first.` })
  @IsOptional()
  @ResearchThemes()
  themes?: string[] | null;
}

/** The research a step acts on; each step's input extends it. */
@InputType()
export abstract class ResearchIdInput {
  @Field(() => ID, { description: 'The ResearchProject.' })
  researchId: string;
}

@InputType({ description: 'The research proposal to approve. ADMIN only.' })
export class ApproveResearchInput extends ResearchIdInput {}

@InputType({ description: 'A research proposal returned to its associate for changes. ADMIN only.' })
export class ReturnResearchInput extends ResearchIdInput {
  @Field(() => String, { description: 'What the associate should change, told to them by e-mail (1 to 2,000 characters; line breaks allowed).' })
  @Text({ max: 2000, multiline: true, blankMessage: 'Say what should change.' })
  comment: string;
}

@InputType({ description: 'The research to submit: IN_PROGRESS with every milestone completed.' })
export class SubmitResearchInput extends ResearchIdInput {}

@InputType({ description: 'A new milestone of an APPROVED or IN_PROGRESS research project.' })
export class AddMilestoneInput extends ResearchIdInput {
  @Field(() => String, { description: 'What is due (at most 200 characters).' })
  @Text({ max: 200, blankMessage: 'Enter a title.' })
  title: string;

  @Field(() => DateScalar, { description: 'When it is due.' })
  @InDateRange()
  dueDate: Date;
}

@InputType({ description: 'The milestone that is done.' })
export class CompleteMilestoneInput {
  @Field(() => ID, { description: 'The Milestone; it is completed as of now.' })
  milestoneId: string;
}

@InputType({ description: 'The reporting session at which submitted research was presented. ADMIN only.' })
export class RecordPresentationInput extends ResearchIdInput {
  @Field(() => ID, { description: 'The Event: a REPORTING_SESSION of the associate’s own cohort.' })
  eventId: string;
}

@InputType({ description: 'The publication of presented research. ADMIN only.' })
export class PublishResearchInput extends ResearchIdInput {
  @Field(() => GraphQLURL, { description: `Where the report can be read: an http or https address of at most ${REPORT_URL_MAX} characters.` })
  @IsReportUrl()
  reportUrl: URL;
}
