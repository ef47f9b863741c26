import { Field, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { Node, NodeObject } from '../../graphql/relay/node';

export enum RegionCode {
  ESA = 'ESA',
  WCA = 'WCA',
  MENA = 'MENA',
  EUR = 'EUR',
  AP = 'AP',
  AMC = 'AMC',
}

registerEnumType(RegionCode, {
  name: 'RegionCode',
  description: "Code of one of the WCO's six regions.",
  valuesConfig: {
    ESA: { description: 'East and Southern Africa.' },
    WCA: { description: 'West and Central Africa.' },
    MENA: { description: 'North of Africa, Near and Middle East.' },
    EUR: { description: 'Europe.' },
    AP: { description: 'Asia/Pacific.' },
    AMC: { description: 'South America, North America, Central America and the Caribbean.' },
  },
});

@Entity('region')
@Index('IDX_region_name_id', ['name', 'uuid'])
@NodeObject('Region', 'One of the six WCO regions that group Member administrations.')
export class Region extends Node {
  @Field(() => RegionCode, { description: 'Short code of the region.' })
  @Column({ type: 'varchar', length: 8, unique: true })
  code: RegionCode;

  @Field(() => String, { description: 'Full name of the region.' })
  @Index()
  @Column({ type: 'varchar', length: 120 })
  name: string;
}
