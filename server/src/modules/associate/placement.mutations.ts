import { Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { InputArg } from '../../graphql/mutations/input-arg';
import { runMutation } from '../../graphql/mutations/run-mutation';
import { AssignPlacementInput, CompletePlacementInput } from './placement.inputs';
import { AssignPlacementPayload, CompletePlacementPayload } from './placement.payloads';
import { PlacementService } from './placement.service';

@Resolver()
export class PlacementMutations {
  private readonly placementService = new PlacementService();

  @Mutation(() => AssignPlacementPayload, {
    description:
      'Places an associate in a directorate with a supervisor and dates, while the cohort is in SELECTION or IN_PROGRESS. The placement becomes ACTIVE when the cohort is IN_PROGRESS and stays ASSIGNED before.',
  })
  assignPlacement(
    @InputArg(AssignPlacementInput, 'The associate and the placement.') input: AssignPlacementInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AssignPlacementPayload> {
    return runMutation(ctx, input, (c, i) => this.placementService.assign(c, i), { associate: null });
  }

  @Mutation(() => CompletePlacementPayload, {
    description:
      'Ends a placement as COMPLETED (from ACTIVE; the associate becomes an alumnus with a profile) or WITHDRAWN (from ACTIVE, with its last day); withdrawing an ASSIGNED associate, whose placement never started, makes it DECLINED, without an end date.',
  })
  completePlacement(
    @InputArg(CompletePlacementInput, 'The associate, the outcome and, for a placement that started, the last day.') input: CompletePlacementInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CompletePlacementPayload> {
    return runMutation(ctx, input, (c, i) => this.placementService.complete(c, i), { associate: null, alumniProfile: null });
  }
}
