import { DateScalar, DateTimeScalar } from '../../graphql/scalars/dates';
import { Field, Int } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, Unique, type Relation } from 'typeorm';
import { DatePrecision } from '../../common/dates';
import { Node, NodeObject } from '../../graphql/relay/node';
import { Programme } from '../programme/programme.entity';
import { CohortStatus } from './cohort-status';

// Keyset pages (ORDER BY sort column, id LIMIT n) read these in order instead of sorting the table.
@Index('IDX_cohort_label_id', ['label', 'uuid'])
@Index('IDX_cohort_createdAt_id', ['createdAt', 'uuid'])
@Entity('cohort')
@Unique('UQ_cohort_programme_label', ['programmeId', 'label'])
@NodeObject('Cohort', 'One programme year: the Professional Associates who work at the Secretariat together.')
export class Cohort extends Node {
  @Index()
  @Column({ type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'programmeId' })
  programme?: Relation<Programme>;

  @Field(() => String, { description: 'Programme year, e.g. "2023-2024"; unique within a programme.' })
  @Index()
  @Column({ type: 'varchar', length: 9 })
  label: string;

  @Field(() => CohortStatus, { description: 'Where the cohort is in the yearly cycle.' })
  @Index()
  @Column({ type: 'varchar', length: 20 })
  status: CohortStatus;

  @Field(() => Int, { nullable: true, description: 'How many associates may be selected; null when not known.' })
  @Column({ type: 'integer', nullable: true })
  capacity: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'When invitation letters went to eligible administrations.' })
  @Column({ type: 'date', nullable: true })
  invitationDate: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day on which nominations are accepted.' })
  @Column({ type: 'date', nullable: true })
  nominationDeadline: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the selection takes place.' })
  @Column({ type: 'date', nullable: true })
  selectionDate: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When candidates are notified of the results.' })
  @Column({ type: 'date', nullable: true })
  notificationDate: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the programme year commences.' })
  @Index()
  @Column({ type: 'date', nullable: true })
  startDate: string | null;

  @Field(() => DatePrecision, { nullable: true, description: 'How precisely startDate is known.' })
  @Column({ type: 'varchar', length: 5, nullable: true })
  startDatePrecision: DatePrecision | null;

  @Field(() => DateScalar, { nullable: true, description: 'When the programme year ends.' })
  @Column({ type: 'date', nullable: true })
  endDate: string | null;

  @Field(() => String, { nullable: true, description: 'Remarks about the record, e.g. what is not known.' })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When an ADMIN published the outcomes (publishOutcomes): each administration’s focal points were told of their candidates’ outcomes. Null until then.',
  })
  @Column({ type: Date, nullable: true })
  outcomesPublishedAt: Date | null;
}
