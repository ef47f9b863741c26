import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Certificate } from './certificate.entity';

export enum CertificateVerificationReason {
  VALID = 'VALID',
  REVOKED = 'REVOKED',
  NOT_FOUND = 'NOT_FOUND',
}

registerEnumType(CertificateVerificationReason, {
  name: 'CertificateVerificationReason',
  description: 'Why a certificate is, or is not, valid.',
  valuesConfig: {
    VALID: { description: 'The certificate exists and has not been revoked.' },
    REVOKED: { description: 'The certificate was issued but has since been revoked.' },
    NOT_FOUND: { description: 'No certificate with this serial was ever issued.' },
  },
});

@ObjectType({ description: 'The answer to "is this certificate genuine and still valid?".' })
export class CertificateVerification {
  @Field(() => Boolean, { description: 'True only for an issued, unrevoked certificate.' })
  isValid: boolean;

  @Field(() => CertificateVerificationReason, { description: 'Why the certificate is or is not valid.' })
  reason: CertificateVerificationReason;

  @Field(() => Certificate, { nullable: true, description: 'The certificate, when one with this serial was issued.' })
  certificate: Certificate | null;
}
