import { Field, ObjectType } from 'type-graphql';
import { MutationPayload } from '../../graphql/mutations/payload';
import { Certificate } from './certificate.entity';

@ObjectType()
abstract class CertificateChangePayload extends MutationPayload {
  @Field(() => Certificate, { nullable: true, description: 'The certificate as it now is; null on failure.' })
  certificate: Certificate | null;
}

@ObjectType({ description: 'The result of issueCertificate.' })
export class IssueCertificatePayload extends CertificateChangePayload {}

@ObjectType({ description: 'The result of revokeCertificate.' })
export class RevokeCertificatePayload extends CertificateChangePayload {}
