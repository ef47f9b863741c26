import { Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { InputArg } from '../../graphql/mutations/input-arg';
import { runMutation } from '../../graphql/mutations/run-mutation';
import { AdministrationCorrectionService } from './administration-correction.service';
import { UpdateAdministrationInput } from './administration.inputs';
import { UpdateAdministrationPayload } from './administration.payloads';

@Resolver()
export class AdministrationMutations {
  private readonly corrections = new AdministrationCorrectionService();

  @Mutation(() => UpdateAdministrationPayload, {
    description:
      "Corrects an administration's eligibility and its focal point's contact. An administration made ineligible is no longer invited, and its nominations are refused (ADMINISTRATION_NOT_ELIGIBLE).",
  })
  updateAdministration(
    @InputArg(UpdateAdministrationInput, 'The administration and the corrections.') input: UpdateAdministrationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateAdministrationPayload> {
    return runMutation(ctx, input, (c, i) => this.corrections.update(c, i), { administration: null });
  }
}
