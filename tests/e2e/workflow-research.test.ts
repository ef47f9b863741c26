/**
 * The research workflow over HTTP (issue #8): PROPOSED → APPROVED →
 * IN_PROGRESS → SUBMITTED → PRESENTED → PUBLISHED, end to end as the
 * associate's own user, then one test per rule with its UserErrorCode and
 * an unchanged database, the search index after each change, and who may
 * call each step.
 */
import 'reflect-metadata';
import type { DataSource } from 'typeorm';
import { AssociateStatus } from '../../server/src/modules/associate/associate-enums';
import { AuditEntry } from '../../server/src/modules/audit/audit-entry.entity';
import { CohortStatus } from '../../server/src/modules/cohort/cohort-status';
import { EventKind } from '../../server/src/modules/event/event-kind';
import { Milestone } from '../../server/src/modules/research/milestone.entity';
import { MAX_MILESTONES } from '../../server/src/modules/research/milestone.service';
import { ResearchProject } from '../../server/src/modules/research/research-project.entity';
import { researchSearchIndex } from '../../server/src/modules/research/research-search';
import { ResearchStatus } from '../../server/src/modules/research/research-status';
import { ResearchTheme } from '../../server/src/modules/research/research-theme.entity';
import { MAX_THEMES } from '../../server/src/modules/research/research.inputs';
import { UserRole } from '../../server/src/modules/user/user-role';
import { insert } from '../support/arrange';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TEST_NOW, type Caller, type TestServer } from '../support/server';
import { Event } from '../../server/src/modules/event/event.entity';
import {
  arrangeAssociate,
  arrangeCohort,
  arrangeEvent,
  expectDenied,
  expectRefusal,
  gid,
  signInAsAssociate,
} from '../support/workflow-fixtures';

const RESEARCH = 'research { id status title abstract themes reportUrl publishedAt presentedAt { id } }';
const ERRORS = 'userErrors { code field message }';
const PROPOSE = `mutation ($input: ProposeResearchInput!) { proposeResearch(input: $input) { ${RESEARCH} ${ERRORS} } }`;
const UPDATE = `mutation ($input: UpdateResearchInput!) { updateResearch(input: $input) { ${RESEARCH} ${ERRORS} } }`;
const APPROVE = `mutation ($input: ApproveResearchInput!) { approveResearch(input: $input) { ${RESEARCH} ${ERRORS} } }`;
const ADD_MILESTONE = `mutation ($input: AddMilestoneInput!) { addMilestone(input: $input) {
  milestone { id title dueDate completedAt } ${RESEARCH} ${ERRORS} } }`;
const COMPLETE_MILESTONE = `mutation ($input: CompleteMilestoneInput!) { completeMilestone(input: $input) { milestone { id completedAt } ${ERRORS} } }`;
const SUBMIT = `mutation ($input: SubmitResearchInput!) { submitResearch(input: $input) { ${RESEARCH} ${ERRORS} } }`;
const PRESENT = `mutation ($input: RecordPresentationInput!) { recordPresentation(input: $input) { ${RESEARCH} ${ERRORS} } }`;
const PUBLISH = `mutation ($input: PublishResearchInput!) { publishResearch(input: $input) { ${RESEARCH} ${ERRORS} } }`;
const SEARCH = 'query ($q: String!) { searchResearch(query: $q, first: 10) { totalCount nodes { id } } }';

const REPORT_URL = 'https://www.wcoomd.org/en/topics/capacity-building/cdp/reports/example.pdf';

