import type { DataSource } from 'typeorm';
import { systemClock } from '../../server/src/common/clock';
import { runTransaction } from '../../server/src/db/database';
import { fromGlobalId } from '../../server/src/graphql/relay/global-id';
import { nodeTypeNames } from '../../server/src/graphql/relay/node';
import { CohortStatus } from '../../server/src/modules/cohort/cohort-status';
import { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { Programme } from '../../server/src/modules/programme/programme.entity';
import { UserRole } from '../../server/src/modules/user/user-role';
import { insert } from './arrange';
import type { Caller, GraphQLResponse, TestServer } from './server';
import { expectUnchanged } from './unchanged';

/** The UUID behind a global ID, for arranging rows directly. */
export const uuidOf = (globalId: string): string => fromGlobalId(globalId, nodeTypeNames()).id;

/** The six dates of the programme year that starts in September of `year`, in order. */
export function yearDates(year: number) {
  return {
    invitationDate: `${year - 1}-12-01`,
    nominationDeadline: `${year}-03-31`,
    selectionDate: `${year}-05-31`,
    notificationDate: `${year}-06-30`,
    startDate: `${year}-09-01`,
    endDate: `${year + 1}-06-30`,
  };
}

const CREATE_COHORT = `mutation ($input: CreateCohortInput!) {
  createCohort(input: $input) { cohort { id label status } userErrors { code field message } }
}`;

let labelYear = 2100;
/** A label no seeded cohort and no other test uses. */
export const freshLabel = (): string => `${labelYear}-${++labelYear}`;

/**
 * A new cohort, created through the API, whose programme year starts in
 * `year` (2026: the nomination deadline has passed at TEST_NOW; 2027 and
 * later: it has not), then put in `status` directly in the database.
 */
export async function arrangeCohort(
  server: TestServer,
  options: { year?: number; status?: CohortStatus; capacity?: number } = {},
): Promise<{ id: string; uuid: string; label: string }> {
  const admin = await server.as(UserRole.ADMIN);
  const { createCohort } = await admin.data(CREATE_COHORT, {
    input: { label: freshLabel(), capacity: options.capacity ?? 10, dates: yearDates(options.year ?? 2030) },
  });
  if (createCohort.userErrors.length) throw new Error(`arrangeCohort: ${JSON.stringify(createCohort.userErrors)}`);
  const { id, label } = createCohort.cohort;
  if (options.status) await setCohortStatus(server.database.dataSource, id, options.status);
  return { id, uuid: uuidOf(id), label };
}

/** Moves a cohort to any status at once, as a write of the seam (queued on SQLite, the data version bumped). */
export async function setCohortStatus(ds: DataSource, cohortId: string, status: CohortStatus): Promise<void> {
  await runTransaction(ds, systemClock, (manager) => manager.update(Cohort, uuidOf(cohortId), { status }));
}

/** A second programme beside the seeded one, for the rules that a cohort and a programme must agree. */
export function insertOtherProgramme(ds: DataSource, code = 'OTHER-PROGRAMME'): Promise<Programme> {
  return insert(ds, Programme, {
    code,
    name: 'Another programme',
    formerName: null,
    organiser: 'WCO',
    partner: 'Partner',
    launchedYear: 2020,
    placementMonths: 6,
    description: 'Arranged by the test.',
    eligibility: 'Anyone.',
  });
}

export const OTHER_ROLES = [UserRole.REVIEWER, UserRole.FOCAL_POINT, UserRole.ASSOCIATE] as const;

/**
 * An ADMIN-only mutation, called with an input ADMIN could run: every other
 * role gets FORBIDDEN and an anonymous caller UNAUTHENTICATED, with no data
 * and nothing changed.
 */
export async function expectAdminOnly(server: TestServer, mutation: string, document: string, variables: Record<string, unknown>): Promise<void> {
  const callers: Array<[string, Caller]> = [['anonymous', server]];
  for (const role of OTHER_ROLES) callers.push([role, await server.as(role)]);
  for (const [who, caller] of callers) {
    const result: GraphQLResponse = await expectUnchanged(server.database.dataSource, () => caller.graphql(document, variables));
    expect({ who, data: result.data ?? null, codes: result.errors?.map((e) => e.extensions?.code) }).toEqual({
      who,
      data: null,
      codes: [who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN'],
    });
    expect(result.errors![0].path).toEqual([mutation]);
  }
}

/** Runs a mutation that must be refused: the database is unchanged, and the payload has exactly these userErrors' codes and fields. */
export async function expectUserErrors(
  server: TestServer,
  caller: Caller,
  mutation: string,
  document: string,
  variables: Record<string, unknown>,
  errors: Array<[code: string, field: string[] | null]>,
): Promise<{ payload: any; messages: string[] }> {
  const result = await expectUnchanged(server.database.dataSource, () => caller.graphql(document, variables));
  expect(result.errors).toBeUndefined();
  const payload = result.data[mutation];
  expect(payload.userErrors.map((e: any) => [e.code, e.field])).toEqual(errors);
  return { payload, messages: payload.userErrors.map((e: any) => e.message) };
}
