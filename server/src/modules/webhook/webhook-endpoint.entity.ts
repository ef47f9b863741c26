import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/relay/global-id';
import { DateTimeScalar } from '../../graphql/scalars/dates';
import { WebhookEventType } from './webhook-event-type';

/**
 * A system of the WCO's that hears of CDP Hub's events by webhook: where to
 * send them, which ones, and the secret they are signed with (sealed, see
 * SecretBox). The webhook channel of the outbox routes each event to the
 * enabled endpoints that subscribe to it.
 */
@Index('IDX_webhook_endpoint_createdAt_id', ['createdAt', 'uuid'])
@Entity('webhook_endpoint')
@ObjectType('WebhookEndpoint', {
  description: 'A receiver of CDP Hub’s webhooks (Standard Webhooks). ADMIN only; reached through `webhookEndpoints`. The secret is shown once, when it is made.',
})
export class WebhookEndpoint {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { name: 'id', description: 'Opaque identifier of the endpoint.' })
  get id(): string {
    return toGlobalId('WebhookEndpoint', this.uuid);
  }

  @Field(() => String, { description: 'Where webhooks are POSTed: https (http to localhost in development only).' })
  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Field(() => String, { description: 'What the receiver is, for the ADMINs; may be empty.' })
  @Column({ type: 'varchar', length: 500, default: '' })
  description: string;

  @Field(() => [WebhookEventType], { description: 'The events sent to this endpoint.' })
  @Column({ type: 'simple-json' })
  eventTypes: WebhookEventType[];

  /** The current secret, sealed (SecretBox). */
  @Column({ type: 'varchar', length: 300 })
  secretSealed: string;

  /** After a rotation: the previous secret, sealed, which also signs until previousSecretExpiresAt. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  previousSecretSealed: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'After a rotation: until when webhooks are also signed with the previous secret (two `v1,` signatures), so receivers can switch.',
  })
  @Column({ type: Date, nullable: true })
  previousSecretExpiresAt: Date | null;

  @Field(() => DateTimeScalar, { description: 'When the current secret was made.' })
  @Column({ type: Date })
  secretCreatedAt: Date;

  @Field(() => Boolean, { description: 'False: nothing is sent (webhooks of events meanwhile are SKIPPED). Disabled by an ADMIN, or by CDP Hub after failures in a row.' })
  @Column({ type: 'boolean', default: true })
  isEnabled: boolean;

  @Field(() => String, { nullable: true, description: 'Why the endpoint is disabled, e.g. after failures in a row; null while enabled.' })
  @Column({ type: 'varchar', length: 500, nullable: true })
  disabledReason: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was disabled; null while enabled.' })
  @Column({ type: Date, nullable: true })
  disabledAt: Date | null;

  @Field(() => Int, { description: 'Failed delivery attempts since the last success; at WEBHOOK_DISABLE_AFTER_FAILURES the endpoint is disabled.' })
  @Column({ type: 'int', default: 0 })
  consecutiveFailures: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When a webhook was last accepted (2xx).' })
  @Column({ type: Date, nullable: true })
  lastSuccessAt: Date | null;

  @Field(() => DateTimeScalar, { description: 'When the endpoint was registered.' })
  @Column({ type: Date })
  createdAt: Date;

  @Field(() => DateTimeScalar, { description: 'When the endpoint last changed.' })
  @Column({ type: Date })
  updatedAt: Date;
}
