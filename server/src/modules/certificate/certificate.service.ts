import type { RequestContext } from '../../graphql/context';
import { Certificate } from './certificate.entity';
import { CertificateVerificationReason, type CertificateVerification } from './certificate.types';

export class CertificateService {
  async verify(ctx: RequestContext, serial: string): Promise<CertificateVerification> {
    const certificate = await ctx.db.getRepository(Certificate).findOneBy({ serial: serial.trim().toUpperCase() });
    if (!certificate) return { isValid: false, reason: CertificateVerificationReason.NOT_FOUND, certificate: null };
    if (certificate.revokedAt) return { isValid: false, reason: CertificateVerificationReason.REVOKED, certificate };
    return { isValid: true, reason: CertificateVerificationReason.VALID, certificate };
  }

  /** All certificates of an associate, newest first (at most one of them is valid). */
  forAssociate(ctx: RequestContext, associateId: string): Promise<Certificate[]> {
    return ctx.loaders.manyBy(Certificate, 'associateId', { issuedAt: 'DESC' }).load(associateId);
  }
}
