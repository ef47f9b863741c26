import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../graphql/context';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { Event } from '../event/event.entity';
import { Certificate } from './certificate.entity';
import { CertificateService, credentialSettingsOf } from './certificate.service';
import { credentialUrls } from './credential/credential-settings';
import { CertificateVerification } from './certificate.types';

@Resolver(() => Certificate)
export class CertificateResolver {
  private readonly certificateService = new CertificateService();

  @Query(() => CertificateVerification, {
    description: 'Checks a certificate by the serial printed on it. Open to everyone, e.g. an employer checking a CV.',
  })
  verifyCertificate(
    @Arg('serial', () => String, { description: 'Serial printed on the certificate, e.g. "CDP-2024-007".' }) serial: string,
    @Ctx() ctx: RequestContext,
  ): Promise<CertificateVerification> {
    return this.certificateService.verify(ctx, serial);
  }

  @FieldResolver(() => ProfessionalAssociate, { description: 'The associate the certificate was awarded to.' })
  associate(@Root() certificate: Certificate, @Ctx() ctx: RequestContext): Promise<ProfessionalAssociate> {
    return ctx.loaders.required(ProfessionalAssociate, certificate.associateId);
  }

  @FieldResolver(() => String, {
    description:
      "The printable certificate: an A4 landscape PDF made from the signed credential, with a QR code to verificationUrl; stamped REVOKED once revoked. In the holder's language where known, else English; add ?lang=en or ?lang=fr to choose.",
  })
  pdfUrl(@Root() certificate: Certificate, @Ctx() ctx: RequestContext): string {
    return credentialUrls(credentialSettingsOf(ctx).publicUrl).pdf(certificate.serial);
  }

  @FieldResolver(() => String, {
    description:
      'The public verification page (no sign-in, no JavaScript, English or French): the holder, the achievement, the issuer and the status VALID, REVOKED or UNKNOWN by the same check as verifyCertificate. The printed QR code opens it.',
  })
  verificationUrl(@Root() certificate: Certificate, @Ctx() ctx: RequestContext): string {
    return credentialUrls(credentialSettingsOf(ctx).publicUrl).verification(certificate.serial);
  }

  @FieldResolver(() => Event, { description: 'The certificate ceremony at which it was awarded.' })
  ceremony(@Root() certificate: Certificate, @Ctx() ctx: RequestContext): Promise<Event> {
    return ctx.loaders.required(Event, certificate.ceremonyId);
  }
}
