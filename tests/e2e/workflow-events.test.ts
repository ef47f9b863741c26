/**
 * Programme events over HTTP (issue #8, part A): scheduleEvent,
 * rescheduleEvent and cancelEvent, one test per rule with its
 * UserErrorCode, each refusal leaving the database as it was; and
 * lockCohortEvent, which the certificate and presentation rules use.
 */
import { randomUUID } from 'node:crypto';
import { fixedClock } from '../../server/src/common/clock';
import { createRequestContext } from '../../server/src/graphql/context';
import { toGlobalId } from '../../server/src/graphql/relay/global-id';
import { withTransaction } from '../../server/src/graphql/transaction';
import { CohortStatus } from '../../server/src/modules/cohort/cohort-status';
import { lockCohortEvent, type CohortEventRule } from '../../server/src/modules/event/cohort-event';
import { UserErrorCode } from '../../server/src/graphql/mutations/user-error-code';
import { EventKind } from '../../server/src/modules/event/event-kind';
import { Event } from '../../server/src/modules/event/event.entity';
import { Programme } from '../../server/src/modules/programme/programme.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { insert } from '../support/arrange';
import { arrangeCohort, expectAdminOnly, expectUserErrors, insertOtherProgramme, setCohortStatus, uuidOf } from '../support/cohort-workflow';
import { describeEachDatabase } from '../support/databases';
import { startTestServer, TEST_NOW, type Caller, type TestServer } from '../support/server';
import { expectUnchanged } from '../support/unchanged';

const EVENT_FIELDS =
  'id kind title startsAt datePrecision location isVirtual officiantName officiantTitle audience isCancelled cancelledAt cancellationReason programme { code } cohort { id }';
const SCHEDULE = `mutation ($input: ScheduleEventInput!) { scheduleEvent(input: $input) { event { ${EVENT_FIELDS} } userErrors { code field message } } }`;
const RESCHEDULE = `mutation ($input: RescheduleEventInput!) { rescheduleEvent(input: $input) { event { ${EVENT_FIELDS} } userErrors { code field message } } }`;
const CANCEL = `mutation ($input: CancelEventInput!) { cancelEvent(input: $input) { event { ${EVENT_FIELDS} } userErrors { code field message } } }`;
const NODE = `query ($id: ID!) { node(id: $id) { ... on Event { ${EVENT_FIELDS} } } }`;
const AUDIT = `query ($entityId: ID!) { auditLog(first: 20, filter: { entityId: $entityId }) { totalCount nodes { operation entityType before after } } }`;
const EVENTS_OF = `query ($cohortId: ID!, $includeCancelled: Boolean) {
  events(first: 100, filter: { cohortId: $cohortId, includeCancelled: $includeCancelled }) { totalCount nodes { id isCancelled } }
}`;

/** The arranged cohorts' programme year starts on 2030-09-01 (invitations 2029-12-01, end 2031-06-30). */
const YEAR = 2030;
const at = (day: string) => `${day}T10:00:00.000Z`;

