import type { DataSource } from 'typeorm';
import { DatePrecision } from '../../server/src/common/dates';
import { Administration } from '../../server/src/modules/administration/administration.entity';
import { AssociateStatus } from '../../server/src/modules/associate/associate-enums';
import { ProfessionalAssociate } from '../../server/src/modules/associate/associate.entity';
import { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { CohortStatus } from '../../server/src/modules/cohort/cohort-status';
import { EventKind } from '../../server/src/modules/event/event-kind';
import { Event } from '../../server/src/modules/event/event.entity';
import { Programme } from '../../server/src/modules/programme/programme.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { directCohortLabel, insert } from './arrange';
import { gid } from './arrange-nominations';
import { expectUnchanged } from './unchanged';
import type { Caller, TestServer } from './server';

/*
 * Rows that the cohort, selection and event mutations (built separately)
 * would make, written directly so the placement, research and alumni
 * workflows can be tested on their own.
 */

export { gid };

export interface CohortArrangement {
  status: CohortStatus;
  startDate?: string | null;
  endDate?: string | null;
}

/** A cohort of the seeded programme with a placement year, written directly. */
export async function arrangeCohort(ds: DataSource, c: CohortArrangement): Promise<Cohort> {
  const programme = await ds.getRepository(Programme).findOneByOrFail({ code: 'WCO-JAPAN-CDP' });
  return insert(ds, Cohort, {
    programmeId: programme.uuid,
    label: directCohortLabel(),
    status: c.status,
    capacity: 10,
    invitationDate: null,
    nominationDeadline: null,
    selectionDate: null,
    notificationDate: null,
    startDate: c.startDate === undefined ? '2026-09-01' : c.startDate,
    startDatePrecision: c.startDate === null ? null : DatePrecision.DAY,
    endDate: c.endDate === undefined ? '2027-06-30' : c.endDate,
    note: null,
  });
}

let people = 0;

/** A selected associate of the cohort, as decideNomination would create it (ASSIGNED, no placement yet) unless told otherwise. */
export async function arrangeAssociate(
  ds: DataSource,
  cohort: Cohort,
  values: Partial<Pick<ProfessionalAssociate, 'status' | 'startDate' | 'endDate' | 'administrationId'>> = {},
): Promise<ProfessionalAssociate> {
  const administration = await ds.getRepository(Administration).findOneByOrFail({ iso2: 'RW' });
  return insert(ds, ProfessionalAssociate, {
    cohortId: cohort.uuid,
    administrationId: administration.uuid,
    nominationId: null,
    fullName: `Workflow Associate ${++people}`,
    email: `workflow.associate.${people}@example.org`,
    phone: null,
    languages: ['en'],
    directorate: null,
    supervisorName: null,
    status: AssociateStatus.ASSIGNED,
    startDate: null,
    endDate: null,
    isSampleData: true,
    ...values,
  });
}

/** An event of the cohort, as scheduleEvent would create it; by default near the end of the arranged year, still to come at TEST_NOW. */
export async function arrangeEvent(ds: DataSource, cohort: Cohort, kind = EventKind.REPORTING_SESSION, startsAt = '2027-06-15T09:00:00Z'): Promise<Event> {
  return insert(ds, Event, {
    programmeId: cohort.programmeId,
    cohortId: cohort.uuid,
    kind,
    title: `${kind} of ${cohort.label}`,
    startsAt: new Date(startsAt),
    location: 'Brussels',
    isVirtual: false,
    officiantName: null,
    officiantTitle: null,
    audience: null,
  });
}

const ASSOCIATE_PASSWORD = 'workflow-associate-passphrase-2026';

/** An ASSOCIATE user for the associate, created by ADMIN through createUser, and signed in. */
export async function signInAsAssociate(server: TestServer, associate: ProfessionalAssociate): Promise<Caller> {
  const admin = await server.as(UserRole.ADMIN);
  const email = `user.${associate.uuid.slice(0, 8)}@example.org`;
  const { createUser } = await admin.data(
    'mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } userErrors { code message } } }',
    {
      input: {
        email,
        displayName: associate.fullName,
        role: 'ASSOCIATE',
        password: ASSOCIATE_PASSWORD,
        associateId: gid('ProfessionalAssociate', associate.uuid),
      },
    },
  );
  if (createUser.userErrors.length) throw new Error(`createUser failed: ${JSON.stringify(createUser.userErrors)}`);
  return server.signIn(email, ASSOCIATE_PASSWORD);
}

/** Runs a mutation that must be refused with exactly this user error, and checks that the database did not change. */
export async function expectRefusal(
  ds: DataSource,
  caller: Caller,
  mutation: string,
  input: Record<string, unknown>,
  code: string,
  field: string[] | null,
): Promise<{ code: string; field: string[] | null; message: string }> {
  const name = mutation.match(/\{\s*(\w+)\(/)![1];
  const result = await expectUnchanged(ds, () => caller.data(mutation, { input }));
  const payload = result[name];
  expect(payload.userErrors.map((e: { code: string; field: string[] | null }) => ({ code: e.code, field: e.field }))).toEqual([{ code, field }]);
  for (const [key, value] of Object.entries(payload)) if (key !== 'userErrors') expect({ [key]: value }).toEqual({ [key]: null });
  return payload.userErrors[0];
}

/** Runs a mutation that the caller may not call at all, and checks the GraphQL error code and that nothing changed. */
export async function expectDenied(ds: DataSource, caller: Caller, mutation: string, input: Record<string, unknown>, code: 'FORBIDDEN' | 'UNAUTHENTICATED') {
  const result = await expectUnchanged(ds, () => caller.graphql(mutation, { input }));
  expect(result.data ?? null).toBeNull();
  expect(result.errors?.map((e) => e.extensions?.code)).toEqual([code]);
}
