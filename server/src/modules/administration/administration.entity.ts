import { GraphQLCountryCode } from 'graphql-scalars';
import { Field } from 'type-graphql';
import { EmailAddressScalar } from '../../graphql/scalars/email-address';
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

  /*
   * The focal point's contact as the secretariat keeps it for its letters
   * (personal data: the policy shows it to ADMIN and the administration's
   * own FOCAL_POINT). Set by updateAdministration; empty until then.
   */
  @Field(() => String, { nullable: true, description: "Name of the administration's focal point for the programme, as the secretariat writes to them." })
  @Column({ type: 'varchar', length: 200, nullable: true })
  focalPointName: string | null;

  @Field(() => EmailAddressScalar, { nullable: true, description: "E-mail of the administration's focal point (personal data)." })
  @Column({ type: 'varchar', length: 254, nullable: true })
  focalPointEmail: string | null;

  @Field(() => String, { nullable: true, description: "Telephone of the administration's focal point, international format (personal data)." })
  @Column({ type: 'varchar', length: 40, nullable: true })
  focalPointPhone: string | null;
}
