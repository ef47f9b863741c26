import { DateTimeScalar } from '../../graphql/scalars/dates';
import { Field } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { DatePrecision } from '../../common/dates';
import { Node, NodeObject } from '../../graphql/relay/node';
import { Cohort } from '../cohort/cohort.entity';
import { Programme } from '../programme/programme.entity';
import { EventKind } from './event-kind';

// Keyset pages (ORDER BY sort column, id LIMIT n) read these in order instead of sorting the table.
@Index('IDX_event_startsAt_id', ['startsAt', 'uuid'])
@Index('IDX_event_title_id', ['title', 'uuid'])
@Entity('event')
@NodeObject('Event', 'A dated programme event: commencement, reporting session, certificate ceremony, reunion or workshop.')
export class Event extends Node {
  @Index()
  @Column({ type: 'uuid' })
  programmeId: string;

  @ManyToOne(() => Programme, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'programmeId' })
  programme?: Relation<Programme>;

  /** Empty for events that concern the whole programme, such as alumni reunions. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  cohortId: string | null;

  @ManyToOne(() => Cohort, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'cohortId' })
  cohort?: Relation<Cohort> | null;

  @Field(() => EventKind, { description: 'What kind of event it is.' })
  @Index()
  @Column({ type: 'varchar', length: 30 })
  kind: EventKind;

  @Field(() => String, { description: 'Title of the event.' })
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field(() => DateTimeScalar, {
    description: 'When the event starts (UTC). With MONTH precision only the year and month are meaningful.',
  })
  @Index()
  @Column({ type: Date })
  startsAt: Date;

  @Field(() => DatePrecision, { description: 'How precisely startsAt is known.' })
  @Column({ type: 'varchar', length: 5, default: DatePrecision.DAY })
  datePrecision: DatePrecision;

  @Field(() => String, { nullable: true, description: 'Where the event takes place.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  location: string | null;

  @Field(() => Boolean, { description: 'Whether the event is held online.' })
  @Column({ type: 'boolean', default: false })
  isVirtual: boolean;

  @Field(() => String, { nullable: true, description: 'Who officiates, e.g. the Secretary General.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  officiantName: string | null;

  @Field(() => String, { nullable: true, description: "The officiant's title at the time of the event." })
  @Column({ type: 'varchar', length: 200, nullable: true })
  officiantTitle: string | null;

  @Field(() => String, { nullable: true, description: 'Who the event is addressed to, e.g. "senior management".' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  audience: string | null;

  /** Cancelled events stay on record (frontends strike them through); lists leave them out unless asked. */
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the event was cancelled; null while it takes place as planned.' })
  @Column({ type: Date, nullable: true })
  cancelledAt: Date | null;

  @Field(() => String, { nullable: true, description: 'Why the event was cancelled; null unless it was.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  cancellationReason: string | null;

  @Field(() => Boolean, { description: 'Whether the event was cancelled (see cancelledAt and cancellationReason).' })
  get isCancelled(): boolean {
    return this.cancelledAt !== null && this.cancelledAt !== undefined;
  }
}
