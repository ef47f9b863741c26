import { GraphQLDate, GraphQLURL } from 'graphql-scalars';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsOptional, Matches, MaxLength, ValidateBy } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

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

const notBlank = (what: string) => Matches(/\S/, { message: `Enter ${what}.` });
const ResearchTitle = () => compose(notBlank('a title'), MaxLength(TITLE_MAX));
const ResearchAbstract = () => compose(notBlank('an abstract'), MaxLength(ABSTRACT_MAX));
const ResearchThemes = () =>
  compose(
    ArrayMinSize(1, { message: 'Name at least one theme.' }),
    ArrayMaxSize(MAX_THEMES, { message: `Name at most ${MAX_THEMES} themes.` }),
    Matches(/\S/, { each: true, message: 'A theme is blank.' }),
    MaxLength(THEME_MAX, { each: true, message: `A theme has more than ${THEME_MAX} characters.` }),
    ArrayUnique((theme: string) => theme.trim().toLowerCase(), { message: 'A theme is named twice.' }),
  );

/** A report's address that a browser may open safely: http(s) only (no javascript: or data: URLs), and short enough to store. */
const IsReportUrl = () =>
  ValidateBy({
    name: 'isReportUrl',
    validator: {
      validate: (value: unknown) => value instanceof URL && /^https?:$/.test(value.protocol) && value.href.length <= REPORT_URL_MAX,
      defaultMessage: () => `The report URL must be an http or https address of at most ${REPORT_URL_MAX} characters.`,
    },
  });

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
  @IsOptional()
  @ResearchTitle()
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'New abstract.' })
  @IsOptional()
  @ResearchAbstract()
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

@InputType({ description: 'The research to submit: IN_PROGRESS with every milestone completed.' })
export class SubmitResearchInput extends ResearchIdInput {}

@InputType({ description: 'A new milestone of an APPROVED or IN_PROGRESS research project.' })
export class AddMilestoneInput extends ResearchIdInput {
  @Field(() => String, { description: 'What is due (at most 200 characters).' })
  @Matches(/\S/, { message: 'Enter a title.' })
  @MaxLength(200)
  title: string;

  @Field(() => GraphQLDate, { description: 'When it is due.' })
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
