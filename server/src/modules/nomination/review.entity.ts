import { Field, Int } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, Unique, type Relation } from 'typeorm';
import { Node, NodeObject } from '../../graphql/relay/node';
import { User } from '../user/user.entity';
import { Nomination } from './nomination.entity';

@Entity('review')
@Unique('UQ_review_nomination_reviewer', ['nominationId', 'reviewerId'])
@NodeObject('Review', "A reviewer's score of a nomination. Nominations rank by their mean score.")
export class Review extends Node {
  @Index()
  @Column({ type: 'uuid' })
  nominationId: string;

  @ManyToOne(() => Nomination, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'nominationId' })
  nomination?: Relation<Nomination>;

  @Index()
  @Column({ type: 'uuid' })
  reviewerId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'reviewerId' })
  reviewer?: Relation<User>;

  @Field(() => Int, { description: 'Score from 1 (weak) to 5 (excellent).' })
  @Column({ type: 'integer' })
  score: number;

  @Field(() => String, { nullable: true, description: "The reviewer's comment." })
  @Column({ type: 'text', nullable: true })
  comment: string | null;
}
