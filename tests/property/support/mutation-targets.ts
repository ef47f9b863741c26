import fc from 'fast-check';
import { AssociateStatus } from '../../../server/src/modules/associate/associate-enums';
import { CohortStatus } from '../../../server/src/modules/cohort/cohort-status';
import { EventKind } from '../../../server/src/modules/event/event-kind';
import { canonicalLanguageTag } from '../../../server/src/modules/nomination/language-tag';
import { ResearchStatus } from '../../../server/src/modules/research/research-status';
import { UserRole } from '../../../server/src/modules/user/user-role';
import type { WebhookEndpoint } from '../../../server/src/modules/webhook/webhook-endpoint.entity';
import { AccountLinkPurpose, linkToken, newLinkId } from '../../../server/src/auth/account-links';
import { tokenDigest } from '../../../server/src/auth/tokens';
import { AccountLink } from '../../../server/src/modules/user/account-link.entity';
import { NO_PASSWORD } from '../../../server/src/modules/user/account-link.service';
import { User } from '../../../server/src/modules/user/user.entity';
import { insertDeadDelivery, insertEndpoint, PUBLIC_HOOK_URL } from '../../support/webhooks';
import { MOTIVATION } from '../../support/arrange-nominations';
import { yearDates } from '../../support/cohort-workflow';
import type { Caller } from '../../support/server';
import { FUZZ_PASSWORD, gid, type World } from './world';

/** How an input field reads back from the object the mutation changed. */
export interface Echo {
  /** The output field, e.g. candidateFullName. */
  field: string;
  /** Optional text whose blank value means "none": read back as null. */
  blankIsNull?: boolean;
  /** The stored form of a value the rules do not normalise alone (language tags, lists). */
  stored?: (sent: any) => unknown;
}

export interface MutationTarget {
  /** Plausible values of some input paths (e.g. "candidate.languages"), mixed into the generated ones so that the field is also accepted now and then. */
  near?: Record<string, fc.Arbitrary<unknown>>;
  /** A valid input for one request, and the caller who may send it (ADMIN by default). */
  arrange(world: World): Promise<{ input: Record<string, any>; caller?: Caller }>;
  /** The payload field holding the changed object, its type, and how its input fields read back. */
  changed?: { field: string; type: string; echo: Record<string, string | Echo> };
}

const person = (world: World) => `fuzz.person.${world.next()}@customs.example`;
const themes = (sent: string[]) => sent.map((t) => t.normalize('NFC').trim());
const languages = (sent: string[]) => [...new Set(sent.map((tag) => canonicalLanguageTag(tag.normalize('NFC').trim())))];

/** A research project in `status` of a new associate of a running cohort with a reporting session and a ceremony that took place. */
async function researchAt(world: World, status: ResearchStatus) {
  const cohort = await world.once('running-cohort', () => world.cohort(CohortStatus.IN_PROGRESS));
  const associate = await world.associate(cohort);
  const research = await world.research(associate, status);
  return { cohort, associate, research };
}
const session = (world: World) => world.once('session', async () => world.event(await world.once('running-cohort', () => world.cohort(CohortStatus.IN_PROGRESS)), EventKind.REPORTING_SESSION));
const ceremony = (world: World) => world.once('ceremony', async () => world.event(await world.once('running-cohort', () => world.cohort(CohortStatus.IN_PROGRESS)), EventKind.CERTIFICATE_CEREMONY));

/** Rotates a shared row after `uses` requests, for rows that take a bounded number of children (milestones, events). */
async function rotating<T>(world: World, key: string, uses: number, make: () => Promise<T>): Promise<T> {
  const count = (await world.once(`${key}:count`, async () => ({ n: 0 }))) as { n: number };
  if (++count.n > uses) {
    count.n = 1;
    world.renew(key);
  }
  return world.once(key, make);
}

const HOOK_URL = PUBLIC_HOOK_URL;
const sharedEndpoint = (world: World) => world.once('webhook-endpoint', () => insertEndpoint(world.ds));
const endpointId = (endpoint: WebhookEndpoint) => gid('WebhookEndpoint', endpoint.uuid);

/**
 * A live one-time link for a new user (invited: without a password yet),
 * stored as accountLinks.issue stores it, and its token as the letter derives it.
 */
