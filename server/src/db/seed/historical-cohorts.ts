/**
 * The cohorts of the public record and their events (the `history` profile),
 * and their sample associates (the `demo` profile), each with a sample
 * research project, a certificate when the cohort's ceremony is known, and
 * an alumni profile.
 */
import { IsNull, type EntityManager } from 'typeorm';
import { parsePartialDate } from '../../common/dates';
import { AlumniProfile } from '../../modules/alumni/alumni-profile.entity';
import { AssociateStatus, Directorate } from '../../modules/associate/associate-enums';
import { ProfessionalAssociate } from '../../modules/associate/associate.entity';
import { highestStatusListIndex, nextCounterValue } from '../../modules/certificate/certificate-counter';
import { Certificate } from '../../modules/certificate/certificate.entity';
import { signedCertificateCredential } from '../../modules/certificate/credential/certificate-credential';
import type { CredentialSettings } from '../../modules/certificate/credential/credential-settings';
import { CohortStatus } from '../../modules/cohort/cohort-status';
import { Cohort } from '../../modules/cohort/cohort.entity';
import { EventKind } from '../../modules/event/event-kind';
import { Event } from '../../modules/event/event.entity';
import type { Programme } from '../../modules/programme/programme.entity';
import { ResearchProject } from '../../modules/research/research-project.entity';
import { researchSearchIndex } from '../../modules/research/research-search';
import { ResearchStatus } from '../../modules/research/research-status';
import { ResearchTheme } from '../../modules/research/research-theme.entity';
import { countryRef, sampleLanguages } from './countries';
import type { CreatedCounts, Ensure } from './find-or-create';
import { history, type HistoryCohort } from './history-file';
import type { AdministrationLookup } from './programme-and-administrations';
import { sampleResearchTopic } from './research-samples';
import { sampleName, stableHash } from './sample-people';
import { DAY_MS, placementEndDate, utcInstant } from './utc-dates';

const HEADQUARTERS = 'WCO Headquarters, Brussels';

const DIRECTORATES = Object.values(Directorate);

const EVENT_TITLES: Record<EventKind, string> = {
  [EventKind.INVITATION]: 'Invitation',
  [EventKind.COMMENCEMENT]: 'Commencement',
  [EventKind.REPORTING_SESSION]: 'Reporting session',
  [EventKind.CERTIFICATE_CEREMONY]: 'Certificate ceremony',
  [EventKind.ALUMNI_REUNION]: 'Alumni reunion',
  [EventKind.WORKSHOP]: 'Workshop',
};

/** A cohort of the public record as seeded, with its events by kind. */
export interface SeededCohort {
  source: HistoryCohort;
  cohort: Cohort;
  eventByKind: Map<EventKind, Event>;
}

/** Seeds every cohort of cdp-history.json with its events: public facts only. */
export async function seedHistoricalCohorts(ensure: Ensure, programme: Programme): Promise<SeededCohort[]> {
  const seeded: SeededCohort[] = [];
  for (const source of history.cohorts) {
    const cohort = await seedCohort(ensure, programme, source);
    seeded.push({ source, cohort, eventByKind: await seedEvents(ensure, programme, cohort, source) });
  }
  return seeded;
}

/**
 * The sample people of the historical cohorts (no associate's name is
 * public): one sample associate per cohort country, each with a sample
 * research project, a certificate when the cohort's ceremony is known, and
 * an alumni profile; then indexes the research it created for search.
 */
export async function seedSampleAssociates(
  manager: EntityManager,
  ensure: Ensure,
  created: CreatedCounts,
  cohorts: SeededCohort[],
  administration: AdministrationLookup,
  credentials?: CredentialSettings,
): Promise<void> {
  const newResearchIds: string[] = [];

  for (const { source, cohort, eventByKind } of cohorts) {
    const reporting = eventByKind.get(EventKind.REPORTING_SESSION) ?? null;
    const ceremony = eventByKind.get(EventKind.CERTIFICATE_CEREMONY) ?? null;

    const cohortOffset = stableHash(source.label);
    for (const [index, iso2] of source.countries.entries()) {
      const admin = administration(iso2);
      const key = `${source.label}:${iso2}`;
      const { row: associate } = await ensure(
        ProfessionalAssociate,
        'ProfessionalAssociate',
        { cohortId: cohort.uuid, administrationId: admin.uuid },
        () => ({
          cohortId: cohort.uuid,
          administrationId: admin.uuid,
          nominationId: null,
          fullName: sampleName(key),
          email: null,
          phone: null,
          languages: sampleLanguages(iso2),
          directorate: DIRECTORATES[index % DIRECTORATES.length],
          supervisorName: null,
          status: AssociateStatus.COMPLETED,
          startDate: cohort.startDate,
          endDate: cohort.endDate,
          isSampleData: true,
        }),
      );

      const topic = sampleResearchTopic(cohortOffset, index);
      const country = countryRef(iso2, admin.name);
      const research = await ensure(ResearchProject, 'ResearchProject', { associateId: associate.uuid }, () => ({
        associateId: associate.uuid,
        title: topic.title(country),
        abstract: topic.abstract(country),
        status: ResearchStatus.PUBLISHED,
        reportUrl: null,
        presentedAtId: reporting?.uuid ?? null,
        publishedAt: reporting
          ? new Date(reporting.startsAt.getTime() + 30 * DAY_MS)
          : cohort.endDate
            ? utcInstant(cohort.endDate, '12:00:00')
            : null,
      }));
      if (research.isNew) {
        for (const [position, theme] of topic.themes.entries()) {
          await manager.save(manager.create(ResearchTheme, { researchProjectId: research.row.uuid, theme, position }));
          created.ResearchTheme += 1;
        }
        newResearchIds.push(research.row.uuid);
      }

      if (ceremony && ceremony.officiantName && ceremony.officiantTitle) {
        await seedCertificate(manager, ensure, associate, ceremony, index, credentials);
      }

      await ensure(AlumniProfile, 'AlumniProfile', { associateId: associate.uuid }, () => ({
        associateId: associate.uuid,
        currentPosition: null,
        // Every third associate of a cohort, from a place fixed by its label: about a third of the alumni.
        isLiaisonPoint: (cohortOffset + index) % 3 === 0,
      }));
    }
  }

  await researchSearchIndex.reindex(manager, newResearchIds);
}

