import { createCdpClient, type CdpClient } from '@cdp-hub/sdk';
import type { DataSource } from 'typeorm';
import { DEMO_USERS } from '../../server/src/db/seed/demo-users';
import { toGlobalId } from '../../server/src/graphql/relay/global-id';
import { Administration } from '../../server/src/modules/administration/administration.entity';
import { AlumniActivity } from '../../server/src/modules/alumni/alumni-activity.entity';
import { AlumniProfile } from '../../server/src/modules/alumni/alumni-profile.entity';
import { AssociateStatus } from '../../server/src/modules/associate/associate-enums';
import { ProfessionalAssociate } from '../../server/src/modules/associate/associate.entity';
import { CohortStatus } from '../../server/src/modules/cohort/cohort-status';
import { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { Nomination } from '../../server/src/modules/nomination/nomination.entity';
import { Review } from '../../server/src/modules/nomination/review.entity';
import { Milestone } from '../../server/src/modules/research/milestone.entity';
import { ResearchProject } from '../../server/src/modules/research/research-project.entity';
import { ResearchStatus } from '../../server/src/modules/research/research-status';
import { User } from '../../server/src/modules/user/user.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { OutboxChannel, OutboxMessageStatus } from '../../server/src/outbox/outbox-enums';
import { OutboxEvent } from '../../server/src/outbox/outbox-event.entity';
import { OutboxMessage } from '../../server/src/outbox/outbox-message.entity';
import { insert, insertAssociateWithResearch } from '../support/arrange';
import { arrangeAssociates, arrangeCohort, arrangeNomination, demoCohort, focalAdministration } from '../support/arrange-nominations';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TEST_NOW, type TestServer } from '../support/server';

/**
 * The four role screens of the SDK (sdk/src/operations/queries/dashboards.graphql),
 * run as their roles through the SDK (persisted operations) on a server with
 * the default limits: with every page at 5 and at 100 (the largest page),
 * each answers without error, the larger pages hold more, and the SQL
 * statement count is the same.
 */

const SMALL = 5;
const FULL = 100;
/** More rows of every list than the small page holds. */
const VOLUME = 8;

interface Volume {
  /** The reviewer's reviews, the dead messages, the proposed research: what the counts must show. */
  deadMessages: number;
  proposedResearch: number;
  focalAdministrationId: string;
}

