/** The demonstration programme and its sample cohort open for nominations, with its invitations and nominations. */
import type { EntityManager } from 'typeorm';
import { DatePrecision } from '../../common/dates';
import { Administration } from '../../modules/administration/administration.entity';
import { ProfessionalAssociate } from '../../modules/associate/associate.entity';
import { CohortStatus } from '../../modules/cohort/cohort-status';
import { Cohort } from '../../modules/cohort/cohort.entity';
import { Invitation } from '../../modules/cohort/invitation.entity';
import { NominationStatus } from '../../modules/nomination/nomination-status';
import { Nomination } from '../../modules/nomination/nomination.entity';
import { Programme } from '../../modules/programme/programme.entity';
import { countryRef } from './countries';
import type { Ensure } from './find-or-create';
import { history } from './history-file';
import { sampleName, stableHash } from './sample-people';
import { earlier, utcInstant } from './utc-dates';

const DEMO_NOTE = 'Sample cohort created for demonstration; invitations and nominations are sample data.';

/** The programme of the demonstration cohort: apart from the real one, so their labels never collide. */
export const DEMO_PROGRAMME = {
  code: 'CDP-DEMO',
  name: 'CDP Hub demonstration programme (sample data)',
  formerName: null,
  organiser: 'CDP Hub (sample data)',
  partner: 'none (sample data)',
  launchedYear: 2026,
  placementMonths: 10,
  description:
    'A programme that exists only to try CDP Hub out: its cohort, invitations and nominations are sample data, not part of the record of the WCO-Japan Career Development Programme.',
  eligibility: 'Sample data: any administration may be invited.',
} as const;

export async function seedDemonstrationProgramme(ensure: Ensure): Promise<Programme> {
  const { row } = await ensure(Programme, 'Programme', { code: DEMO_PROGRAMME.code }, () => ({ ...DEMO_PROGRAMME }));
  return row;
}

/**
 * A sample cohort of the demonstration programme for the coming March's
 * nomination round, so the nomination workflow can be tried out. "Coming
 * March" is March of the current UTC year up to and including March, else
 * March of the next year; the cohort is labelled by the year Y of that March
 * (the real programme's cohort of that year keeps the label free). Created
 * only together with its cohort: if the demonstration programme has a cohort
 * with the label, nothing is done for it. The invitations skip the
 * administrations of the real programme's latest cohort. Returns the cohort.
 */
export async function seedDemonstrationCohort(
  manager: EntityManager,
  programme: Programme,
  realProgramme: Programme,
  now: Date,
  ensure: Ensure,
): Promise<Cohort> {
  const y = now.getUTCMonth() + 1 <= 3 ? now.getUTCFullYear() : now.getUTCFullYear() + 1;
  const label = `${y}-${y + 1}`;
  const existing = await manager.findOneBy(Cohort, { programmeId: programme.uuid, label });
  if (existing) return existing;

  const { row: cohort } = await ensure(Cohort, 'Cohort', { programmeId: programme.uuid, label }, () => ({
    programmeId: programme.uuid,
    label,
    status: CohortStatus.NOMINATIONS_OPEN,
    capacity: 10,
    invitationDate: `${y - 1}-12-01`,
    nominationDeadline: `${y}-03-31`,
    selectionDate: `${y}-05-31`,
    notificationDate: `${y}-06-30`,
    startDate: `${y}-09-01`,
    startDatePrecision: DatePrecision.DAY,
    endDate: `${y + 1}-06-30`,
    note: DEMO_NOTE,
  }));

  // Invite the first six eligible administrations (by code) that were not in the latest cohort with associates.
  const latest = [...history.cohorts].reverse().find((c) => c.countries.length > 0);
  const latestCohort = latest ? await manager.findOneBy(Cohort, { programmeId: realProgramme.uuid, label: latest.label }) : null;
  const represented = latestCohort
    ? (await manager.find(ProfessionalAssociate, { select: { administrationId: true }, where: { cohortId: latestCohort.uuid } })).map(
        (a) => a.administrationId,
      )
    : [];
  const eligible = await manager.find(Administration, { where: { isEligible: true }, order: { iso2: 'ASC' } });
  const invited = eligible.filter((a) => !represented.includes(a.uuid)).slice(0, 6);

  const sentAt = earlier(utcInstant(cohort.invitationDate!, '09:00:00'), now);
  for (const admin of invited) {
    await ensure(Invitation, 'Invitation', { cohortId: cohort.uuid, administrationId: admin.uuid }, () => ({
      cohortId: cohort.uuid,
      administrationId: admin.uuid,
      sentAt,
    }));
  }

  // Four of the invited administrations have nominated a candidate.
  // The deadline is a date; a nomination made on it counts from 12:00 UTC.
  const submittedAt = earlier(now, utcInstant(cohort.nominationDeadline!, '12:00:00'));
  const emails = new Set<string>();
  for (const admin of invited.slice(0, 4)) {
    const key = `${label}:nomination:${admin.iso2}`;
    const candidateFullName = sampleName(key);
    let candidateEmail = `${emailSlug(candidateFullName)}@example.org`;
    // Two generated names may coincide; keep e-mail addresses unique within the cohort.
    if (emails.has(candidateEmail)) candidateEmail = `${emailSlug(candidateFullName)}.${admin.iso2.toLowerCase()}@example.org`;
    emails.add(candidateEmail);
    const country = countryRef(admin.iso2, admin.name);
    await ensure(Nomination, 'Nomination', { cohortId: cohort.uuid, candidateEmail }, () => ({
      cohortId: cohort.uuid,
      administrationId: admin.uuid,
      candidateFullName,
      candidateEmail,
      candidatePosition: 'Senior Customs Officer',
      candidateYearsOfService: 5 + (stableHash(`${key}:years`) % 11),
      candidateLanguages: ['en'],
      motivation: `The Customs administration of ${country} nominates ${candidateFullName} to carry out research at the WCO Secretariat and bring international experience back to its modernization programme.`,
      status: NominationStatus.SUBMITTED,
      submittedAt,
      decidedAt: null,
    }));
  }
  return cohort;
}

/** "Dana Varenko" -> "dana.varenko" */
function emailSlug(fullName: string): string {
  return fullName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
}