async function accountLinkToken(world: World, purpose: AccountLinkPurpose): Promise<string> {
  const { pepper } = world.server.auth;
  const token = linkToken(pepper, newLinkId());
  const user = await world.user();
  if (purpose === AccountLinkPurpose.INVITATION) await world.ds.getRepository(User).update({ uuid: user.uuid }, { passwordHash: NO_PASSWORD });
  await world.ds.getRepository(AccountLink).insert({
    userId: user.uuid,
    purpose,
    tokenHash: tokenDigest(pepper, token),
    createdAt: new Date('2026-01-01T00:00:00Z'),
    expiresAt: new Date('2999-01-01T00:00:00Z'),
    usedAt: null,
    revokedAt: null,
  });
  return token;
}

const alumnus = (world: World) =>
  world.once('alumnus', async () => {
    const associate = await world.associate(await world.cohort(CohortStatus.COMPLETED), AssociateStatus.COMPLETED);
    await world.alumniProfile(associate);
    return associate;
  });

/** Every mutation of the schema, with a valid input; the suite fails when one is missing. */
export const MUTATION_TARGETS: Record<string, MutationTarget> = {
  login: {
    async arrange(world) {
      const user = await world.once('login-user', () => world.user());
      return { input: { email: user.email, password: FUZZ_PASSWORD }, caller: world.server.withToken(null) };
    },
  },
  logout: {
    async arrange(world) {
      return { input: { reason: 'timeout' }, caller: await world.signIn(await world.user()) };
    },
  },
  changePassword: {
    async arrange(world) {
      return { input: { currentPassword: FUZZ_PASSWORD, newPassword: `a new passphrase ${world.next()} for fuzzing` }, caller: await world.signIn(await world.user()) };
    },
  },
  createUser: {
    async arrange(world) {
      return { input: { email: person(world), displayName: 'Fuzz Person', role: 'REVIEWER', password: FUZZ_PASSWORD, administrationId: null, associateId: null } };
    },
    changed: { field: 'user', type: 'User', echo: { email: 'email', displayName: 'displayName' } },
  },
  updateUser: {
    async arrange(world) {
      return { input: { id: gid('User', (await world.user()).uuid), email: person(world), displayName: 'Renamed Person' } };
    },
    changed: { field: 'user', type: 'User', echo: { email: 'email', displayName: 'displayName' } },
  },
  inviteUser: {
    async arrange(world) {
      return { input: { email: person(world), displayName: 'Invited Person', role: 'REVIEWER', administrationId: null, associateId: null, preferredLanguage: 'FR' } };
    },
    changed: { field: 'user', type: 'User', echo: { email: 'email', displayName: 'displayName' } },
  },
  resendInvitation: {
    async arrange(world) {
      const admin = await world.as(UserRole.ADMIN);
      const { inviteUser } = await admin.data('mutation ($input: InviteUserInput!) { inviteUser(input: $input) { user { id } } }', {
        input: { email: person(world), displayName: 'Invited Person', role: 'REVIEWER' },
      });
      return { input: { userId: inviteUser.user.id } };
    },
  },
  // The links' tokens are the credential: anyone may send them.
  acceptInvitation: {
    async arrange(world) {
      const token = await accountLinkToken(world, AccountLinkPurpose.INVITATION);
      return { input: { token, password: `a chosen passphrase ${world.next()} for fuzzing` }, caller: world.server.withToken(null) };
    },
  },
  requestPasswordReset: {
    async arrange(world) {
      return { input: { email: person(world) }, caller: world.server.withToken(null) };
    },
  },
  resetPassword: {
    async arrange(world) {
      const token = await accountLinkToken(world, AccountLinkPurpose.PASSWORD_RESET);
      return { input: { token, newPassword: `a new passphrase ${world.next()} for fuzzing` }, caller: world.server.withToken(null) };
    },
  },
  deactivateUser: {
    async arrange(world) {
      return { input: { id: gid('User', (await world.user()).uuid) } };
    },
  },
  createCohort: {
    near: { label: fc.integer({ min: 9000, max: 9990 }).map((y) => ` ${y}-${y + 1} `) },
    async arrange(world) {
      // Labels far from those of cohorts written directly (2040 on) and by other suites (2100 on); the dates stay plausible.
      const label = 7000 + world.next();
      return {
        input: { label: `${label}-${label + 1}`, capacity: 5, note: 'Created by the property suite.', programmeCode: null, programmeId: null, dates: yearDates(2030) },
      };
    },
    changed: {
      field: 'cohort',
      type: 'Cohort',
      echo: {
        label: 'label',
        note: { field: 'note', blankIsNull: true },
        capacity: 'capacity',
        'dates.invitationDate': 'invitationDate',
        'dates.nominationDeadline': 'nominationDeadline',
        'dates.selectionDate': 'selectionDate',
        'dates.notificationDate': 'notificationDate',
        'dates.startDate': 'startDate',
        'dates.endDate': 'endDate',
      },
    },
  },
  transitionCohort: {
    async arrange(world) {
      return { input: { cohortId: gid('Cohort', (await world.cohort(CohortStatus.PLANNED)).uuid), to: 'NOMINATIONS_OPEN', closeEarly: false } };
    },
  },
  updateCohort: {
    async arrange(world) {
      return { input: { cohortId: gid('Cohort', (await world.cohort(CohortStatus.PLANNED)).uuid), capacity: 6, note: 'Corrected by the property suite.' } };
    },
    changed: { field: 'cohort', type: 'Cohort', echo: { capacity: 'capacity', note: { field: 'note', blankIsNull: true } } },
  },
  // A cohort whose notification date has come, with nothing left undecided (it has no nominations).
  publishOutcomes: {
    async arrange(world) {
      return { input: { cohortId: gid('Cohort', (await world.cohort(CohortStatus.SELECTION, { notificationDate: '2026-11-01' })).uuid) } };
    },
  },
  updateAdministration: {
    async arrange(world) {
      return {
        input: { administrationId: gid('Administration', (await world.administration()).uuid), focalPointName: 'Fuzz Focal Point', focalPointEmail: person(world), focalPointPhone: '+250 788 000 000' },
      };
    },
  },
  inviteAdministrations: {
    async arrange(world) {
      const cohort = await world.cohort(CohortStatus.PLANNED);
      return { input: { cohortId: gid('Cohort', cohort.uuid), administrationIds: [gid('Administration', (await world.administration()).uuid)], allEligible: false } };
    },
  },
  submitNomination: {
    near: { 'candidate.languages': fc.array(fc.constantFrom('en', 'fr', 'pt-BR', 'EN-gb', ' es ', 'ar', 'zh-Hant', 'en'), { minLength: 1, maxLength: 10 }) },
    async arrange(world) {
      const cohort = await world.openCohort();
      return {
        input: {
          cohortId: gid('Cohort', cohort.uuid),
          administrationId: null,
          motivation: MOTIVATION,
          candidate: { fullName: 'Fuzz Candidate', email: person(world), position: 'Customs Officer', yearsOfService: 8, languages: ['en', 'fr'] },
        },
        caller: await world.as(UserRole.FOCAL_POINT),
      };
    },
    changed: {
      field: 'nomination',
      type: 'Nomination',
      echo: {
        'candidate.fullName': 'candidateFullName',
        'candidate.email': 'candidateEmail',
        'candidate.position': 'candidatePosition',
        'candidate.yearsOfService': 'candidateYearsOfService',
        'candidate.languages': { field: 'candidateLanguages', stored: languages },
        motivation: 'motivation',
      },
    },
  },
  withdrawNomination: {
    async arrange(world) {
      const nomination = await world.nomination(await world.openCohort());
      return { input: { nominationId: gid('Nomination', nomination.uuid) }, caller: await world.as(UserRole.FOCAL_POINT) };
    },
  },
  reviewNomination: {
    async arrange(world) {
      const nomination = await world.once('reviewed-nomination', async () => world.nomination(await world.openCohort()));
      return { input: { nominationId: gid('Nomination', nomination.uuid), score: 4, comment: 'Strong candidate.' }, caller: await world.as(UserRole.REVIEWER) };
    },
    changed: { field: 'review', type: 'Review', echo: { score: 'score', comment: { field: 'comment', blankIsNull: true } } },
  },
  decideNomination: {
    async arrange(world) {
      const cohort = await rotating(world, 'selecting-cohort', 40, () => world.cohort(CohortStatus.SELECTION));
      return { input: { nominationId: gid('Nomination', (await world.nomination(cohort)).uuid), decision: 'SHORTLISTED' } };
    },
  },
  assignPlacement: {
    async arrange(world) {
      const associate = await world.once('placed-associate', async () => world.associate(await world.cohort(CohortStatus.IN_PROGRESS), AssociateStatus.ASSIGNED));
      return {
        input: { associateId: gid('ProfessionalAssociate', associate.uuid), directorate: 'CAPACITY_BUILDING', supervisorName: 'A Supervisor', startDate: '2026-09-01', endDate: '2027-06-30' },
      };
    },
    changed: { field: 'associate', type: 'ProfessionalAssociate', echo: { supervisorName: 'supervisorName', startDate: 'startDate', endDate: 'endDate' } },
  },
  completePlacement: {
    async arrange(world) {
      const associate = await world.associate(await world.once('running-cohort', () => world.cohort(CohortStatus.IN_PROGRESS)));
      return { input: { associateId: gid('ProfessionalAssociate', associate.uuid), outcome: 'COMPLETED', endDate: '2027-06-30' } };
    },
    changed: { field: 'associate', type: 'ProfessionalAssociate', echo: { endDate: 'endDate' } },
  },
  proposeResearch: {
    async arrange(world) {
      const associate = await world.associate(await world.once('running-cohort', () => world.cohort(CohortStatus.IN_PROGRESS)));
      return { input: { associateId: gid('ProfessionalAssociate', associate.uuid), title: 'A title', abstract: 'An abstract.', themes: ['risk management'] } };
    },
    changed: { field: 'research', type: 'ResearchProject', echo: { title: 'title', abstract: 'abstract', themes: { field: 'themes', stored: themes } } },
  },
  updateResearch: {
    async arrange(world) {
      const { research } = await world.once('updated-research', () => researchAt(world, ResearchStatus.PROPOSED));
      return { input: { researchId: gid('ResearchProject', research.uuid), title: 'Another title', abstract: 'Another abstract.', themes: ['valuation'] } };
    },
    changed: { field: 'research', type: 'ResearchProject', echo: { title: 'title', abstract: 'abstract', themes: { field: 'themes', stored: themes } } },
  },
  approveResearch: {
    async arrange(world) {
      return { input: { researchId: gid('ResearchProject', (await researchAt(world, ResearchStatus.PROPOSED)).research.uuid) } };
    },
  },
  returnResearch: {
    async arrange(world) {
      return { input: { researchId: gid('ResearchProject', (await researchAt(world, ResearchStatus.PROPOSED)).research.uuid), comment: 'Please narrow the scope to one border post.' } };
    },
  },
  addMilestone: {
    async arrange(world) {
      const { research } = await rotating(world, 'milestone-research', 40, () => researchAt(world, ResearchStatus.IN_PROGRESS));
      return { input: { researchId: gid('ResearchProject', research.uuid), title: 'Draft chapter', dueDate: '2027-03-31' } };
    },
    changed: { field: 'milestone', type: 'Milestone', echo: { title: 'title', dueDate: 'dueDate' } },
  },
  completeMilestone: {
    async arrange(world) {
      const { research } = await researchAt(world, ResearchStatus.IN_PROGRESS);
      return { input: { milestoneId: gid('Milestone', (await world.milestone(research)).uuid) } };
    },
  },
  submitResearch: {
    async arrange(world) {
      const { research } = await researchAt(world, ResearchStatus.IN_PROGRESS);
      await world.milestone(research, true);
      return { input: { researchId: gid('ResearchProject', research.uuid) } };
    },
  },
  recordPresentation: {
    async arrange(world) {
      const { research } = await researchAt(world, ResearchStatus.SUBMITTED);
      return { input: { researchId: gid('ResearchProject', research.uuid), eventId: gid('Event', (await session(world)).uuid) } };
    },
  },
  publishResearch: {
    async arrange(world) {
      const { research } = await researchAt(world, ResearchStatus.PRESENTED);
      return { input: { researchId: gid('ResearchProject', research.uuid), reportUrl: 'https://reports.example/cdp/report.pdf' } };
    },
    changed: { field: 'research', type: 'ResearchProject', echo: { reportUrl: { field: 'reportUrl', stored: (sent: string) => new URL(sent).href } } },
  },
  scheduleEvent: {
    async arrange(world) {
      const cohort = await rotating(world, 'event-cohort', 45, () => world.cohort(CohortStatus.IN_PROGRESS));
      return {
        input: {
          kind: 'WORKSHOP',
          title: 'A workshop',
          startsAt: '2027-02-10T09:00:00.000Z',
          cohortId: gid('Cohort', cohort.uuid),
          programmeCode: null,
          location: 'Brussels',
          isVirtual: false,
          officiantName: 'An Officiant',
          officiantTitle: 'Director',
          audience: 'senior management',
        },
      };
    },
    changed: {
      field: 'event',
      type: 'Event',
      echo: {
        title: 'title',
        startsAt: 'startsAt',
        location: { field: 'location', blankIsNull: true },
        officiantName: { field: 'officiantName', blankIsNull: true },
        officiantTitle: { field: 'officiantTitle', blankIsNull: true },
        audience: { field: 'audience', blankIsNull: true },
      },
    },
  },
  rescheduleEvent: {
    async arrange(world) {
      const event = await world.once('rescheduled-event', async () => world.event(await world.cohort(CohortStatus.IN_PROGRESS), EventKind.WORKSHOP, new Date('2027-02-10T09:00:00Z')));
      return { input: { eventId: gid('Event', event.uuid), startsAt: '2027-02-11T09:00:00.000Z', location: 'Online', isVirtual: true, officiantName: 'Someone', officiantTitle: 'Deputy' } };
    },
    changed: {
      field: 'event',
      type: 'Event',
      echo: {
        startsAt: 'startsAt',
        location: { field: 'location', blankIsNull: true },
        officiantName: { field: 'officiantName', blankIsNull: true },
        officiantTitle: { field: 'officiantTitle', blankIsNull: true },
      },
    },
  },
  cancelEvent: {
    async arrange(world) {
      const event = await world.event(await world.once('running-cohort', () => world.cohort(CohortStatus.IN_PROGRESS)), EventKind.WORKSHOP, new Date('2027-02-10T09:00:00Z'));
      return { input: { eventId: gid('Event', event.uuid), reason: 'Postponed.' } };
    },
    changed: { field: 'event', type: 'Event', echo: { reason: 'cancellationReason' } },
  },
  issueCertificate: {
    async arrange(world) {
      const { associate } = await researchAt(world, ResearchStatus.PRESENTED);
      return {
        input: {
          associateId: gid('ProfessionalAssociate', associate.uuid),
          ceremonyId: gid('Event', (await ceremony(world)).uuid),
          signatoryName: 'Ian Saunders',
          signatoryTitle: 'Secretary General',
        },
      };
    },
    changed: { field: 'certificate', type: 'Certificate', echo: { signatoryName: 'signatoryName', signatoryTitle: 'signatoryTitle' } },
  },
  revokeCertificate: {
    async arrange(world) {
      const admin = await world.as(UserRole.ADMIN);
      const { input } = await MUTATION_TARGETS.issueCertificate.arrange(world);
      const issued = await admin.data('mutation ($input: IssueCertificateInput!) { issueCertificate(input: $input) { certificate { serial } userErrors { code message } } }', { input });
      const serial = issued.issueCertificate.certificate?.serial;
      if (!serial) throw new Error(`revokeCertificate's arrangement: ${JSON.stringify(issued.issueCertificate.userErrors)}`);
      return { input: { certificateId: null, serial, reason: 'Issued in error.' } };
    },
    changed: { field: 'certificate', type: 'Certificate', echo: { reason: 'revocationReason' } },
  },
  // Not a Node: what it changed is not read back through node(id).
  resendOutboxMessage: {
    async arrange(world) {
      return { input: { messageId: gid('OutboxMessage', (await world.deadMessage()).uuid) } };
    },
  },
  // Webhook endpoints and deliveries are not Nodes either.
  createWebhookEndpoint: {
    near: { url: fc.constantFrom(HOOK_URL, 'https://93.184.215.14:8443/hooks?from=cdp') },
    async arrange() {
      return { input: { url: HOOK_URL, eventTypes: ['COHORT_OPENED', 'CERTIFICATE_ISSUED'], description: 'A receiver' } };
    },
  },
  updateWebhookEndpoint: {
    near: { url: fc.constantFrom(HOOK_URL) },
    async arrange(world) {
      return { input: { endpointId: endpointId(await sharedEndpoint(world)), description: 'Another receiver', eventTypes: ['NOMINATION_SUBMITTED'] } };
    },
  },
  rotateWebhookSecret: {
    async arrange(world) {
      return { input: { endpointId: endpointId(await sharedEndpoint(world)), overlapHours: 2 } };
    },
  },
  deleteWebhookEndpoint: {
    async arrange(world) {
      return { input: { endpointId: endpointId(await insertEndpoint(world.ds)) } };
    },
  },
  resendWebhookDelivery: {
    async arrange(world) {
      return { input: { deliveryId: gid('OutboxMessage', (await insertDeadDelivery(world.ds, (await sharedEndpoint(world)).uuid)).uuid) } };
    },
  },
  updateAlumniProfile: {
    async arrange(world) {
      return { input: { associateId: gid('ProfessionalAssociate', (await alumnus(world)).uuid), currentPosition: 'Head of Risk', isLiaisonPoint: true } };
    },
    changed: { field: 'alumniProfile', type: 'AlumniProfile', echo: { currentPosition: { field: 'currentPosition', blankIsNull: true } } },
  },
  recordAlumniActivity: {
    async arrange(world) {
      return { input: { associateId: gid('ProfessionalAssociate', (await alumnus(world)).uuid), kind: 'PUBLICATION', date: '2026-10-01', title: 'An article', description: 'Details.' } };
    },
    changed: { field: 'activity', type: 'AlumniActivity', echo: { title: 'title', date: 'date', description: { field: 'description', blankIsNull: true } } },
  },
};
