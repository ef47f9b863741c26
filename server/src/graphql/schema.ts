import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AdministrationResolver } from '../modules/administration/administration.resolver';
import { AdministrationMutations } from '../modules/administration/administration.mutations';
import { UserActionCountsResolver } from '../modules/dashboard/action-counts';
import { AlumniActivityResolver, AlumniResolver } from '../modules/alumni/alumni.resolver';
import { AssociateResolver } from '../modules/associate/associate.resolver';
import { CertificateMutations } from '../modules/certificate/certificate.mutations';
import { CertificateResolver } from '../modules/certificate/certificate.resolver';
import { CohortMutations } from '../modules/cohort/cohort.mutations';
import { CohortResolver } from '../modules/cohort/cohort.resolver';
import { InvitationResolver } from '../modules/cohort/invitation.resolver';
import { EventMutations } from '../modules/event/event.mutations';
import { EventResolver } from '../modules/event/event.resolver';
import { NodeResolver } from '../modules/node/node.resolver';
import { assertEveryNodeTypeHasASource, NODE_SOURCES } from '../modules/node/node-registry';
import { NominationMutations } from '../modules/nomination/nomination.mutations';
import { NominationResolver } from '../modules/nomination/nomination.resolver';
import { NominationReviewsResolver, ReviewResolver, UserReviewsResolver } from '../modules/nomination/review.resolver';
import { ProgrammeResolver } from '../modules/programme/programme.resolver';
import { RegionResolver } from '../modules/region/region.resolver';
import { MilestoneResolver } from '../modules/research/milestone.resolver';
import { ResearchResolver } from '../modules/research/research.resolver';
import { StatisticsResolver } from '../modules/statistics/statistics.resolver';
import { UserResolver } from '../modules/user/user.resolver';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { OutboxResolver } from '../modules/outbox/outbox.resolver';
import { WebhookDeliveryResolver, WebhookResolver } from '../modules/webhook/webhook.resolver';
import { PlacementMutations } from '../modules/associate/placement.mutations';
import { ResearchMutations } from '../modules/research/research.mutations';
import { AlumniMutations } from '../modules/alumni/alumni.mutations';
import { LiveResolver } from '../modules/live/live.resolver';
import { enforcePolicy } from '../auth/policy/enforce-policy';
import { validateArgument } from './input/validate-input';

const RESOLVERS = [
  NodeResolver,
  UserResolver,
  AuditResolver,
  OutboxResolver,
  WebhookResolver,
  WebhookDeliveryResolver,
  RegionResolver,
  AdministrationResolver,
  AdministrationMutations,
  ProgrammeResolver,
  CohortResolver,
  InvitationResolver,
  NominationResolver,
  NominationMutations,
  NominationReviewsResolver,
  ReviewResolver,
  UserReviewsResolver,
  UserActionCountsResolver,
  AssociateResolver,
  ResearchResolver,
  MilestoneResolver,
  EventResolver,
  CertificateResolver,
  CertificateMutations,
  AlumniResolver,
  AlumniActivityResolver,
  StatisticsResolver,
  CohortMutations,
  EventMutations,
  PlacementMutations,
  ResearchMutations,
  AlumniMutations,
  LiveResolver,
] as const;

/**
 * TypeGraphQL asks for a pub/sub as soon as there are subscriptions. Every
 * subscription here has its own subscribe function (a stream of LiveHub), so
 * none is ever asked of this one.
 */
const NO_PUBSUB = {
  publish() {
    throw new Error('CDP Hub publishes through LiveHub, not a TypeGraphQL pub/sub');
  },
  subscribe() {
    throw new Error('CDP Hub subscriptions have their own subscribe functions');
  },
} as unknown as NonNullable<Parameters<typeof buildSchema>[0]['pubSub']>;

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema, built once per process from the TypeGraphQL classes. */
export function buildCdpSchema(): Promise<GraphQLSchema> {
  built ??= (async () => {
    assertEveryNodeTypeHasASource();
    const schema = await buildSchema({
      resolvers: RESOLVERS,
      // Every Node type is in the schema even before a field returns it, so node(id) can answer it.
      orphanedTypes: Object.values(NODE_SOURCES).map((s) => s.entity as Function),
      // Arguments are normalised, then validated; a mutation's input is left to runMutation (see InputArg).
      validateFn: validateArgument,
      pubSub: NO_PUBSUB,
    });
    // TypeGraphQL has no option for the root type's description; the docs pane opens on it.
    schema.getQueryType()!.description =
      'Entry points for reading CDP Hub: the WCO-Japan Career Development Programme, its cohorts, Professional Associates, research, events, certificates and alumni.';
    schema.getMutationType()!.description =
      'Entry points for changing CDP Hub. Each takes one `input` and returns a payload whose `userErrors` say why nothing changed.';
    schema.getSubscriptionType()!.description =
      'Live updates, over WebSocket (the graphql-ws protocol) at /graphql: each event after its change is committed, only to subscribers who may see it.';
    return enforcePolicy(schema);
  })().catch((err: unknown) => {
    built = undefined;
    throw err;
  });
  return built;
}

const HEADER = `# CDP Hub GraphQL schema.
# Generated from the TypeGraphQL classes by \`npm run schema\`; do not edit by hand.
# The test suite fails when this file differs from what the code emits.

`;

/** The SDL committed as schema.graphql: sorted, so diffs show only real changes. */
export function schemaSdl(schema: GraphQLSchema): string {
  return HEADER + printSchema(lexicographicSortSchema(schema)) + '\n';
}
