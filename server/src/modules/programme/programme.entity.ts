import { Field, Int } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { Node, NodeObject } from '../../graphql/relay/node';

@Entity('programme')
@Index('IDX_programme_name_id', ['name', 'uuid'])
@Index('IDX_programme_launchedYear_id', ['launchedYear', 'uuid'])
@NodeObject('Programme', 'A capacity-building programme that hosts yearly cohorts of Professional Associates.')
export class Programme extends Node {
  @Field(() => String, { description: 'Stable code of the programme, e.g. WCO-JAPAN-CDP.' })
  @Column({ type: 'varchar', length: 40, unique: true })
  code: string;

  @Field(() => String, { description: 'Official name of the programme.' })
  @Index()
  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Field(() => String, { nullable: true, description: 'Name the programme was previously known by, if any.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  formerName: string | null;

  @Field(() => String, { description: 'Organisation that runs the programme.' })
  @Column({ type: 'varchar', length: 200 })
  organiser: string;

  @Field(() => String, { description: 'Partner that funds or co-runs the programme.' })
  @Column({ type: 'varchar', length: 200 })
  partner: string;

  @Field(() => Int, { description: 'Year the programme was launched.' })
  @Index()
  @Column({ type: 'integer' })
  launchedYear: number;

  @Field(() => Int, { description: 'Usual length of a placement, in months.' })
  @Column({ type: 'integer' })
  placementMonths: number;

  @Field(() => String, { description: 'What the programme is and what it aims at.' })
  @Column({ type: 'text' })
  description: string;

  @Field(() => String, { description: 'Who may be nominated.' })
  @Column({ type: 'text' })
  eligibility: string;
}
