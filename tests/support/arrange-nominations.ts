import type { DataSource } from 'typeorm';
import { DEMO_USERS } from '../../server/src/db/seed/demo-users';
import { toGlobalId } from '../../server/src/graphql/relay/global-id';
import { Administration } from '../../server/src/modules/administration/administration.entity';
import { AssociateStatus } from '../../server/src/modules/associate/associate-enums';
import { ProfessionalAssociate } from '../../server/src/modules/associate/associate.entity';
import { CohortStatus } from '../../server/src/modules/cohort/cohort-status';
import { Cohort } from '../../server/src/modules/cohort/cohort.entity';
import { Invitation } from '../../server/src/modules/cohort/invitation.entity';
import { NominationStatus } from '../../server/src/modules/nomination/nomination-status';
import { Nomination } from '../../server/src/modules/nomination/nomination.entity';
import { Programme } from '../../server/src/modules/programme/programme.entity';
import { DEFAULT_PROGRAMME_CODE } from '../../server/src/modules/programme/programme.types';
import { User } from '../../server/src/modules/user/user.entity';
import { directCohortLabel, insert } from './arrange';
import { TEST_NOW } from './server';

/** The seed's demonstration cohort at TEST_NOW: NOMINATIONS_OPEN until 2027-03-31, capacity 10. */
export const DEMO_COHORT_LABEL = '2027-2028';
/** The demonstration cohort's programme: apart from the real one, whose 2027-2028 cohort may be created. */
export const DEMO_PROGRAMME_CODE = 'CDP-DEMO';

/** A motivation of the accepted length (50 to 5,000 characters). */
export const MOTIVATION = 'A seasoned officer whose research on border risk management would serve the whole region.';

export const demoCohort = (ds: DataSource) =>
  ds.getRepository(Cohort).findOneByOrFail({ label: DEMO_COHORT_LABEL, programme: { code: DEMO_PROGRAMME_CODE } });

/** The administration the demo FOCAL_POINT acts for (invited to the demonstration cohort). */
export async function focalAdministration(ds: DataSource): Promise<Administration> {
  const user = await ds.getRepository(User).findOneByOrFail({ email: DEMO_USERS.FOCAL_POINT.email });
  return ds.getRepository(Administration).findOneByOrFail({ uuid: user.administrationId! });
}

/** Eligible administrations not invited to the cohort, by code. */
export async function uninvitedEligible(ds: DataSource, cohortId: string): Promise<Administration[]> {
  const invited = new Set((await ds.getRepository(Invitation).findBy({ cohortId })).map((i) => i.administrationId));
  const eligible = await ds.getRepository(Administration).find({ where: { isEligible: true }, order: { iso2: 'ASC' } });
  return eligible.filter((a) => !invited.has(a.uuid));
}

export interface CohortArrangement {
  status: CohortStatus;
  capacity?: number | null;
  nominationDeadline?: string | null;
  /** Administrations invited to the cohort. */
  invited?: Administration[];
}

/** A cohort of the real programme, written directly (the cohort workflow is not what is under test). */
export async function arrangeCohort(ds: DataSource, a: CohortArrangement): Promise<Cohort> {
  const { uuid: programmeId } = await ds.getRepository(Programme).findOneByOrFail({ code: DEFAULT_PROGRAMME_CODE });
  const cohort = await insert(ds, Cohort, {
    programmeId,
    label: directCohortLabel(),
    status: a.status,
    capacity: a.capacity === undefined ? 10 : a.capacity,
    invitationDate: null,
    nominationDeadline: a.nominationDeadline === undefined ? '2027-03-31' : a.nominationDeadline,
    selectionDate: null,
    notificationDate: null,
    startDate: null,
    startDatePrecision: null,
    endDate: null,
    note: null,
  });
  for (const administration of a.invited ?? []) {
    await insert(ds, Invitation, { cohortId: cohort.uuid, administrationId: administration.uuid, sentAt: new Date(TEST_NOW) });
  }
  return cohort;
}

let candidates = 0;

export interface NominationArrangement {
  cohort: Cohort;
  administration: Administration;
  status?: NominationStatus;
  fullName?: string;
}

/** A nomination written directly, in any status; final statuses get decidedAt. */
export async function arrangeNomination(ds: DataSource, a: NominationArrangement): Promise<Nomination> {
  const n = ++candidates;
  const status = a.status ?? NominationStatus.SUBMITTED;
  const decided = [NominationStatus.SELECTED, NominationStatus.RESERVE, NominationStatus.NOT_SELECTED].includes(status);
  return insert(ds, Nomination, {
    cohortId: a.cohort.uuid,
    administrationId: a.administration.uuid,
    candidateFullName: a.fullName ?? `Arranged Candidate ${n}`,
    candidateEmail: `arranged.candidate.${n}@example.org`,
    candidatePosition: 'Customs Officer',
    candidateYearsOfService: 8,
    candidateLanguages: ['en', 'fr'],
    motivation: MOTIVATION,
    status,
    submittedAt: new Date(TEST_NOW),
    decidedAt: decided ? new Date(TEST_NOW) : null,
    meanScore: null,
    reviewCount: 0,
  });
}

/** Associates already in the cohort, taking (or, WITHDRAWN, not taking) seats. */
export async function arrangeAssociates(
  ds: DataSource,
  cohort: Cohort,
  administration: Administration,
  count: number,
  status = AssociateStatus.ASSIGNED,
) {
  for (let i = 0; i < count; i++) {
    await insert(ds, ProfessionalAssociate, {
      cohortId: cohort.uuid,
      administrationId: administration.uuid,
      nominationId: null,
      fullName: `Seated Associate ${++candidates}`,
      email: null,
      phone: null,
      languages: ['en'],
      directorate: null,
      supervisorName: null,
      status,
      startDate: null,
      endDate: null,
      isSampleData: true,
    });
  }
}

export const gid = toGlobalId;
