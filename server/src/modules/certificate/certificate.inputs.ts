import { IsOptional, MaxLength } from 'class-validator';
import { Reference, Text } from '../../graphql/input/input-rules';
import { Field, ID, InputType } from 'type-graphql';

const NAME_MAX = 200;
const REASON_MAX = 500;

@InputType({ description: 'A certificate to award at a certificate ceremony. ADMIN only.' })
export class IssueCertificateInput {
  @Field(() => ID, { description: 'The ProfessionalAssociate awarded the certificate; their research must be PRESENTED or PUBLISHED.' })
  @MaxLength(NAME_MAX)
  associateId: string;

  @Field(() => ID, { description: "The Event at which it is awarded: a CERTIFICATE_CEREMONY of the associate's own cohort, not cancelled." })
  @MaxLength(NAME_MAX)
  ceremonyId: string;

  @Field(() => String, { description: 'Who signs the certificate, e.g. the Secretary General.' })
  @Text({ max: NAME_MAX, blankMessage: 'Enter the name of the signatory.' })
  signatoryName: string;

  @Field(() => String, { description: "The signatory's title, e.g. 'Secretary General'." })
  @Text({ max: NAME_MAX, blankMessage: "Enter the signatory's title." })
  signatoryTitle: string;
}

@InputType({ description: 'A certificate to revoke, named by ID or by serial (exactly one), and why. ADMIN only.' })
export class RevokeCertificateInput {
  @Field(() => ID, { nullable: true, description: 'The Certificate to revoke; or give serial instead.' })
  @IsOptional()
  @MaxLength(NAME_MAX)
  certificateId?: string | null;

  @Field(() => String, { nullable: true, description: 'The serial printed on the certificate, e.g. "CDP-2027-001"; or give certificateId instead.' })
  @Reference(40, { optional: true })
  serial?: string | null;

  @Field(() => String, { description: 'Why the certificate is revoked (1 to 500 characters); shown to anyone who verifies it.' })
  @Text({ max: REASON_MAX, multiline: true, blankMessage: 'Give the reason for the revocation.' })
  reason: string;
}