/** Rows behind every list of the four screens, more than a page of 5 each. */
async function arrangeVolume(server: TestServer): Promise<Volume> {
  const ds = server.database.dataSource;
  const focal = await focalAdministration(ds);
  const other = await ds.getRepository(Administration).findOneOrFail({ where: { isEligible: true, iso2: 'RW' } });
  const demo = await demoCohort(ds);

  // Open invitations (NOMINATIONS_OPEN, deadline ahead) and closed ones (SELECTION), with selection dates in no particular order.
  const open: Cohort[] = [];
  const selecting: Cohort[] = [];
  for (let i = 0; i < VOLUME; i++) {
    open.push(await arrangeCohort(ds, { status: CohortStatus.NOMINATIONS_OPEN, invited: [focal, other] }));
    selecting.push(await arrangeCohort(ds, { status: CohortStatus.SELECTION, nominationDeadline: '2026-03-31', invited: [focal, other] }));
  }
  for (const [i, cohort] of [...open, ...selecting].entries()) {
    await ds.getRepository(Cohort).update(cohort.uuid, { selectionDate: `2027-0${1 + ((i * 5) % 9)}-${10 + (i % 17)}` });
  }

  // Nominations of the focal point's administration (in the queue of every reviewer), and others in selection.
  for (let i = 0; i < VOLUME; i++) {
    await arrangeNomination(ds, { cohort: open[i], administration: focal });
    await arrangeNomination(ds, { cohort: i % 2 ? demo : selecting[i], administration: focal });
    await arrangeNomination(ds, { cohort: selecting[i], administration: other });
  }
  // Reviews by the demo reviewer, on nominations of the other administration.
  const reviewer = await ds.getRepository(User).findOneByOrFail({ email: DEMO_USERS.REVIEWER.email });
  const reviewed = await ds.getRepository(Nomination).findBy({ administrationId: other.uuid });
  for (const [i, nomination] of reviewed.slice(0, VOLUME).entries()) {
    await insert(ds, Review, { nominationId: nomination.uuid, reviewerId: reviewer.uuid, score: 1 + (i % 5), comment: null });
  }

  // Associates of the focal point's administration, some of them alumni.
  await arrangeAssociates(ds, selecting[0], focal, VOLUME);
  await arrangeAssociates(ds, selecting[1], focal, 3, AssociateStatus.COMPLETED);
  for (const associate of await ds.getRepository(ProfessionalAssociate).findBy({ administrationId: focal.uuid, status: AssociateStatus.COMPLETED })) {
    if (await ds.getRepository(AlumniProfile).existsBy({ associateId: associate.uuid })) continue;
    await insert(ds, AlumniProfile, { associateId: associate.uuid, currentPosition: 'Head of Risk Management', isLiaisonPoint: true });
  }

  // The demo associate's research with milestones, and an alumni profile with activities.
  const associateUser = await ds.getRepository(User).findOneByOrFail({ email: DEMO_USERS.ASSOCIATE.email });
  const research = await ds.getRepository(ResearchProject).findOneByOrFail({ associateId: associateUser.associateId! });
  for (let i = 0; i < VOLUME; i++) {
    await insert(ds, Milestone, { researchProjectId: research.uuid, title: `Chapter ${i + 1}`, dueDate: '2026-05-31', completedAt: new Date(TEST_NOW) });
  }
  const profile =
    (await ds.getRepository(AlumniProfile).findOneBy({ associateId: associateUser.associateId! })) ??
    (await insert(ds, AlumniProfile, { associateId: associateUser.associateId!, currentPosition: 'Customs Officer', isLiaisonPoint: false }));
  for (let i = 0; i < VOLUME; i++) {
    await insert(ds, AlumniActivity, { alumniProfileId: profile.uuid, kind: 'PUBLICATION' as never, date: '2026-01-15', title: `Article ${i}`, description: null });
  }

  // What awaits the secretariat: proposed research and dead messages.
  for (let i = 0; i < VOLUME; i++) {
    await insertAssociateWithResearch(ds, {
      cohortId: selecting[2].uuid,
      administrationId: other.uuid,
      fullName: `Proposer ${i}`,
      title: `Proposed study ${i}`,
      abstract: 'A proposal awaiting approval.',
      status: ResearchStatus.PROPOSED,
    });
  }
  await deadMessages(ds, reviewer, VOLUME);
  return {
    deadMessages: VOLUME,
    proposedResearch: await ds.getRepository(ResearchProject).countBy({ status: ResearchStatus.PROPOSED }),
    focalAdministrationId: toGlobalId('Administration', focal.uuid),
  };
}

async function deadMessages(ds: DataSource, recipient: User, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const event = await insert(ds, OutboxEvent, {
      type: 'PasswordChanged',
      payload: { userId: toGlobalId('User', recipient.uuid) },
      occurredAt: new Date(TEST_NOW),
      requestId: null,
      actorId: recipient.uuid,
      actorLabel: 'arrange',
      dedupeKey: null,
    });
    await insert(ds, OutboxMessage, {
      eventId: event.uuid,
      eventType: 'PasswordChanged',
      channel: OutboxChannel.EMAIL,
      recipientId: recipient.uuid,
      idempotencyKey: `dashboards:${event.uuid}`,
      status: OutboxMessageStatus.DEAD,
      attempts: 8,
      nextAttemptAt: null,
      leaseOwner: null,
      lastError: 'SMTP 550 Mailbox unavailable',
      sentAt: null,
      createdAt: new Date(TEST_NOW),
      updatedAt: new Date(TEST_NOW),
    });
  }
}

