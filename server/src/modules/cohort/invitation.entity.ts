import { DateTimeScalar } from '../../graphql/scalars/dates';
import { Field } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, Unique, type Relation } from 'typeorm';
import { Node, NodeObject } from '../../graphql/relay/node';
import { Administration } from '../administration/administration.entity';
import { Cohort } from './cohort.entity';

@Entity('invitation')
@Unique('UQ_invitation_cohort_administration', ['cohortId', 'administrationId'])
@NodeObject('Invitation', 'An invitation letter asking an eligible administration to nominate candidates for a cohort.')
export class Invitation extends Node {
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

  @Field(() => DateTimeScalar, { description: 'When the invitation was sent.' })
  @Index()
  @Column({ type: Date })
  sentAt: Date;
}
