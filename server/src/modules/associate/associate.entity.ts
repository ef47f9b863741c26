import { DateScalar } from '../../graphql/scalars/dates';
import { EmailAddressScalar } from '../../graphql/scalars/email-address';
import { Field } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, type Relation } from 'typeorm';
import { Node, NodeObject } from '../../graphql/relay/node';
import { Administration } from '../administration/administration.entity';
import { Cohort } from '../cohort/cohort.entity';
import { Nomination } from '../nomination/nomination.entity';
import { AssociateStatus, Directorate } from './associate-enums';

// Keyset pages (ORDER BY sort column, id LIMIT n) read these in order instead of sorting the table.
@Index('IDX_professional_associate_fullName_id', ['fullName', 'uuid'])
@Index('IDX_professional_associate_createdAt_id', ['createdAt', 'uuid'])
@Index('IDX_professional_associate_cohortId_fullName_id', ['cohortId', 'fullName', 'uuid'])
@Index('IDX_professional_associate_administrationId_fullName_id', ['administrationId', 'fullName', 'uuid'])
@Entity('professional_associate')
@NodeObject('ProfessionalAssociate', 'A Customs official placed at the WCO Secretariat for one programme year.')
export class ProfessionalAssociate extends Node {
  @Index()
  @Column({ type: 'uuid' })
  cohortId: string;

  @ManyToOne(() => Cohort, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'cohortId' })
  cohort?: Relation<Cohort>;

  @Index()
  @Column({ type: 'uuid' })
  administrationId: string;

  @ManyToOne(() => Administration, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'administrationId' })
  administration?: Relation<Administration>;

  /** The nomination whose selection created this placement; empty for historical records. */
  @Index({ unique: true })
  @Column({ type: 'uuid', nullable: true })
  nominationId: string | null;

  @OneToOne(() => Nomination, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'nominationId' })
  nomination?: Relation<Nomination> | null;

  @Field(() => String, { description: 'Full name of the associate.' })
  @Index()
  @Column({ type: 'varchar', length: 200 })
  fullName: string;

  @Field(() => EmailAddressScalar, { nullable: true, description: 'Work e-mail of the associate (personal data).' })
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Field(() => String, { nullable: true, description: 'Telephone number of the associate, international format (personal data).' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Field(() => [String], { description: 'Working languages (BCP 47 codes such as "en", "fr", "es").' })
  @Column({ type: 'simple-json' })
  languages: string[];

  @Field(() => Directorate, { nullable: true, description: 'Secretariat directorate of the placement; null until assigned.' })
  @Index()
  @Column({ type: 'varchar', length: 40, nullable: true })
  directorate: Directorate | null;

  @Field(() => String, { nullable: true, description: 'Name of the supervisor at the Secretariat.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  supervisorName: string | null;

  @Field(() => AssociateStatus, { description: 'State of the placement.' })
  @Index()
  @Column({ type: 'varchar', length: 20 })
  status: AssociateStatus;

  @Field(() => DateScalar, { nullable: true, description: 'First day of the placement.' })
  @Column({ type: 'date', nullable: true })
  startDate: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the placement.' })
  @Column({ type: 'date', nullable: true })
  endDate: string | null;

  @Field(() => Boolean, {
    description: 'True for the sample people created by the seed: no associate names are public, so seeded names are generated.',
  })
  @Column({ type: 'boolean', default: false })
  isSampleData: boolean;
}