type Screen = 'FocalPointDashboard' | 'ReviewQueue' | 'AssociateHome' | 'AdminInbox';

/**
 * Each screen: its role, the call with every page at `size`, how many list
 * items an answer holds, and its sibling lists that read one loader (the
 * cohorts of invitations, nominations and associates). SQLite answers each
 * statement at once, so a request's DataLoader batches are the same on every
 * run. On PostgreSQL sibling lists answer at moments that vary, and a loader
 * batches what is asked in one moment: the cohorts of two lists are read in
 * one statement or in two, whatever the page size. An N+1 would add a
 * statement per row (about a hundred at full pages), far beyond these.
 */
const SCREENS: Record<
  Screen,
  { role: UserRole; run: (client: CdpClient, size: number) => Promise<unknown>; items: (data: any) => number; siblings: number }
> = {
  FocalPointDashboard: {
    siblings: 5,
    role: UserRole.FOCAL_POINT,
    run: (c, size) => c.focalPointDashboard({ invitationsFirst: size, nominationsFirst: size, associatesFirst: size, alumniFirst: size }),
    items: (d) => {
      const a = d.viewer.administration;
      return a.openInvitations.nodes.length + a.otherInvitations.nodes.length + a.nominations.nodes.length + a.associates.nodes.length + a.alumni.nodes.length;
    },
  },
  ReviewQueue: {
    siblings: 2,
    role: UserRole.REVIEWER,
    run: (c, size) => c.reviewQueue({ first: size, reviewsFirst: size }),
    items: (d) => d.viewer.reviewQueue.nodes.length + d.viewer.reviews.nodes.length,
  },
  AssociateHome: {
    siblings: 1,
    role: UserRole.ASSOCIATE,
    run: (c, size) => c.associateHome({ activitiesFirst: size }),
    items: (d) => d.viewer.associate.alumniProfile.activities.nodes.length,
  },
  AdminInbox: {
    siblings: 3,
    role: UserRole.ADMIN,
    run: (c, size) => c.adminInbox({ cohortsFirst: size, researchFirst: size, deadFirst: size }),
    items: (d) => d.cohorts.nodes.length + d.researchProjects.nodes.length + d.outboxMessages.nodes.length,
  },
};

