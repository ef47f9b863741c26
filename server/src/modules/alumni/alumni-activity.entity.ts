import { DateScalar } from '../../graphql/scalars/dates';
import { Field } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Node, NodeObject } from '../../graphql/relay/node';
import { AlumniActivityKind } from './alumni-activity-kind';
import { AlumniProfile } from './alumni-profile.entity';

@Entity('alumni_activity')
@NodeObject('AlumniActivity', 'Something a former associate did that the programme keeps track of.')
export class AlumniActivity extends Node {
  @Index()
  @Column({ type: 'uuid' })
  alumniProfileId: string;

  @ManyToOne(() => AlumniProfile, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'alumniProfileId' })
  alumniProfile?: Relation<AlumniProfile>;

  @Field(() => AlumniActivityKind, { description: 'What kind of activity it was.' })
  @Index()
  @Column({ type: 'varchar', length: 30 })
  kind: AlumniActivityKind;

  @Field(() => DateScalar, { description: 'When it happened.' })
  @Index()
  @Column({ type: 'date' })
  date: string;

  @Field(() => String, { description: 'Short title.' })
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field(() => String, { nullable: true, description: 'Details.' })
  @Column({ type: 'text', nullable: true })
  description: string | null;
}
