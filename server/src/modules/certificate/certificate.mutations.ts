import { Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { InputArg } from '../../graphql/mutations/input-arg';
import { runMutation } from '../../graphql/mutations/run-mutation';
import { IssueCertificateInput, RevokeCertificateInput } from './certificate.inputs';
import { IssueCertificatePayload, RevokeCertificatePayload } from './certificate.payloads';
import { CertificateService } from './certificate.service';

@Resolver()
export class CertificateMutations {
  private readonly certificateService = new CertificateService();

  @Mutation(() => IssueCertificatePayload, {
    description:
      "Awards a certificate at a certificate ceremony of the associate's cohort, once their research is PRESENTED or PUBLISHED. Allocates the next serial CDP-<ceremony year>-<nnn> and issues the signed credential.",
  })
  issueCertificate(
    @InputArg(IssueCertificateInput, 'The associate, the ceremony and the signatory.') input: IssueCertificateInput,
    @Ctx() ctx: RequestContext,
  ): Promise<IssueCertificatePayload> {
    return runMutation(ctx, input, (c, i) => this.certificateService.issue(c, i), { certificate: null });
  }

  @Mutation(() => RevokeCertificatePayload, {
    description:
      'Revokes a certificate: it keeps its record and serial, verifyCertificate answers REVOKED, and its bit is set in the published status list.',
  })
  revokeCertificate(
    @InputArg(RevokeCertificateInput, 'The certificate and the reason.') input: RevokeCertificateInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RevokeCertificatePayload> {
    return runMutation(ctx, input, (c, i) => this.certificateService.revoke(c, i), { certificate: null });
  }
}
