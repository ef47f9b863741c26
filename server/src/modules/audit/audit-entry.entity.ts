import { GraphQLJSONObject } from 'graphql-scalars';
import { DateTimeScalar } from '../../graphql/scalars/dates';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { nodeTypeNames } from '../../graphql/relay/node';
import { toGlobalId } from '../../graphql/relay/global-id';
import { User } from '../user/user.entity';

const REFERENCES =
  'Fields naming other objects (ending in "Id", or "Ids" for a list) hold their global IDs, which `node(id:)` and the `auditLog` filters accept.';

/** What changed, who changed it and when: written inside the transaction of every mutation. */
// Keyset pages (ORDER BY sort column, id LIMIT n) read these in order instead of sorting the table.
@Index('IDX_audit_entry_occurredAt_id', ['occurredAt', 'uuid'])
@Entity('audit_entry')
@Index('IDX_audit_entry_entity', ['entityType', 'entityId'])
@ObjectType('AuditEntry', {
  description: 'One change recorded by CDP Hub: who, when, which operation, which object, and the changed fields. Personal values read "[redacted]".',
})
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { name: 'id', description: 'Opaque identifier of the entry.' })
  get id(): string {
    return toGlobalId('AuditEntry', this.uuid);
  }

  /** The request's clock at millisecond precision, like Node timestamps (see Node.createdAt). */
  @Field(() => DateTimeScalar, { description: 'When the change was committed (the server clock of its request).' })
  @Index()
  @Column({ type: Date })
  occurredAt: Date;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'actorId' })
  actor?: Relation<User> | null;

  /** Who acted when no user did, e.g. "system:seed". */
  @Field(() => String, { description: 'Who acted, in words: "user:ADMIN", "anonymous", "system:seed", "system:cli".' })
  @Column({ type: 'varchar', length: 100 })
  actorLabel: string;

  @Field(() => String, { nullable: true, description: 'The id of the HTTP request, as in the server log.' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Field(() => String, { description: 'The mutation or event, e.g. "createUser", "login", "login.failed".' })
  @Index()
  @Column({ type: 'varchar', length: 80 })
  operation: string;

  @Field(() => String, { description: 'The type of the changed object, e.g. "User".' })
  @Column({ type: 'varchar', length: 60 })
  entityType: string;

  @Column({ type: 'uuid', nullable: true })
  entityId: string | null;

  @Field(() => ID, { name: 'entityId', nullable: true, description: 'The global ID of the changed object, when it is a Node.' })
  get entityGlobalId(): string | null {
    return this.entityId && nodeTypeNames().has(this.entityType) ? toGlobalId(this.entityType, this.entityId) : null;
  }

  @Field(() => GraphQLJSONObject, { nullable: true, description: `The changed fields before the change. ${REFERENCES}` })
  @Column({ type: 'simple-json', nullable: true })
  before: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: `The changed fields after the change. ${REFERENCES}` })
  @Column({ type: 'simple-json', nullable: true })
  after: Record<string, unknown> | null;
}