describeEachDatabase('research workflow', (kind) => {
  let server: TestServer;
  let ds: DataSource;
  let admin: Caller;

  beforeAll(async () => {
    server = await startTestServer(kind);
    ds = server.database.dataSource;
    admin = await server.as(UserRole.ADMIN);
  });
  afterAll(async () => server?.close());

  const found = async (caller: Caller, word: string): Promise<string[]> =>
    (await caller.data(SEARCH, { q: word })).searchResearch.nodes.map((n: { id: string }) => n.id);

  /** An ACTIVE associate of a running cohort with research at `status`, arranged as the service would leave it. */
  async function arrangeResearch(status: ResearchStatus, milestones: Array<{ completed: boolean }> = []) {
    const cohort = await arrangeCohort(ds, { status: CohortStatus.IN_PROGRESS });
    const associate = await arrangeAssociate(ds, cohort, { status: AssociateStatus.ACTIVE, startDate: '2026-09-01', endDate: '2027-06-30' });
    const research = await insert(ds, ResearchProject, {
      associateId: associate.uuid,
      title: 'Arranged research on transit',
      abstract: 'An arranged abstract.',
      status,
      reportUrl: null,
      presentedAtId: null,
      publishedAt: null,
    });
    await insert(ds, ResearchTheme, { researchProjectId: research.uuid, theme: 'transit', position: 0 });
    const milestoneIds: string[] = [];
    for (const [i, m] of milestones.entries()) {
      const row = await insert(ds, Milestone, {
        researchProjectId: research.uuid,
        title: `Step ${i + 1}`,
        dueDate: '2027-03-01',
        completedAt: m.completed ? new Date('2027-01-01T00:00:00Z') : null,
      });
      milestoneIds.push(gid('Milestone', row.uuid));
    }
    await researchSearchIndex.reindex(ds.manager, [research.uuid]);
    return { cohort, associate, research, id: gid('ResearchProject', research.uuid), milestoneIds };
  }

  it('runs end to end for one associate: proposed and edited by its own user, approved, carried out, submitted, presented and published, and searchable by everyone only then', async () => {
    const cohort = await arrangeCohort(ds, { status: CohortStatus.IN_PROGRESS });
    const associate = await arrangeAssociate(ds, cohort, { status: AssociateStatus.ACTIVE });
    // Held a week before the test clock's today: presentations are recorded from the session's start.
    const session = await arrangeEvent(ds, cohort, EventKind.REPORTING_SESSION, '2026-11-19T09:00:00Z');
    const own = await signInAsAssociate(server, associate);
    const otherAssociate = await server.as(UserRole.ASSOCIATE);

    // Proposed by the associate itself: associateId defaults to its own record.
    const proposed = (
      await own.data(PROPOSE, {
        input: { title: 'Quorbitane risk profiling of postal parcels', abstract: 'How administrations target small parcels.', themes: ['e-commerce', ' risk management '] },
      })
    ).proposeResearch;
    expect(proposed).toMatchObject({ userErrors: [], research: { status: 'PROPOSED', themes: ['e-commerce', 'risk management'], presentedAt: null } });
    const id = proposed.research.id;
    // The draft is the associate's and ADMIN's only.
    expect(await found(own, 'Quorbitane')).toEqual([id]);
    expect(await found(admin, 'Quorbitane')).toEqual([id]);
    expect(await found(server, 'Quorbitane')).toEqual([]);
    expect(await found(otherAssociate, 'Quorbitane')).toEqual([]);

    // Edited: the new words are found, the old ones no more; themes are replaced in the given order.
    const updated = (await own.data(UPDATE, { input: { researchId: id, title: 'Zephyrian risk profiling of postal parcels', themes: ['risk management', 'postal traffic', 'e-commerce'] } })).updateResearch;
    expect(updated).toMatchObject({ userErrors: [], research: { title: 'Zephyrian risk profiling of postal parcels', themes: ['risk management', 'postal traffic', 'e-commerce'] } });
    expect(await found(own, 'Quorbitane')).toEqual([]);
    expect(await found(own, 'Zephyrian')).toEqual([id]);
    expect(await found(own, 'postal traffic')).toEqual([id]);

    expect((await admin.data(APPROVE, { input: { researchId: id } })).approveResearch.research.status).toBe('APPROVED');

    // The first milestone starts the research.
    const first = (await own.data(ADD_MILESTONE, { input: { researchId: id, title: 'Literature review', dueDate: '2026-12-15' } })).addMilestone;
    expect(first).toMatchObject({ userErrors: [], milestone: { title: 'Literature review', dueDate: '2026-12-15', completedAt: null }, research: { status: 'IN_PROGRESS' } });
    const second = (await own.data(ADD_MILESTONE, { input: { researchId: id, title: 'Draft report', dueDate: '2027-04-30' } })).addMilestone;
    expect(second.research.status).toBe('IN_PROGRESS');

    await expectRefusal(ds, own, SUBMIT, { researchId: id }, 'MILESTONES_OPEN', ['input', 'researchId']);
    for (const milestone of [first.milestone, second.milestone]) {
      const { completeMilestone } = await own.data(COMPLETE_MILESTONE, { input: { milestoneId: milestone.id } });
      expect(completeMilestone).toEqual({ userErrors: [], milestone: { id: milestone.id, completedAt: TEST_NOW } });
    }
    expect((await own.data(SUBMIT, { input: { researchId: id } })).submitResearch.research.status).toBe('SUBMITTED');
    // Submitted: the associate can no longer edit it.
    await expectRefusal(ds, own, UPDATE, { researchId: id, title: 'Too late' }, 'RESEARCH_LOCKED', ['input', 'researchId']);

    const presented = (await admin.data(PRESENT, { input: { researchId: id, eventId: gid('Event', session.uuid) } })).recordPresentation;
    expect(presented.research).toMatchObject({ status: 'PRESENTED', presentedAt: { id: gid('Event', session.uuid) } });
    expect(await found(server, 'Zephyrian')).toEqual([]);

    const published = (await admin.data(PUBLISH, { input: { researchId: id, reportUrl: REPORT_URL } })).publishResearch;
    expect(published).toMatchObject({ userErrors: [], research: { status: 'PUBLISHED', reportUrl: REPORT_URL, publishedAt: TEST_NOW } });
    // Published: anonymous callers and other associates find and list it.
    expect(await found(server, 'Zephyrian')).toEqual([id]);
    expect(await found(otherAssociate, 'zephyr')).toEqual([id]);
    const listed = await server.data('query ($c: ID!) { researchProjects(first: 5, filter: { cohortId: $c }) { nodes { id status } } }', { c: gid('Cohort', cohort.uuid) });
    expect(listed.researchProjects.nodes).toEqual([{ id, status: 'PUBLISHED' }]);

    const uuid = (await ds.getRepository(ResearchProject).findOneByOrFail({ associateId: associate.uuid })).uuid;
    // Every entry has the test clock's time, so the trail is compared as a set.
    const trail = await ds.getRepository(AuditEntry).findBy({ entityId: uuid });
    expect(trail.map((e) => [e.operation, e.actorLabel, (e.after as { status?: string } | null)?.status ?? null]).sort()).toEqual(
      [
        ['proposeResearch', 'user:ASSOCIATE', 'PROPOSED'],
        ['updateResearch', 'user:ASSOCIATE', null],
        ['approveResearch', 'user:ADMIN', 'APPROVED'],
        ['addMilestone', 'user:ASSOCIATE', 'IN_PROGRESS'],
        ['submitResearch', 'user:ASSOCIATE', 'SUBMITTED'],
        ['recordPresentation', 'user:ADMIN', 'PRESENTED'],
        ['publishResearch', 'user:ADMIN', 'PUBLISHED'],
      ].sort(),
    );
  });

  describe('proposeResearch', () => {
    const proposal = (associateId?: string) => ({ ...(associateId ? { associateId } : {}), title: 'A proposal', abstract: 'An abstract.', themes: ['transit'] });

    it('lets ADMIN propose on an associate’s behalf', async () => {
      const associate = await arrangeAssociate(ds, await arrangeCohort(ds, { status: CohortStatus.SELECTION }));
      const { proposeResearch } = await admin.data(PROPOSE, { input: proposal(gid('ProfessionalAssociate', associate.uuid)) });
      expect(proposeResearch).toMatchObject({ userErrors: [], research: { status: 'PROPOSED', themes: ['transit'] } });
    });

    it('refuses a second research for the associate: RESEARCH_EXISTS', async () => {
      const { associate } = await arrangeResearch(ResearchStatus.PROPOSED);
      await expectRefusal(ds, admin, PROPOSE, proposal(gid('ProfessionalAssociate', associate.uuid)), 'RESEARCH_EXISTS', ['input', 'associateId']);
    });

    it.each([AssociateStatus.COMPLETED, AssociateStatus.WITHDRAWN, AssociateStatus.DECLINED])('refuses an associate whose placement is %s: PLACEMENT_CLOSED', async (status) => {
      const associate = await arrangeAssociate(ds, await arrangeCohort(ds, { status: CohortStatus.IN_PROGRESS }), { status });
      await expectRefusal(ds, admin, PROPOSE, proposal(gid('ProfessionalAssociate', associate.uuid)), 'PLACEMENT_CLOSED', ['input', 'associateId']);
      // The demo associate (of a completed cohort) proposing for itself meets the same rule.
      await expectRefusal(ds, await server.as(UserRole.ASSOCIATE), PROPOSE, proposal(), 'PLACEMENT_CLOSED', ['input', 'associateId']);
    });

    it('asks ADMIN to name the associate (ASSOCIATE_ID_REQUIRED) and refuses an unknown one (ASSOCIATE_NOT_FOUND)', async () => {
      await expectRefusal(ds, admin, PROPOSE, proposal(), 'ASSOCIATE_ID_REQUIRED', ['input', 'associateId']);
      const unknown = gid('ProfessionalAssociate', '00000000-0000-4000-8000-000000000000');
      await expectRefusal(ds, admin, PROPOSE, proposal(unknown), 'ASSOCIATE_NOT_FOUND', ['input', 'associateId']);
    });

    it('wants 1 to 8 themes, each named once and not blank (INVALID_VALUE on themes), and a title', async () => {
      const associate = await arrangeAssociate(ds, await arrangeCohort(ds, { status: CohortStatus.IN_PROGRESS }));
      const input = proposal(gid('ProfessionalAssociate', associate.uuid));
      const nine = Array.from({ length: MAX_THEMES + 1 }, (_, i) => `theme ${i}`);
      for (const themes of [[], nine, ['Risk', 'risk '], ['transit', '  ']]) {
        await expectRefusal(ds, admin, PROPOSE, { ...input, themes }, 'INVALID_VALUE', ['input', 'themes']);
      }
      await expectRefusal(ds, admin, PROPOSE, { ...input, title: ' ' }, 'INVALID_VALUE', ['input', 'title']);
    });
  });

  describe('updateResearch', () => {
    it('replaces the themes with consistent positions, and lets ADMIN correct research the associate can no longer edit', async () => {
      const { id, research } = await arrangeResearch(ResearchStatus.PUBLISHED);
      const { updateResearch } = await admin.data(UPDATE, { input: { researchId: id, abstract: 'Corrected abstract.', themes: ['valuation', 'transit'] } });
      expect(updateResearch).toMatchObject({ userErrors: [], research: { abstract: 'Corrected abstract.', themes: ['valuation', 'transit'], status: 'PUBLISHED' } });
      const rows = await ds.getRepository(ResearchTheme).find({ where: { researchProjectId: research.uuid }, order: { position: 'ASC' } });
      expect(rows.map((r) => [r.position, r.theme])).toEqual([[0, 'valuation'], [1, 'transit']]);
      expect(await found(server, 'valuation Corrected')).toEqual([id]);
    });

    it.each([ResearchStatus.SUBMITTED, ResearchStatus.PRESENTED, ResearchStatus.PUBLISHED])(
      'refuses the associate’s own edit once the research is %s: RESEARCH_LOCKED',
      async (status) => {
        const { id, associate } = await arrangeResearch(status);
        const own = await signInAsAssociate(server, associate);
        const error = await expectRefusal(ds, own, UPDATE, { researchId: id, title: 'Late change' }, 'RESEARCH_LOCKED', ['input', 'researchId']);
        expect(error.message).toContain(status);
      },
    );

    it('refuses an unknown research: RESEARCH_NOT_FOUND', async () => {
      const unknown = gid('ResearchProject', '00000000-0000-4000-8000-000000000000');
      await expectRefusal(ds, admin, UPDATE, { researchId: unknown, title: 'x' }, 'RESEARCH_NOT_FOUND', ['input', 'researchId']);
    });
  });

  describe('status steps', () => {
    it.each([
      [APPROVE, ResearchStatus.APPROVED, (id: string) => ({ researchId: id })],
      [SUBMIT, ResearchStatus.APPROVED, (id: string) => ({ researchId: id })],
      [PRESENT, ResearchStatus.IN_PROGRESS, (id: string) => ({ researchId: id, eventId: gid('Event', '00000000-0000-4000-8000-000000000000') })],
      [PUBLISH, ResearchStatus.SUBMITTED, (id: string) => ({ researchId: id, reportUrl: REPORT_URL })],
    ])('%#: refuses a step from the wrong status with INVALID_RESEARCH_STATUS naming the current status', async (mutation, status, input) => {
      const { id } = await arrangeResearch(status);
      const error = await expectRefusal(ds, admin, mutation, input(id), 'INVALID_RESEARCH_STATUS', ['input', 'researchId']);
      expect(error.message).toContain(`The research is ${status}`);
    });

    it('refuses to submit research without milestones: NO_MILESTONES', async () => {
      const { id } = await arrangeResearch(ResearchStatus.IN_PROGRESS);
      await expectRefusal(ds, admin, SUBMIT, { researchId: id }, 'NO_MILESTONES', ['input', 'researchId']);
    });

    it('refuses to submit research with an open milestone: MILESTONES_OPEN', async () => {
      const { id } = await arrangeResearch(ResearchStatus.IN_PROGRESS, [{ completed: true }, { completed: false }]);
      const error = await expectRefusal(ds, admin, SUBMIT, { researchId: id }, 'MILESTONES_OPEN', ['input', 'researchId']);
      expect(error.message).toContain('Step 2');
    });

    it('records a presentation only at a reporting session (EVENT_NOT_REPORTING_SESSION) of the associate’s own cohort (EVENT_OF_ANOTHER_COHORT) that exists (EVENT_NOT_FOUND)', async () => {
      const { id, cohort } = await arrangeResearch(ResearchStatus.SUBMITTED);
      const ceremony = await arrangeEvent(ds, cohort, EventKind.CERTIFICATE_CEREMONY);
      const elsewhere = await arrangeEvent(ds, await arrangeCohort(ds, { status: CohortStatus.IN_PROGRESS }), EventKind.REPORTING_SESSION);
      const presentAt = (eventUuid: string) => ({ researchId: id, eventId: gid('Event', eventUuid) });
      await expectRefusal(ds, admin, PRESENT, presentAt(ceremony.uuid), 'EVENT_NOT_REPORTING_SESSION', ['input', 'eventId']);
      await expectRefusal(ds, admin, PRESENT, presentAt(elsewhere.uuid), 'EVENT_OF_ANOTHER_COHORT', ['input', 'eventId']);
      await expectRefusal(ds, admin, PRESENT, presentAt('00000000-0000-4000-8000-000000000000'), 'EVENT_NOT_FOUND', ['input', 'eventId']);
    });

    it('records no presentation at a reporting session that has not started by the server clock (SESSION_NOT_HELD), and records it from its start', async () => {
      const { id, cohort } = await arrangeResearch(ResearchStatus.SUBMITTED);
      const coming = await arrangeEvent(ds, cohort, EventKind.REPORTING_SESSION, '2026-11-26T12:00:00.001Z');
      const error = await expectRefusal(ds, admin, PRESENT, { researchId: id, eventId: gid('Event', coming.uuid) }, 'SESSION_NOT_HELD', ['input', 'eventId']);
      expect(error.message).toContain('2026-11-26T12:00:00.001Z');
      const starting = await arrangeEvent(ds, cohort, EventKind.REPORTING_SESSION, TEST_NOW);
      const { recordPresentation } = await admin.data(PRESENT, { input: { researchId: id, eventId: gid('Event', starting.uuid) } });
      expect(recordPresentation).toMatchObject({ userErrors: [], research: { status: 'PRESENTED', presentedAt: { id: gid('Event', starting.uuid) } } });
    });

    it('records no presentation at a cancelled reporting session (EVENT_CANCELLED)', async () => {
      const { id, cohort } = await arrangeResearch(ResearchStatus.SUBMITTED);
      const session = await arrangeEvent(ds, cohort, EventKind.REPORTING_SESSION);
      await ds.getRepository(Event).update({ uuid: session.uuid }, { cancelledAt: new Date(TEST_NOW), cancellationReason: 'Postponed' });
      await expectRefusal(ds, admin, PRESENT, { researchId: id, eventId: gid('Event', session.uuid) }, 'EVENT_CANCELLED', ['input', 'eventId']);
    });

    it('publishes only with an http(s) report URL (INVALID_VALUE), never a javascript: one', async () => {
      const { id } = await arrangeResearch(ResearchStatus.PRESENTED);
      for (const reportUrl of ['javascript:alert(1)', `https://example.org/${'x'.repeat(500)}`]) {
        await expectRefusal(ds, admin, PUBLISH, { researchId: id, reportUrl }, 'INVALID_VALUE', ['input', 'reportUrl']);
      }
    });
  });

  describe('milestones', () => {
    it.each([ResearchStatus.PROPOSED, ResearchStatus.SUBMITTED, ResearchStatus.PUBLISHED])(
      'refuses a milestone for research that is %s: RESEARCH_LOCKED',
      async (status) => {
        const { id } = await arrangeResearch(status);
        await expectRefusal(ds, admin, ADD_MILESTONE, { researchId: id, title: 'Late step', dueDate: '2027-01-01' }, 'RESEARCH_LOCKED', ['input', 'researchId']);
      },
    );

    it(`refuses a milestone beyond ${MAX_MILESTONES}: TOO_MANY_MILESTONES`, async () => {
      const { id } = await arrangeResearch(ResearchStatus.IN_PROGRESS, Array.from({ length: MAX_MILESTONES - 1 }, () => ({ completed: false })));
      const input = { researchId: id, title: 'One more', dueDate: '2027-01-01' };
      expect((await admin.data(ADD_MILESTONE, { input })).addMilestone.userErrors).toEqual([]);
      await expectRefusal(ds, admin, ADD_MILESTONE, input, 'TOO_MANY_MILESTONES', ['input', 'researchId']);
    });

    it('refuses to complete a milestone twice (MILESTONE_ALREADY_COMPLETED) or an unknown one (MILESTONE_NOT_FOUND)', async () => {
      const { milestoneIds } = await arrangeResearch(ResearchStatus.IN_PROGRESS, [{ completed: true }]);
      await expectRefusal(ds, admin, COMPLETE_MILESTONE, { milestoneId: milestoneIds[0] }, 'MILESTONE_ALREADY_COMPLETED', ['input', 'milestoneId']);
      const unknown = gid('Milestone', '00000000-0000-4000-8000-000000000000');
      await expectRefusal(ds, admin, COMPLETE_MILESTONE, { milestoneId: unknown }, 'MILESTONE_NOT_FOUND', ['input', 'milestoneId']);
    });
  });

  describe('who may call each step', () => {
    /** Each mutation with an input that the allowed callers could run. */
    async function calls() {
      const { id, associate, milestoneIds, cohort } = await arrangeResearch(ResearchStatus.IN_PROGRESS, [{ completed: false }]);
      const session = await arrangeEvent(ds, cohort, EventKind.REPORTING_SESSION);
      return {
        associate,
        associateOnes: [
          [PROPOSE, { associateId: gid('ProfessionalAssociate', associate.uuid), title: 'Mine now', abstract: 'x', themes: ['x'] }],
          [UPDATE, { researchId: id, title: 'Taken over' }],
          [ADD_MILESTONE, { researchId: id, title: 'Foreign step', dueDate: '2027-01-01' }],
          [COMPLETE_MILESTONE, { milestoneId: milestoneIds[0] }],
          [SUBMIT, { researchId: id }],
        ] as Array<[string, Record<string, unknown>]>,
        adminOnes: [
          [APPROVE, { researchId: id }],
          [PRESENT, { researchId: id, eventId: gid('Event', session.uuid) }],
          [PUBLISH, { researchId: id, reportUrl: REPORT_URL }],
        ] as Array<[string, Record<string, unknown>]>,
      };
    }

    it('answers UNAUTHENTICATED to anonymous callers and FORBIDDEN to REVIEWER and FOCAL_POINT, for every step', async () => {
      const { associateOnes, adminOnes } = await calls();
      for (const [mutation, input] of [...associateOnes, ...adminOnes]) {
        await expectDenied(ds, server, mutation, input, 'UNAUTHENTICATED');
        for (const role of [UserRole.REVIEWER, UserRole.FOCAL_POINT]) await expectDenied(ds, await server.as(role), mutation, input, 'FORBIDDEN');
      }
    });

    it('answers FORBIDDEN to an associate acting on another associate’s research, and to its own for the secretariat’s steps', async () => {
      const { associate, associateOnes, adminOnes } = await calls();
      const another = await server.as(UserRole.ASSOCIATE);
      for (const [mutation, input] of associateOnes) await expectDenied(ds, another, mutation, input, 'FORBIDDEN');
      const own = await signInAsAssociate(server, associate);
      for (const [mutation, input] of adminOnes) await expectDenied(ds, own, mutation, input, 'FORBIDDEN');
      // Its own research it may work on: the milestone completes.
      const [, completeInput] = associateOnes[3];
      expect((await own.data(COMPLETE_MILESTONE, { input: completeInput })).completeMilestone.userErrors).toEqual([]);
    });
  });
});
