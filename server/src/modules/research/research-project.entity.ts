import { GraphQLURL } from 'graphql-scalars';
import { DateTimeScalar } from '../../graphql/scalars/dates';
import { Field } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, type Relation } from 'typeorm';
import { Node, NodeObject } from '../../graphql/relay/node';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { Event } from '../event/event.entity';
import { ResearchStatus } from './research-status';

// Keyset pages (ORDER BY sort column, id LIMIT n) read these in order instead of sorting the table.
@Index('IDX_research_project_title_id', ['title', 'uuid'])
@Index('IDX_research_project_createdAt_id', ['createdAt', 'uuid'])
// Anonymous callers see PUBLISHED research only: their pages read the status-prefixed pairs.
@Index('IDX_research_project_status_title_id', ['status', 'title', 'uuid'])
@Index('IDX_research_project_status_createdAt_id', ['status', 'createdAt', 'uuid'])
// Search checks the visibility of each match from this index alone, never reading the wide row (abstract).
@Index('IDX_research_project_visibility', ['uuid', 'status', 'associateId'])
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

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the research was published.' })
  @Index()
  @Column({ type: Date, nullable: true })
  publishedAt: Date | null;
}
