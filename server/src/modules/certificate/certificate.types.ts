import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Certificate } from './certificate.entity';

export enum CertificateVerificationReason {
  VALID = 'VALID',
  REVOKED = 'REVOKED',
  UNKNOWN_SERIAL = 'UNKNOWN_SERIAL',
  BAD_PROOF = 'BAD_PROOF',
  UNSIGNED = 'UNSIGNED',
  NOT_YET_VALID = 'NOT_YET_VALID',
}

registerEnumType(CertificateVerificationReason, {
  name: 'CertificateVerificationReason',
  description: 'Why a certificate is, or is not, valid.',
  valuesConfig: {
    VALID: { description: "The certificate was issued, has not been revoked, its credential's proof holds under one of the published keys, and its validFrom (the ceremony) has come by the server clock." },
    REVOKED: { description: 'The certificate was issued but has since been revoked (its bit in the status list is set).' },
    UNKNOWN_SERIAL: { description: 'No certificate with this serial was ever issued.' },
    BAD_PROOF: { description: 'The stored credential does not match its proof, or names a key that is not published: it was altered.' },
    UNSIGNED: { description: 'The certificate was recorded without a signed credential (before signing existed), so it cannot be proven.' },
    NOT_YET_VALID: { description: "The credential is genuine, but by the server clock its validFrom (the certificate ceremony) has not come yet; it is valid from then." },
  },
});

@ObjectType({ description: 'The answer to "is this certificate genuine and still valid?".' })
export class CertificateVerification {
  @Field(() => Boolean, { description: 'True only for an issued, unrevoked certificate whose signed credential verifies and is valid from now or earlier (reason VALID).' })
  isValid: boolean;

  @Field(() => CertificateVerificationReason, { description: 'Why the certificate is or is not valid.' })
  reason: CertificateVerificationReason;

  @Field(() => Certificate, { nullable: true, description: 'The certificate, when one with this serial was issued.' })
  certificate: Certificate | null;
}
