import { DateScalar, DateTimeScalar } from '../../graphql/scalars/dates';
import { Field } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Node, NodeObject } from '../../graphql/relay/node';
import { ResearchProject } from './research-project.entity';

@Entity('milestone')
@NodeObject('Milestone', 'A dated step of a research project.')
export class Milestone extends Node {
  @Index()
  @Column({ type: 'uuid' })
  researchProjectId: string;

  @ManyToOne(() => ResearchProject, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'researchProjectId' })
  researchProject?: Relation<ResearchProject>;

  @Field(() => String, { description: 'What is due.' })
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field(() => DateScalar, { description: 'When it is due.' })
  @Index()
  @Column({ type: 'date' })
  dueDate: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was completed; null while open.' })
  @Column({ type: Date, nullable: true })
  completedAt: Date | null;
}
