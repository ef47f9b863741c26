import { DateTimeScalar } from '../../graphql/scalars/dates';
import { Field } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, type Relation } from 'typeorm';
import { Node, NodeObject } from '../../graphql/relay/node';
import { Administration } from '../administration/administration.entity';
import { ProfessionalAssociate } from '../associate/associate.entity';
import { Language } from './language';
import { UserRole } from './user-role';

// Keyset pages (ORDER BY sort column, id LIMIT n) read these in order instead of sorting the table.
@Index('IDX_app_user_createdAt_id', ['createdAt', 'uuid'])
@Index('IDX_app_user_displayName_id', ['displayName', 'uuid'])
@Entity('app_user')
@NodeObject('User', 'A person who signs in to CDP Hub. Visible to ADMIN and to the user themself.')
export class User extends Node {
  /** Sign-in name, stored lower-cased; User.email, seen by whoever sees the user (ADMIN and the user themself). */
  @Column({ type: 'varchar', length: 254, unique: true })
  email: string;

  /** argon2id hash in PHC form; never exposed. */
  @Column({ type: 'varchar', length: 255 })
  passwordHash: string;

  @Field(() => String, { description: 'Name shown in the interface, e.g. "Amina Diallo".' })
  @Column({ type: 'varchar', length: 200, default: '' })
  displayName: string;

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

  @Field(() => Boolean, { description: 'False once an ADMIN deactivated the user: they can no longer sign in, and their sessions ended.' })
  @Column({ type: 'boolean', default: true })
  isActive: boolean;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the user last signed in; null if never.' })
  @Column({ type: Date, nullable: true })
  lastLoginAt: Date | null;

  @Field(() => Language, { description: 'The language CDP Hub writes to the user in (its e-mail); EN unless chosen.' })
  @Column({ type: 'varchar', length: 2, default: Language.EN })
  preferredLanguage: Language;

  /** True for the demonstration users of the development seed; production refuses to start while one is active. */
  @Column({ type: 'boolean', default: false })
  isDemo: boolean;
}
