import { MAX_ADMINISTRATIONS } from '../../modules/administration/administration.types';
import { MAX_REVIEWS_PER_NOMINATION } from '../../modules/nomination/review.service';
import { MAX_NETWORK_EDGES, MAX_NETWORK_NODES } from '../../modules/alumni/alumni.service';
import { RegionCode } from '../../modules/region/region.entity';
import { TOP_THEMES } from '../../modules/statistics/statistics.service';
import { MAX_COHORT_EVENTS } from '../../modules/event/event-schedule.service';
import { MAX_MILESTONES } from '../../modules/research/milestone.service';
import { MAX_THEMES } from '../../modules/research/research.inputs';
import { WebhookEventType } from '../../modules/webhook/webhook-event-type';

/**
 * The most items each list field that is not a connection can return, by
 * `Type.field`; the cost estimate multiplies what is selected per item by it.
 * Connections are priced by their page size instead (cost.ts). A test fails
 * when the schema has a list field missing here.
 *
 * Enforced bounds come from the code that builds the list. The "declared"
 * ones have no cap in the data yet (only the seed writes these rows); they are
 * generous figures for one programme, and the write side must keep to them.
 */
export const LIST_BOUNDS: Readonly<Record<string, number>> = {
  // Enforced: the service refuses larger networks.
  'AlumniNetwork.nodes': MAX_NETWORK_NODES,
  'AlumniNetwork.edges': MAX_NETWORK_EDGES,
  // Enforced: one row per region, per administration, or the top themes only.
  'ProgrammeStatistics.byRegion': Object.keys(RegionCode).length,
  'ProgrammeStatistics.byAdministration': MAX_ADMINISTRATIONS,
  'ProgrammeStatistics.neverRepresented': MAX_ADMINISTRATIONS,
  'ProgrammeStatistics.topThemes': TOP_THEMES,
  // Enforced: reviewNomination refuses a review beyond it (TOO_MANY_REVIEWS).
  'Nomination.reviews': MAX_REVIEWS_PER_NOMINATION,
  // Declared: one cohort a programme year, for a century.
  'ProgrammeStatistics.byCohort': 100,
  // Enforced: scheduleEvent refuses more (COHORT_EVENTS_FULL).
  'Cohort.events': MAX_COHORT_EVENTS,
  // Enforced: addMilestone refuses more (TOO_MANY_MILESTONES); the research inputs take at most MAX_THEMES themes.
  'ResearchProject.milestones': MAX_MILESTONES,
  'ResearchProject.themes': MAX_THEMES,
  // Declared: one certificate a placement, plus reissues.
  'ProfessionalAssociate.certificates': 5,
  'ProfessionalAssociate.languages': 20,
  'Nomination.candidateLanguages': 20,
  // Enforced: every eligible administration at most, whether named (60 at most) or allEligible.
  'InviteAdministrationsPayload.invited': MAX_ADMINISTRATIONS,
  'InviteAdministrationsPayload.alreadyInvited': MAX_ADMINISTRATIONS,
  'InviteAdministrationsPayload.ineligible': MAX_ADMINISTRATIONS,
  // Enforced: the inputs take each event type at most once.
  'WebhookEndpoint.eventTypes': Object.keys(WebhookEventType).length,
  // Enforced by the input: an error names one input field, a few levels deep.
  'UserError.field': 10,
  // Declared: a letter has a few paragraphs and facts (mail/letters).
  'Notification.paragraphs': 10,
  'Notification.facts': 10,
};

/** Every mutation payload lists its user errors: at most one per input field, and inputs have a few dozen. */
const USER_ERRORS_BOUND = 50;

/** The bound of a list field that is not a connection, or undefined when it has none. */
export function listBound(typeName: string, fieldName: string): number | undefined {
  if (fieldName === 'userErrors' && typeName.endsWith('Payload')) return USER_ERRORS_BOUND;
  return LIST_BOUNDS[`${typeName}.${fieldName}`];
}
