import { DateTimeScalar } from '../../graphql/scalars/dates';
import { EmailAddressScalar } from '../../graphql/scalars/email-address';
import { Field, Float, Int } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Node, NodeObject } from '../../graphql/relay/node';
import { Administration } from '../administration/administration.entity';
import { Cohort } from '../cohort/cohort.entity';
import { NominationStatus } from './nomination-status';

/** One active nomination per candidate e-mail per cohort; withdrawn ones do not count. */
// Keyset pages (ORDER BY sort column, id LIMIT n) read these in order instead of sorting the table.
@Index('IDX_nomination_submittedAt_id', ['submittedAt', 'uuid'])
@Index('IDX_nomination_candidateFullName_id', ['candidateFullName', 'uuid'])
@Entity('nomination')
@Index('UQ_nomination_active_candidate', ['cohortId', 'candidateEmail'], {
  unique: true,
  where: `"status" <> 'WITHDRAWN'`,
})
@NodeObject('Nomination', "An administration's proposal of one of its officials as a candidate for a cohort.")
export class Nomination extends Node {
  @Index()
  @Column({ type: 'uuid' })
  cohortId: string;

  @ManyToOne(() => Cohort, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'cohortId' })
  cohort?: Relation<Cohort>;

  @Index()
  @Column({ type: 'uuid' })
  administrationId: string;

  @ManyToOne(() => Administration, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'administrationId' })
  administration?: Relation<Administration>;

  @Field(() => String, { description: 'Full name of the candidate.' })
  @Index()
  @Column({ type: 'varchar', length: 200 })
  candidateFullName: string;

  @Field(() => EmailAddressScalar, { description: 'E-mail of the candidate (personal data; nominations are visible only to ADMIN, REVIEWER and the focal point of the administration).' })
  @Column({ type: 'varchar', length: 254 })
  candidateEmail: string;

  @Field(() => String, { description: "The candidate's current position in their administration." })
  @Column({ type: 'varchar', length: 200 })
  candidatePosition: string;

  @Field(() => Int, { description: 'Years of service in Customs.' })
  @Column({ type: 'integer' })
  candidateYearsOfService: number;

  @Field(() => [String], { description: 'Languages the candidate works in (BCP 47 codes such as "en", "fr").' })
  @Column({ type: 'simple-json' })
  candidateLanguages: string[];

  @Field(() => String, { description: 'Why the administration nominates this candidate.' })
  @Column({ type: 'text' })
  motivation: string;

  @Field(() => NominationStatus, { description: 'Progress of the nomination.' })
  @Index()
  @Column({ type: 'varchar', length: 20 })
  status: NominationStatus;

  @Field(() => DateTimeScalar, { description: 'When the nomination was submitted.' })
  @Index()
  @Column({ type: Date })
  submittedAt: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When a final decision (selected, reserve, not selected) was taken.' })
  @Column({ type: Date, nullable: true })
  decidedAt: Date | null;

  /**
   * Mean of the reviews' scores, kept by reviewNomination in the review's
   * transaction, so ranking is an indexed column that keyset pagination can
   * compare and reading it costs no query. Null while nobody has reviewed.
   */
  @Field(() => Float, {
    nullable: true,
    description: 'Mean score (1 to 5) of the reviews, by which nominations rank; null while there are none (blind review hides it from reviewers until the decision).',
  })
  @Index()
  @Column({ type: 'double precision', nullable: true })
  meanScore: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'How many reviews the nomination has.',
  })
  @Column({ type: 'integer', default: 0 })
  reviewCount: number;
}
