import { Field } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Node, NodeObject } from '../../graphql/relay/node';
import { Administration } from '../administration/administration.entity';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { UserRole } from './user-role';

@Entity('app_user')
@NodeObject('User', 'A person who signs in to CDP Hub.')
export class User extends Node {
  /** Sign-in name; exposed to its owner only once authentication exists. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Field(() => UserRole, { description: 'What the user may do.' })
  @Index()
  @Column({ type: 'varchar', length: 20 })
  role: UserRole;

  /** The administration a FOCAL_POINT acts for. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  administrationId: string | null;

  @ManyToOne(() => Administration, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'administrationId' })
  administration?: Relation<Administration> | null;

  /** The associate an ASSOCIATE user is. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  associateId: string | null;

  @ManyToOne(() => ProfessionalAssociate, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'associateId' })
  associate?: Relation<ProfessionalAssociate> | null;

  @Column({ type: 'boolean', default: true })
  isActive: boolean;
}