describeEachDatabase('role dashboards', (kind) => {
  let server: TestServer;
  let volume: Volume;
  const clients = {} as Record<UserRole, CdpClient>;
  /** Statement counts of each screen, printed for the closing note. */
  const counts: string[] = [];

  beforeAll(async () => {
    // Default limits (the point); the response cache off, since the statements are what is measured.
    server = await startTestServer(kind, { responseCache: { mode: 'off' } });
    volume = await arrangeVolume(server);
    for (const role of Object.values(UserRole)) clients[role] = createCdpClient({ url: server.url, token: (await server.as(role)).token! });
  }, 120_000);
  afterAll(async () => {
    if (counts.length) console.log(`dashboard SQL statements [${kind.name}]: ${counts.join('; ')}`);
    await server?.close();
  });

  it.each(Object.keys(SCREENS) as Screen[])(
    '%s answers its role with full pages within the default limits, in a number of SQL statements that does not grow with the page sizes',
    async (screen) => {
      const { role, run, items, siblings } = SCREENS[screen];
      const measure = async (size: number) => {
        const before = server.database.statements.count;
        const data = await run(clients[role], size);
        return { statements: server.database.statements.count - before, items: items(data) };
      };
      const small = await measure(SMALL);
      const full = await measure(FULL);
      // The full pages really hold more, so the comparison means something.
      expect(full.items).toBeGreaterThan(small.items);
      if (kind.name === 'sqlite') {
        expect({ statements: full.statements }).toEqual({ statements: small.statements });
      } else {
        // At most one more batch per sibling list beyond the first, either way (see SCREENS).
        expect(Math.abs(full.statements - small.statements)).toBeLessThanOrEqual(siblings - 1);
      }
      counts.push(`${screen} (${role}) ${small.statements} at pages of ${SMALL}, ${full.statements} at pages of ${FULL} (${small.items} and ${full.items} items)`);
    },
  );

  it('FocalPointDashboard shows the focal point its own administration: open invitations with deadlines, then the others', async () => {
    const { viewer } = await clients.FOCAL_POINT.focalPointDashboard({ invitationsFirst: FULL, nominationsFirst: FULL, associatesFirst: FULL, alumniFirst: FULL });
    const administration = viewer!.administration!;
    expect(administration.id).toBe(volume.focalAdministrationId);
    expect(administration.openInvitations.totalCount).toBe(VOLUME + 1); // the arranged ones and the demonstration cohort's
    for (const invitation of administration.openInvitations.nodes) {
      expect(invitation).toMatchObject({ isOpen: true, cohort: { status: 'NOMINATIONS_OPEN' } });
      expect(invitation.nominationDeadline! >= TEST_NOW.slice(0, 10)).toBe(true);
    }
    expect(administration.otherInvitations.nodes.length).toBeGreaterThanOrEqual(VOLUME);
    expect(administration.otherInvitations.nodes.every((i) => !i.isOpen)).toBe(true);
    // Its nominations only, and of one cohort when asked.
    const all = administration.nominations;
    expect(all.totalCount).toBeGreaterThanOrEqual(2 * VOLUME);
    const demo = await demoCohort(server.database.dataSource);
    const ofDemo = await clients.FOCAL_POINT.focalPointDashboard({ cohortId: toGlobalId('Cohort', demo.uuid) });
    expect(ofDemo.viewer!.administration!.nominations.nodes.length).toBeGreaterThan(0);
    expect(ofDemo.viewer!.administration!.nominations.nodes.every((n) => n.cohort.id === toGlobalId('Cohort', demo.uuid))).toBe(true);
    // Its alumni apart: the COMPLETED placements, each with its profile.
    expect(administration.alumni.totalCount).toBeGreaterThanOrEqual(3);
    expect(administration.alumni.nodes.every((a) => a.alumniProfile !== null)).toBe(true);
    expect(administration.associates.totalCount).toBeGreaterThan(administration.alumni.totalCount);
  });

  it("the administration's lists agree with the root lists, and keep to the policy", async () => {
    const LINKS = `query ($id: ID!) {
      node(id: $id) { ... on Administration {
        invitations(first: 100, filter: { open: true }) { totalCount nodes { id } }
        focalPoints(first: 10) { nodes { email role } }
        ranked: nominations(first: 5, orderBy: { field: MEAN_SCORE, direction: DESC }) { totalCount }
      } }
      invitations(first: 100, filter: { administrationId: $id, open: true }) { totalCount nodes { id } }
    }`;
    const admin = await (await server.as(UserRole.ADMIN)).data(LINKS, { id: volume.focalAdministrationId });
    expect(admin.node.invitations).toEqual(admin.invitations);
    expect(admin.node.focalPoints.nodes).toContainEqual({ email: DEMO_USERS.FOCAL_POINT.email, role: 'FOCAL_POINT' });
    // A focal point: no user accounts, and no ranking by the blind scores (the refusal nulls the administration).
    const focalPoint = await server.as(UserRole.FOCAL_POINT);
    const focal = await focalPoint.data(LINKS.replace(/ranked: .*\n/, ''), { id: volume.focalAdministrationId });
    expect(focal.node).toEqual({ invitations: admin.invitations, focalPoints: null });
    const ranked = await focalPoint.graphql(LINKS, { id: volume.focalAdministrationId });
    expect(ranked.errors?.map((e) => [e.extensions?.code, e.path?.join('.')])).toEqual([['FORBIDDEN', 'node.ranked']]);
  });

  it('ReviewQueue lists what awaits my score, oldest deadline first, and drops a nomination once I score it', async () => {
    const queue = async () => (await clients.REVIEWER.reviewQueue({ first: FULL })).viewer!.reviewQueue!;
    const before = await queue();
    const deadlines = before.nodes.map((n) => n.cohort.selectionDate ?? '9999-12-31');
    expect(deadlines).toEqual([...deadlines].sort());
    expect(before.nodes.every((n) => ['SUBMITTED', 'SHORTLISTED'].includes(n.status))).toBe(true);
    const first = before.nodes[0];
    const { reviewNomination } = await clients.REVIEWER.reviewNomination({ input: { nominationId: first.id, score: 4 } });
    expect(reviewNomination.userErrors).toEqual([]);
    const after = await queue();
    expect(after.totalCount).toBe(before.totalCount - 1);
    expect(after.nodes.map((n) => n.id)).not.toContain(first.id);
    // Another reviewer's queue still holds it: the queue is each reviewer's own.
    const adminView = await clients.ADMIN.reviewQueue({ first: FULL });
    expect(adminView.viewer!.reviewQueue!.nodes.map((n) => n.id)).toContain(first.id);
    // Paging by cursor walks the same order.
    const page1 = (await clients.REVIEWER.reviewQueue({ first: 3 })).viewer!.reviewQueue!;
    const page2 = (await clients.REVIEWER.reviewQueue({ first: 3, after: page1.pageInfo.endCursor })).viewer!.reviewQueue!;
    expect([...page1.nodes, ...page2.nodes].map((n) => n.id)).toEqual(after.nodes.slice(0, 6).map((n) => n.id));
    // And backwards: the last page, then the one before it.
    const BACKWARDS = `query ($before: String) { viewer { reviewQueue(last: 3, before: $before) { pageInfo { hasPreviousPage startCursor } nodes { id } } } }`;
    const reviewer = await server.as(UserRole.REVIEWER);
    const last = (await reviewer.data(BACKWARDS)).viewer.reviewQueue;
    const beforeLast = (await reviewer.data(BACKWARDS, { before: last.pageInfo.startCursor })).viewer.reviewQueue;
    expect([...beforeLast.nodes, ...last.nodes].map((n: { id: string }) => n.id)).toEqual(after.nodes.slice(-6).map((n) => n.id));
    expect(last.pageInfo.hasPreviousPage).toBe(true);
  });

  it('AssociateHome brings my placement, research with milestones, events, certificates and alumni profile', async () => {
    const { viewer } = await clients.ASSOCIATE.associateHome({});
    const associate = viewer!.associate!;
    expect(associate.research!.milestones.length).toBeGreaterThanOrEqual(VOLUME);
    expect(associate.cohort.events.length).toBeGreaterThan(0);
    expect(associate.alumniProfile!.activities.totalCount).toBeGreaterThanOrEqual(VOLUME);
    expect(associate.email === null || typeof associate.email === 'string').toBe(true);
  });

  it('AdminInbox counts what awaits action', async () => {
    const inbox = await clients.ADMIN.adminInbox({});
    expect(inbox.viewer!.actionCounts).toMatchObject({ deadOutboxMessages: volume.deadMessages, researchToApprove: volume.proposedResearch });
    expect(inbox.viewer!.actionCounts!.nominationsToDecide).toBeGreaterThanOrEqual(VOLUME);
    expect(inbox.outboxMessages.totalCount).toBe(volume.deadMessages);
    for (const cohort of inbox.cohorts.nodes) {
      expect(cohort.seatsLeft).toBe(cohort.capacity == null ? null : Math.max(0, cohort.capacity - cohort.seatsTaken));
    }
    // Nobody else gets the counts.
    const reviewer = await clients.REVIEWER.adminInbox({}).catch((err: unknown) => err);
    expect(reviewer).toMatchObject({ code: 'FORBIDDEN' });
  });
});
