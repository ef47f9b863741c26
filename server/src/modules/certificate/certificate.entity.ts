import { GraphQLJSONObject } from 'graphql-scalars';
import { DateTimeScalar } from '../../graphql/scalars/dates';
import { Field } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Node, NodeObject } from '../../graphql/relay/node';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { Event } from '../event/event.entity';

/** An associate holds at most one certificate that is not revoked. */
@Entity('certificate')
@Index('UQ_certificate_valid_per_associate', ['associateId'], { unique: true, where: '"revokedAt" IS NULL' })
@NodeObject('Certificate', 'The certificate awarded to an associate at a certificate ceremony on successful completion.')
export class Certificate extends Node {
  @Index()
  @Column({ type: 'uuid' })
  associateId: string;

  @ManyToOne(() => ProfessionalAssociate, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'associateId' })
  associate?: Relation<ProfessionalAssociate>;

  @Index()
  @Column({ type: 'uuid' })
  ceremonyId: string;

  @ManyToOne(() => Event, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'ceremonyId' })
  ceremony?: Relation<Event>;

  @Field(() => String, { description: 'Unique serial printed on the certificate, e.g. CDP-2024-007.' })
  @Column({ type: 'varchar', length: 40, unique: true })
  serial: string;

  @Field(() => DateTimeScalar, { description: 'When the certificate was issued.' })
  @Index()
  @Column({ type: Date })
  issuedAt: Date;

  @Field(() => String, { description: 'Who signed the certificate.' })
  @Column({ type: 'varchar', length: 200 })
  signatoryName: string;

  @Field(() => String, { description: "The signatory's title." })
  @Column({ type: 'varchar', length: 200 })
  signatoryTitle: string;

  /**
   * The signed W3C Verifiable Credential (OpenBadgeCredential with an
   * eddsa-jcs-2022 proof), stored as issued so that what a holder downloaded
   * and what the server checks are the same bytes of meaning.
   */
  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'The certificate as a signed W3C Verifiable Credential 2.0 (Open Badges 3.0 OpenBadgeCredential, eddsa-jcs-2022 Data Integrity proof), for wallets and offline verification; null for a certificate issued before signing existed.',
  })
  @Column({ type: 'simple-json', nullable: true })
  credential: Record<string, any> | null;

  /** Position in the revocation status lists (see status-list.ts); allocated once, never reused. */
  @Index({ unique: true })
  @Column({ type: 'int', nullable: true })
  statusListIndex: number | null;

  @Field(() => String, {
    nullable: true,
    deprecationReason: 'Use credential: its proof.proofValue is this value.',
    description: "The credential proof's Ed25519 signature (multibase base58btc); null for an unsigned certificate.",
  })
  get signature(): string | null {
    const proof = (this.credential as { proof?: { proofValue?: unknown } } | null)?.proof;
    return typeof proof?.proofValue === 'string' ? proof.proofValue : null;
  }

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the certificate was revoked; null while valid.' })
  @Column({ type: Date, nullable: true })
  revokedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the certificate was revoked.' })
  @Column({ type: 'text', nullable: true })
  revocationReason: string | null;

  @Field(() => Boolean, { description: 'True when the certificate has not been revoked.' })
  get isValid(): boolean {
    return this.revokedAt == null;
  }
}
