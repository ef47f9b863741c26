import { GraphQLDateTime, GraphQLURL } from 'graphql-scalars';
import { Field } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, type Relation } from 'typeorm';
import { Node, NodeObject } from '../../graphql/relay/node';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { Event } from '../event/event.entity';
import { ResearchStatus } from './research-status';

@Entity('research_project')
@NodeObject('ResearchProject', 'The research an associate carries out on a Customs issue of global importance.')
export class ResearchProject extends Node {
  @Index({ unique: true })
  @Column({ type: 'uuid' })
  associateId: string;

  @OneToOne(() => ProfessionalAssociate, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'associateId' })
  associate?: Relation<ProfessionalAssociate>;

  @Field(() => String, { description: 'Title of the research.' })
  @Index()
  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Field(() => String, { description: 'Summary of the research question, method and findings.' })
  @Column({ type: 'text' })
  abstract: string;

  @Field(() => ResearchStatus, { description: 'Progress of the research.' })
  @Index()
  @Column({ type: 'varchar', length: 20 })
  status: ResearchStatus;

  @Field(() => GraphQLURL, { nullable: true, description: 'Where the published report can be read.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  reportUrl: string | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  presentedAtId: string | null;

  @ManyToOne(() => Event, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'presentedAtId' })
  presentedAt?: Relation<Event> | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the research was published.' })
  @Index()
  @Column({ type: Date, nullable: true })
  publishedAt: Date | null;
}
