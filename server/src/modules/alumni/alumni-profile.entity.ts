import { Field } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, OneToOne, type Relation } from 'typeorm';
import { Node, NodeObject } from '../../graphql/relay/node';
import { ProfessionalAssociate } from '../associate/associate.entity';

// Keyset pages (ORDER BY sort column, id LIMIT n) read these in order instead of sorting the table.
@Index('IDX_alumni_profile_createdAt_id', ['createdAt', 'uuid'])
@Index('IDX_alumni_profile_updatedAt_id', ['updatedAt', 'uuid'])
@Entity('alumni_profile')
@NodeObject('AlumniProfile', 'How a former associate stays connected to the programme after a completed placement.')
export class AlumniProfile extends Node {
  @Index({ unique: true })
  @Column({ type: 'uuid' })
  associateId: string;

  @OneToOne(() => ProfessionalAssociate, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'associateId' })
  associate?: Relation<ProfessionalAssociate>;

  @Field(() => String, { nullable: true, description: 'Current position in their administration.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  currentPosition: string | null;

  @Field(() => Boolean, { description: 'Whether they act as liaison point between their administration and the Secretariat.' })
  @Index()
  @Column({ type: 'boolean', default: false })
  isLiaisonPoint: boolean;
}
