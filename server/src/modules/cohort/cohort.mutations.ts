import { Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { InputArg } from '../../graphql/mutations/input-arg';
import { runMutation } from '../../graphql/mutations/run-mutation';
import { CohortWorkflowService } from './cohort-workflow.service';
import { CohortCorrectionService } from './cohort-correction.service';
import { CreateCohortInput, InviteAdministrationsInput, PublishOutcomesInput, TransitionCohortInput, UpdateCohortInput } from './cohort.inputs';
import { CreateCohortPayload, InviteAdministrationsPayload, PublishOutcomesPayload, TransitionCohortPayload, UpdateCohortPayload } from './cohort.payloads';
import { OutcomesService } from './outcomes.service';
import { InvitationService } from './invitation.service';

@Resolver()
export class CohortMutations {
  private readonly workflow = new CohortWorkflowService();
  private readonly invitations = new InvitationService();
  private readonly corrections = new CohortCorrectionService();

  @Mutation(() => UpdateCohortPayload, {
    description:
      "Corrects a cohort's label, capacity, dates or note. The rules still hold: the capacity not below the seats taken (CAPACITY_BELOW_SEATS_TAKEN), the six dates in order (DATES_OUT_OF_ORDER), the label unique (COHORT_LABEL_TAKEN); and from IN_PROGRESS on (or once CANCELLED) the label, capacity and dates up to startDate are fixed (COHORT_STARTED).",
  })
  updateCohort(@InputArg(UpdateCohortInput, 'The cohort and the corrections.') input: UpdateCohortInput, @Ctx() ctx: RequestContext): Promise<UpdateCohortPayload> {
    return runMutation(ctx, input, (c, i) => this.corrections.update(c, i), { cohort: null });
  }

  private readonly outcomes = new OutcomesService();

  @Mutation(() => PublishOutcomesPayload, {
    description:
      'Publishes the selection’s outcomes: the focal points of each administration with nominations are told by e-mail of their own candidates’ outcomes. Once per cohort, in SELECTION or IN_PROGRESS, from its notificationDate, with every nomination decided or withdrawn.',
  })
  publishOutcomes(
    @InputArg(PublishOutcomesInput, 'The cohort.') input: PublishOutcomesInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PublishOutcomesPayload> {
    return runMutation(ctx, input, (c, i) => this.outcomes.publish(c, i), { cohort: null });
  }

  @Mutation(() => CreateCohortPayload, { description: 'Creates a cohort (a programme year) in status PLANNED, with its capacity and six dates.' })
  createCohort(@InputArg(CreateCohortInput, 'The new cohort.') input: CreateCohortInput, @Ctx() ctx: RequestContext): Promise<CreateCohortPayload> {
    return runMutation(ctx, input, (c, i) => this.workflow.create(c, i), { cohort: null });
  }

  @Mutation(() => TransitionCohortPayload, {
    description:
      'Moves a cohort one step forward in the yearly cycle, or cancels it. Closing nominations (to SELECTION) waits for the nomination deadline unless closeEarly; completing waits for every placement to end.',
  })
  transitionCohort(
    @InputArg(TransitionCohortInput, 'The cohort and the status to move it to.') input: TransitionCohortInput,
    @Ctx() ctx: RequestContext,
  ): Promise<TransitionCohortPayload> {
    return runMutation(ctx, input, (c, i) => this.workflow.transition(c, i), { cohort: null });
  }

  @Mutation(() => InviteAdministrationsPayload, {
    description:
      'Sends invitation letters for a cohort to eligible administrations. Administrations invited before and ineligible ones are reported, not invited, and do not fail the call.',
  })
  inviteAdministrations(
    @InputArg(InviteAdministrationsInput, 'The cohort and the administrations to invite.') input: InviteAdministrationsInput,
    @Ctx() ctx: RequestContext,
  ): Promise<InviteAdministrationsPayload> {
    return runMutation(ctx, input, (c, i) => this.invitations.invite(c, i), { cohort: null, invited: [], alreadyInvited: [], ineligible: [] });
  }
}