describeEachDatabase('event workflow', (kind) => {
  let server: TestServer;
  let admin: Caller;
  beforeAll(async () => {
    server = await startTestServer(kind);
    admin = await server.as(UserRole.ADMIN);
  });
  afterAll(async () => server?.close());

  const schedule = async (input: Record<string, unknown>) => {
    const { scheduleEvent } = await admin.data(SCHEDULE, { input });
    expect(scheduleEvent.userErrors).toEqual([]);
    return scheduleEvent.event;
  };
  const workshop = (cohortId: string, overrides: Record<string, unknown> = {}) => ({
    kind: 'WORKSHOP',
    title: 'Data analytics workshop',
    startsAt: at(`${YEAR}-10-15`),
    cohortId,
    ...overrides,
  });
  /** The seeded 2023-2024 event of a kind: its certificates and presented research are on record. */
  const seededEvent = async (kind: EventKind) => {
    const { cohort } = await admin.data('{ cohort(label: "2023-2024") { events { id kind } } }');
    return cohort.events.find((e: any) => e.kind === kind).id as string;
  };

  describe('scheduleEvent', () => {
    it('schedules an event of a cohort in its programme, readable by ID, in the events list and the cohort’s events, and audits it', async () => {
      const cohort = await arrangeCohort(server, { year: YEAR });
      const event = await schedule({
        kind: 'COMMENCEMENT',
        title: '  Opening of the programme year  ',
        startsAt: at(`${YEAR}-09-01`),
        cohortId: cohort.id,
        location: 'WCO headquarters, Brussels',
        officiantName: 'Ian Saunders',
        officiantTitle: 'Secretary General',
        audience: 'associates and directors',
      });
      const expected = {
        id: expect.any(String),
        kind: 'COMMENCEMENT',
        title: 'Opening of the programme year',
        startsAt: at(`${YEAR}-09-01`),
        datePrecision: 'DAY',
        location: 'WCO headquarters, Brussels',
        isVirtual: false,
        officiantName: 'Ian Saunders',
        officiantTitle: 'Secretary General',
        audience: 'associates and directors',
        isCancelled: false,
        cancelledAt: null,
        cancellationReason: null,
        programme: { code: 'WCO-JAPAN-CDP' },
        cohort: { id: cohort.id },
      };
      expect(event).toEqual(expected);
      expect((await server.data(NODE, { id: event.id })).node).toEqual({ ...expected, id: event.id });
      expect((await server.data(EVENTS_OF, { cohortId: cohort.id })).events.nodes).toEqual([{ id: event.id, isCancelled: false }]);
      const { cohort: page } = await server.data('query ($l: String!) { cohort(label: $l) { events { id } } }', { l: cohort.label });
      expect(page.events).toEqual([{ id: event.id }]);
      const { auditLog } = await admin.data(AUDIT, { entityId: event.id });
      expect(auditLog.nodes).toEqual([
        {
          operation: 'scheduleEvent',
          entityType: 'Event',
          before: null,
          after: expect.objectContaining({ kind: 'COMMENCEMENT', cohortId: cohort.id, startsAt: at(`${YEAR}-09-01`), officiantName: '[redacted]' }),
        },
      ]);
    });

    it('schedules a programme-wide event without a cohort, in the default programme or the one named', async () => {
      const reunion = await schedule({ kind: 'ALUMNI_REUNION', title: 'Alumni reunion', startsAt: at('2027-06-20'), isVirtual: true });
      expect(reunion).toMatchObject({ cohort: null, isVirtual: true, programme: { code: 'WCO-JAPAN-CDP' } });
      const named = await schedule({ kind: 'WORKSHOP', title: 'Regional workshop', startsAt: at('2027-02-10'), programmeCode: 'WCO-JAPAN-CDP' });
      expect(named).toMatchObject({ cohort: null, programme: { code: 'WCO-JAPAN-CDP' } });
    });

    it.each([
      ['REPORTING_SESSION', `${YEAR}-08-31`, 'before the programme year starts'],
      ['CERTIFICATE_CEREMONY', `${YEAR}-06-30`, 'before the programme year starts'],
      ['WORKSHOP', `${YEAR - 1}-11-30`, 'before the invitations'],
      ['COMMENCEMENT', `${YEAR + 2}-07-01`, 'more than a year after the programme year ends'],
    ])('EVENT_OUTSIDE_COHORT: a %s on %s (%s)', async (eventKind, day) => {
      const cohort = await arrangeCohort(server, { year: YEAR });
      await expectUserErrors(server, admin, 'scheduleEvent', SCHEDULE, { input: workshop(cohort.id, { kind: eventKind, startsAt: at(day) }) }, [
        ['EVENT_OUTSIDE_COHORT', ['input', 'startsAt']],
      ]);
    });

    it('accepts a reporting session on the start date, a ceremony a year after the end, and a reunion any time after', async () => {
      const cohort = await arrangeCohort(server, { year: YEAR });
      await schedule(workshop(cohort.id, { kind: 'REPORTING_SESSION', startsAt: at(`${YEAR}-09-01`) }));
      await schedule(workshop(cohort.id, { kind: 'CERTIFICATE_CEREMONY', startsAt: at(`${YEAR + 2}-06-30`) }));
      await schedule(workshop(cohort.id, { kind: 'ALUMNI_REUNION', startsAt: at(`${YEAR + 10}-06-30`) }));
    });

    it('COHORT_NOT_FOUND and INVALID_ID: the cohort ID names no cohort', async () => {
      await expectUserErrors(server, admin, 'scheduleEvent', SCHEDULE, { input: workshop(toGlobalId('Cohort', randomUUID())) }, [['COHORT_NOT_FOUND', ['input', 'cohortId']]]);
      await expectUserErrors(server, admin, 'scheduleEvent', SCHEDULE, { input: workshop(await seededEvent(EventKind.REPORTING_SESSION)) }, [
        ['INVALID_ID', ['input', 'cohortId']],
      ]);
    });

    it('PROGRAMME_NOT_FOUND: an unknown programme code', async () => {
      await expectUserErrors(server, admin, 'scheduleEvent', SCHEDULE, { input: { kind: 'WORKSHOP', title: 'W', startsAt: at('2027-01-10'), programmeCode: 'NOPE' } }, [
        ['PROGRAMME_NOT_FOUND', ['input', 'programmeCode']],
      ]);
    });

    it('PROGRAMME_MISMATCH: the cohort belongs to another programme than the code given', async () => {
      await insertOtherProgramme(server.database.dataSource);
      const cohort = await arrangeCohort(server, { year: YEAR });
      await expectUserErrors(server, admin, 'scheduleEvent', SCHEDULE, { input: workshop(cohort.id, { programmeCode: 'OTHER-PROGRAMME' }) }, [
        ['PROGRAMME_MISMATCH', ['input', 'programmeCode']],
      ]);
    });

    it('COHORT_CANCELLED: a cancelled cohort gets no events', async () => {
      const cohort = await arrangeCohort(server, { year: YEAR, status: CohortStatus.CANCELLED });
      await expectUserErrors(server, admin, 'scheduleEvent', SCHEDULE, { input: workshop(cohort.id) }, [['COHORT_CANCELLED', ['input', 'cohortId']]]);
    });

    it('COHORT_EVENTS_FULL: a cohort holds at most 50 events, cancelled ones included', async () => {
      const cohort = await arrangeCohort(server, { year: YEAR });
      const programme = await server.database.dataSource.getRepository(Programme).findOneByOrFail({ code: 'WCO-JAPAN-CDP' });
      for (let i = 0; i < 50; i++) {
        await insert(server.database.dataSource, Event, {
          programmeId: programme.uuid,
          cohortId: cohort.uuid,
          kind: EventKind.WORKSHOP,
          title: `Workshop ${i}`,
          startsAt: new Date(at(`${YEAR}-10-01`)),
          cancelledAt: i === 0 ? new Date(TEST_NOW) : null,
          cancellationReason: i === 0 ? 'Arranged as cancelled.' : null,
        });
      }
      await expectUserErrors(server, admin, 'scheduleEvent', SCHEDULE, { input: workshop(cohort.id) }, [['COHORT_EVENTS_FULL', ['input', 'cohortId']]]);
    });

    it('INVALID_VALUE: a blank title', async () => {
      const cohort = await arrangeCohort(server, { year: YEAR });
      await expectUserErrors(server, admin, 'scheduleEvent', SCHEDULE, { input: workshop(cohort.id, { title: '   ' }) }, [['INVALID_VALUE', ['input', 'title']]]);
    });

    it('is for ADMIN only', async () => {
      const cohort = await arrangeCohort(server, { year: YEAR });
      await expectAdminOnly(server, 'scheduleEvent', SCHEDULE, { input: workshop(cohort.id) });
    });
  });

  describe('rescheduleEvent', () => {
    it('changes the start, place, format and officiant, keeps what is omitted, and audits the changed fields', async () => {
      const cohort = await arrangeCohort(server, { year: YEAR });
      const event = await schedule(workshop(cohort.id, { location: 'Room A', officiantName: 'A. Director', officiantTitle: 'Director' }));
      const { rescheduleEvent } = await admin.data(RESCHEDULE, {
        input: { eventId: event.id, startsAt: at(`${YEAR}-11-05`), isVirtual: true, location: null, officiantName: 'B. Director' },
      });
      expect(rescheduleEvent.userErrors).toEqual([]);
      const expected = { ...event, startsAt: at(`${YEAR}-11-05`), isVirtual: true, location: null, officiantName: 'B. Director', officiantTitle: 'Director' };
      expect(rescheduleEvent.event).toEqual(expected);
      expect((await server.data(NODE, { id: event.id })).node).toEqual(expected);
      const { auditLog } = await admin.data(AUDIT, { entityId: event.id });
      const entry = auditLog.nodes.find((n: any) => n.operation === 'rescheduleEvent');
      expect(entry).toEqual({
        operation: 'rescheduleEvent',
        entityType: 'Event',
        before: { startsAt: at(`${YEAR}-10-15`), location: 'Room A', isVirtual: false, officiantName: '[redacted]' },
        after: { startsAt: at(`${YEAR}-11-05`), location: null, isVirtual: true, officiantName: '[redacted]' },
      });
    });

    it('a new start of a month-precision historical event is a known day', async () => {
      const id = await seededEvent(EventKind.REPORTING_SESSION);
      expect((await server.data(NODE, { id })).node.datePrecision).toBe('MONTH');
      const { rescheduleEvent } = await admin.data(RESCHEDULE, { input: { eventId: id, startsAt: '2024-06-20T09:00:00.000Z' } });
      expect(rescheduleEvent).toMatchObject({ userErrors: [], event: { startsAt: '2024-06-20T09:00:00.000Z', datePrecision: 'DAY' } });
    });

    it('changes nothing and writes no audit entry when nothing differs', async () => {
      const cohort = await arrangeCohort(server, { year: YEAR });
      const event = await schedule(workshop(cohort.id, { location: 'Room A' }));
      const result = await expectUnchanged(server.database.dataSource, () =>
        admin.graphql(RESCHEDULE, { input: { eventId: event.id, startsAt: event.startsAt, location: 'Room A' } }),
      );
      expect(result.data.rescheduleEvent).toEqual({ event, userErrors: [] });
    });

    it('EVENT_OUTSIDE_COHORT: the new start is outside the cohort’s year', async () => {
      const cohort = await arrangeCohort(server, { year: YEAR });
      const event = await schedule(workshop(cohort.id, { kind: 'CERTIFICATE_CEREMONY', startsAt: at(`${YEAR + 1}-07-04`) }));
      await expectUserErrors(server, admin, 'rescheduleEvent', RESCHEDULE, { input: { eventId: event.id, startsAt: at(`${YEAR}-08-01`) } }, [
        ['EVENT_OUTSIDE_COHORT', ['input', 'startsAt']],
      ]);
      expect((await server.data(NODE, { id: event.id })).node.startsAt).toBe(at(`${YEAR + 1}-07-04`));
    });

    it('COHORT_CANCELLED: the events of a cancelled cohort are not moved', async () => {
      const cohort = await arrangeCohort(server, { year: YEAR });
      const event = await schedule(workshop(cohort.id));
      await setCohortStatus(server.database.dataSource, cohort.id, CohortStatus.CANCELLED);
      await expectUserErrors(server, admin, 'rescheduleEvent', RESCHEDULE, { input: { eventId: event.id, location: 'Room B' } }, [
        ['COHORT_CANCELLED', ['input', 'eventId']],
      ]);
      expect((await server.data(NODE, { id: event.id })).node.location).toBeNull();
    });

    it('EVENT_CANCELLED: a cancelled event cannot be rescheduled', async () => {
      const cohort = await arrangeCohort(server, { year: YEAR });
      const event = await schedule(workshop(cohort.id));
      await admin.data(CANCEL, { input: { eventId: event.id, reason: 'Trainer unavailable.' } });
      await expectUserErrors(server, admin, 'rescheduleEvent', RESCHEDULE, { input: { eventId: event.id, location: 'Room B' } }, [
        ['EVENT_CANCELLED', ['input', 'eventId']],
      ]);
      expect((await server.data(NODE, { id: event.id })).node.location).toBeNull();
    });

    it('EVENT_NOT_FOUND and INVALID_ID: the event ID names no event', async () => {
      await expectUserErrors(server, admin, 'rescheduleEvent', RESCHEDULE, { input: { eventId: toGlobalId('Event', randomUUID()), isVirtual: true } }, [
        ['EVENT_NOT_FOUND', ['input', 'eventId']],
      ]);
      const cohort = await arrangeCohort(server, { year: YEAR });
      await expectUserErrors(server, admin, 'rescheduleEvent', RESCHEDULE, { input: { eventId: cohort.id, isVirtual: true } }, [['INVALID_ID', ['input', 'eventId']]]);
    });

    it('is for ADMIN only', async () => {
      const cohort = await arrangeCohort(server, { year: YEAR });
      const event = await schedule(workshop(cohort.id));
      await expectAdminOnly(server, 'rescheduleEvent', RESCHEDULE, { input: { eventId: event.id, location: 'Elsewhere' } });
      expect((await server.data(NODE, { id: event.id })).node.location).toBeNull();
    });
  });

  describe('cancelEvent', () => {
    it('marks the event cancelled with the reason; lists leave it out unless includeCancelled, the cohort page keeps it', async () => {
      const cohort = await arrangeCohort(server, { year: YEAR });
      const kept = await schedule(workshop(cohort.id, { title: 'Kept' }));
      const event = await schedule(workshop(cohort.id, { title: 'Cancelled', startsAt: at(`${YEAR}-10-16`) }));
      const { cancelEvent } = await admin.data(CANCEL, { input: { eventId: event.id, reason: '  Venue closed.  ' } });
      const expected = { ...event, isCancelled: true, cancelledAt: TEST_NOW, cancellationReason: 'Venue closed.' };
      expect(cancelEvent).toEqual({ event: expected, userErrors: [] });
      expect((await server.data(NODE, { id: event.id })).node).toEqual(expected);

      for (const includeCancelled of [undefined, null, false]) {
        expect((await server.data(EVENTS_OF, { cohortId: cohort.id, includeCancelled })).events).toEqual({
          totalCount: 1,
          nodes: [{ id: kept.id, isCancelled: false }],
        });
      }
      expect((await server.data(EVENTS_OF, { cohortId: cohort.id, includeCancelled: true })).events).toEqual({
        totalCount: 2,
        nodes: [
          { id: kept.id, isCancelled: false },
          { id: event.id, isCancelled: true },
        ],
      });
      const { cohort: page } = await server.data('query ($l: String!) { cohort(label: $l) { events { id isCancelled } } }', { l: cohort.label });
      expect(page.events).toEqual([
        { id: kept.id, isCancelled: false },
        { id: event.id, isCancelled: true },
      ]);
      const { auditLog } = await admin.data(AUDIT, { entityId: event.id });
      expect(auditLog.nodes.find((n: any) => n.operation === 'cancelEvent')).toEqual({
        operation: 'cancelEvent',
        entityType: 'Event',
        before: { cancelledAt: null, cancellationReason: null },
        after: { cancelledAt: TEST_NOW, cancellationReason: 'Venue closed.' },
      });
    });

    it('EVENT_CANCELLED: an event is cancelled once', async () => {
      const cohort = await arrangeCohort(server, { year: YEAR });
      const event = await schedule(workshop(cohort.id));
      await admin.data(CANCEL, { input: { eventId: event.id, reason: 'First.' } });
      await expectUserErrors(server, admin, 'cancelEvent', CANCEL, { input: { eventId: event.id, reason: 'Second.' } }, [['EVENT_CANCELLED', ['input', 'eventId']]]);
      expect((await server.data(NODE, { id: event.id })).node.cancellationReason).toBe('First.');
    });

    it('of two concurrent cancellations one succeeds and the other is EVENT_CANCELLED', async () => {
      const cohort = await arrangeCohort(server, { year: YEAR });
      const event = await schedule(workshop(cohort.id));
      const results = await Promise.all(['One.', 'Two.'].map((reason) => admin.graphql(CANCEL, { input: { eventId: event.id, reason } })));
      expect(results.map((r) => r.errors)).toEqual([undefined, undefined]);
      expect(results.map((r) => r.data.cancelEvent.userErrors.map((e: any) => e.code).join() || 'cancelled').sort()).toEqual(['EVENT_CANCELLED', 'cancelled']);
      const { auditLog } = await admin.data(AUDIT, { entityId: event.id });
      expect(auditLog.nodes.filter((n: any) => n.operation === 'cancelEvent')).toHaveLength(1);
    });

    it.each([[EventKind.CERTIFICATE_CEREMONY], [EventKind.REPORTING_SESSION]])(
      'EVENT_HAS_RECORDS: the seeded 2023-2024 %s has certificates or presented research on record',
      async (eventKind) => {
        const id = await seededEvent(eventKind);
        await expectUserErrors(server, admin, 'cancelEvent', CANCEL, { input: { eventId: id, reason: 'Rewriting history.' } }, [['EVENT_HAS_RECORDS', ['input', 'eventId']]]);
        expect((await server.data(NODE, { id })).node.isCancelled).toBe(false);
      },
    );

    it('EVENT_NOT_FOUND: the event ID names no event', async () => {
      await expectUserErrors(server, admin, 'cancelEvent', CANCEL, { input: { eventId: toGlobalId('Event', randomUUID()), reason: 'Gone.' } }, [
        ['EVENT_NOT_FOUND', ['input', 'eventId']],
      ]);
    });

    it('INVALID_VALUE: a blank reason', async () => {
      const cohort = await arrangeCohort(server, { year: YEAR });
      const event = await schedule(workshop(cohort.id));
      await expectUserErrors(server, admin, 'cancelEvent', CANCEL, { input: { eventId: event.id, reason: ' ' } }, [['INVALID_VALUE', ['input', 'reason']]]);
    });

    it('is for ADMIN only', async () => {
      const cohort = await arrangeCohort(server, { year: YEAR });
      const event = await schedule(workshop(cohort.id));
      await expectAdminOnly(server, 'cancelEvent', CANCEL, { input: { eventId: event.id, reason: 'Not yours to cancel.' } });
      expect((await server.data(NODE, { id: event.id })).node.isCancelled).toBe(false);
    });
  });

  describe('lockCohortEvent', () => {
    const rule: CohortEventRule = {
      kind: EventKind.CERTIFICATE_CEREMONY,
      field: 'ceremonyId',
      noun: 'ceremony',
      cancelledMeans: 'nothing happens at it',
      fromStartMeans: 'things happen from its start',
      notFound: UserErrorCode.CEREMONY_NOT_FOUND,
      wrongKind: UserErrorCode.CEREMONY_NOT_CERTIFICATE_CEREMONY,
      otherCohort: UserErrorCode.CEREMONY_OF_ANOTHER_COHORT,
      notYetHeld: UserErrorCode.CEREMONY_NOT_HELD,
    };
    /** Once the arranged cohorts' year is over: their events have taken place. */
    const afterTheYear = fixedClock(`${YEAR + 1}-12-01T00:00:00.000Z`);
    const find = (cohortUuid: string, eventUuid: string, asked: CohortEventRule = rule, clock = afterTheYear) => {
      const ctx = createRequestContext({ requestId: 'lock-cohort-event', database: server.database.database, clock, log: server.logger, auth: server.auth });
      return withTransaction(ctx, (tx) => lockCohortEvent(tx, eventUuid, cohortUuid, asked));
    };
    const refusal = async (found: Promise<unknown>) => {
      const failure = await found.then(
        () => undefined,
        (err: { errors?: { code: string; field: string[] }[] }) => err.errors?.[0],
      );
      return failure && { code: failure.code, field: failure.field };
    };

    it('finds an event of the cohort and kind that is not cancelled and has started, and refuses anything else with the rule\'s codes', async () => {
      const cohort = await arrangeCohort(server, { year: YEAR });
      const other = await arrangeCohort(server, { year: YEAR });
      const ceremony = await schedule(workshop(cohort.id, { kind: 'CERTIFICATE_CEREMONY', startsAt: at(`${YEAR + 1}-07-04`) }));
      const cancelled = await schedule(workshop(cohort.id, { kind: 'CERTIFICATE_CEREMONY', startsAt: at(`${YEAR + 1}-07-05`) }));
      await admin.data(CANCEL, { input: { eventId: cancelled.id, reason: 'Moved.' } });

      expect((await find(cohort.uuid, uuidOf(ceremony.id))).uuid).toBe(uuidOf(ceremony.id));
      const field = ['input', 'ceremonyId'];
      expect(await refusal(find(cohort.uuid, uuidOf(ceremony.id), { ...rule, kind: EventKind.REPORTING_SESSION }))).toEqual({
        code: 'CEREMONY_NOT_CERTIFICATE_CEREMONY',
        field,
      });
      expect(await refusal(find(other.uuid, uuidOf(ceremony.id)))).toEqual({ code: 'CEREMONY_OF_ANOTHER_COHORT', field });
      expect(await refusal(find(cohort.uuid, uuidOf(cancelled.id)))).toEqual({ code: 'EVENT_CANCELLED', field });
      expect(await refusal(find(cohort.uuid, randomUUID()))).toEqual({ code: 'CEREMONY_NOT_FOUND', field });
      // By the test server's clock (TEST_NOW) the ceremony is still to come; from its start on it is found.
      expect(await refusal(find(cohort.uuid, uuidOf(ceremony.id), rule, server.clock))).toEqual({ code: 'CEREMONY_NOT_HELD', field });
      expect((await find(cohort.uuid, uuidOf(ceremony.id), rule, fixedClock(at(`${YEAR + 1}-07-04`)))).uuid).toBe(uuidOf(ceremony.id));
    });
  });
});
