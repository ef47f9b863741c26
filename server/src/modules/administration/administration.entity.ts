import { GraphQLCountryCode } from 'graphql-scalars';
import { Field } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Node, NodeObject } from '../../graphql/relay/node';
import { Region } from '../region/region.entity';

// Keyset pages (ORDER BY sort column, id LIMIT n) read these in order instead of sorting the table.
@Index('IDX_administration_name_id', ['name', 'uuid'])
@Index('IDX_administration_iso2_id', ['iso2', 'uuid'])
@Entity('administration')
@NodeObject('Administration', 'A Customs administration that is a Member of the WCO.')
export class Administration extends Node {
  @Field(() => GraphQLCountryCode, { description: 'ISO 3166-1 alpha-2 code of the country or customs territory (XK for Kosovo).' })
  @Column({ type: 'varchar', length: 2, unique: true })
  iso2: string;

  @Field(() => String, { description: 'Name of the country or customs territory.' })
  @Index()
  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Index()
  @Column({ type: 'uuid' })
  regionId: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'regionId' })
  region?: Relation<Region>;

  @Field(() => Boolean, {
    description: 'Whether the administration may be invited to nominate candidates (developing-country WCO Members).',
  })
  @Index()
  @Column({ type: 'boolean', default: true })
  isEligible: boolean;
}
