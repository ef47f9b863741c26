import { IsOptional, Matches, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

const NAME_MAX = 200;
const REASON_MAX = 500;
const SOMETHING = /\S/;

@InputType({ description: 'A certificate to award at a certificate ceremony. ADMIN only.' })
export class IssueCertificateInput {
  @Field(() => ID, { description: 'The ProfessionalAssociate awarded the certificate; their research must be PRESENTED or PUBLISHED.' })
  @MaxLength(NAME_MAX)
  associateId: string;

  @Field(() => ID, { description: "The Event at which it is awarded: a CERTIFICATE_CEREMONY of the associate's own cohort, not cancelled." })
  @MaxLength(NAME_MAX)
  ceremonyId: string;

  @Field(() => String, { description: 'Who signs the certificate, e.g. the Secretary General.' })
  @Matches(SOMETHING, { message: 'Enter the name of the signatory.' })
  @MaxLength(NAME_MAX)
  signatoryName: string;

  @Field(() => String, { description: "The signatory's title, e.g. 'Secretary General'." })
  @Matches(SOMETHING, { message: "Enter the signatory's title." })
  @MaxLength(NAME_MAX)
  signatoryTitle: string;
}

@InputType({ description: 'A certificate to revoke, named by ID or by serial (exactly one), and why. ADMIN only.' })
export class RevokeCertificateInput {
  @Field(() => ID, { nullable: true, description: 'The Certificate to revoke; or give serial instead.' })
  @IsOptional()
  @MaxLength(NAME_MAX)
  certificateId?: string | null;

  @Field(() => String, { nullable: true, description: 'The serial printed on the certificate, e.g. "CDP-2027-001"; or give certificateId instead.' })
  @IsOptional()
  @MaxLength(40)
  serial?: string | null;

  @Field(() => String, { description: 'Why the certificate is revoked (1 to 500 characters); shown to anyone who verifies it.' })
  @Matches(SOMETHING, { message: 'Give the reason for the revocation.' })
  @MaxLength(REASON_MAX, { message: `The reason has more than ${REASON_MAX} characters.` })
  reason: string;
}