async function seedCohort(ensure: Ensure, programme: Programme, source: HistoryCohort): Promise<Cohort> {
  const start = source.commenced ? parsePartialDate(source.commenced) : null;
  const months = source.placementMonths ?? programme.placementMonths;
  const { row } = await ensure(Cohort, 'Cohort', { programmeId: programme.uuid, label: source.label }, () => ({
    programmeId: programme.uuid,
    label: source.label,
    status: cohortStatusFromSource(source.status),
    capacity: source.associates ?? null,
    // The public record does not give the dates of the selection cycle.
    invitationDate: null,
    nominationDeadline: null,
    selectionDate: null,
    notificationDate: null,
    startDate: start?.date ?? null,
    startDatePrecision: start?.precision ?? null,
    endDate: start ? placementEndDate(start.date, months) : null,
    note: source.note ?? null,
  }));
  return row;
}

async function seedEvents(ensure: Ensure, programme: Programme, cohort: Cohort, source: HistoryCohort): Promise<Map<EventKind, Event>> {
  const eventByKind = new Map<EventKind, Event>();
  for (const e of source.events ?? []) {
    const kind = eventKindFromSource(e.kind);
    const when = parsePartialDate(e.date);
    const isVirtual = e.virtual ?? false;
    const { row } = await ensure(Event, 'Event', { cohortId: cohort.uuid, kind }, () => ({
      programmeId: programme.uuid,
      cohortId: cohort.uuid,
      kind,
      title: `${EVENT_TITLES[kind]} ${source.label}`,
      startsAt: utcInstant(when.date),
      datePrecision: when.precision,
      location: isVirtual ? null : HEADQUARTERS,
      isVirtual,
      officiantName: e.officiant ?? null,
      officiantTitle: e.officiantTitle ?? null,
      audience: e.audience ?? null,
    }));
    eventByKind.set(kind, row);
  }
  return eventByKind;
}

/**
 * The certificate of the `index`-th associate of a cohort, handed over at
 * its ceremony (which names the signatory), signed when keys are given.
 */
async function seedCertificate(
  manager: EntityManager,
  ensure: Ensure,
  associate: ProfessionalAssociate,
  ceremony: Event,
  index: number,
  credentials: CredentialSettings | undefined,
): Promise<void> {
  const serial = `CDP-${ceremony.startsAt.getUTCFullYear()}-${String(index + 1).padStart(3, '0')}`;
  // An associate holds at most one valid certificate; one issued later through the API counts too.
  if (await manager.existsBy(Certificate, { associateId: associate.uuid, revokedAt: IsNull() })) return;
  if (await manager.existsBy(Certificate, { serial })) return;
  // The same counter as issueCertificate, so seeded and issued certificates never share a status-list position.
  const statusListIndex = await nextCounterValue(manager, 'status-list', await highestStatusListIndex(manager));
  const issued = {
    serial,
    issuedAt: ceremony.startsAt,
    signatoryName: ceremony.officiantName!,
    signatoryTitle: ceremony.officiantTitle!,
    statusListIndex,
  };
  const credential = credentials ? await signedCertificateCredential(manager, issued, associate, ceremony, credentials) : null;
  await ensure(Certificate, 'Certificate', { serial }, () => ({
    ...issued,
    associateId: associate.uuid,
    ceremonyId: ceremony.uuid,
    credential,
    revokedAt: null,
    revocationReason: null,
  }));
}

/** The file calls the last status it saw e.g. "NOMINATIONS_OPEN_AT_SOURCE_TIME". */
function cohortStatusFromSource(status: string | undefined): CohortStatus {
  if (!status) return CohortStatus.COMPLETED;
  const name = status.replace(/_AT_SOURCE_TIME$/, '');
  if (!(Object.values(CohortStatus) as string[]).includes(name)) throw new Error(`Unknown cohort status in seed data: ${status}`);
  return name as CohortStatus;
}

function eventKindFromSource(kind: string): EventKind {
  if (!(Object.values(EventKind) as string[]).includes(kind)) throw new Error(`Unknown event kind in seed data: ${kind}`);
  return kind as EventKind;
}
