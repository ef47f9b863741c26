/**
 * Loads the public history of the WCO-Japan Career Development Programme
 * (cdp-history.json) plus clearly marked sample data into the database.
 *
 * Idempotent: every row is looked up by its natural key first and created only
 * when missing, so running the seed again creates nothing and never
 * overwrites corrections made later through the API. Everything happens in one
 * transaction, together with one audit entry when anything was created.
 */
import { IsNull, type DataSource, type DeepPartial, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { isoDate, type Clock } from '../../common/clock';
import { DatePrecision, parsePartialDate } from '../../common/dates';
import type { Logger } from '../../common/logger';
import { Administration } from '../../modules/administration/administration.entity';
import { AlumniProfile } from '../../modules/alumni/alumni-profile.entity';
import { AssociateStatus, Directorate } from '../../modules/associate/associate-enums';
import { ProfessionalAssociate } from '../../modules/associate/associate.entity';
import { AuditEntry } from '../../modules/audit/audit-entry.entity';
import { Certificate } from '../../modules/certificate/certificate.entity';
import { CohortStatus } from '../../modules/cohort/cohort-status';
import { Cohort } from '../../modules/cohort/cohort.entity';
import { Invitation } from '../../modules/cohort/invitation.entity';
import { EventKind } from '../../modules/event/event-kind';
import { Event } from '../../modules/event/event.entity';
import { NominationStatus } from '../../modules/nomination/nomination-status';
import { Nomination } from '../../modules/nomination/nomination.entity';
import { Programme } from '../../modules/programme/programme.entity';
import { Region, RegionCode } from '../../modules/region/region.entity';
import { ResearchProject } from '../../modules/research/research-project.entity';
import { researchSearchIndex } from '../../modules/research/research-search';
import { ResearchStatus } from '../../modules/research/research-status';
import { ResearchTheme } from '../../modules/research/research-theme.entity';
import history from './cdp-history.json';
import { sampleName, stableHash } from './sample-people';

/** How many rows of each entity the seed created (zero for the ones it found already present). */
export interface SeedReport {
  created: Record<string, number>;
}

// ---------------------------------------------------------------------------
// The data file

interface HistoryEvent {
  kind: string;
  date: string;
  officiant?: string;
  officiantTitle?: string;
  audience?: string;
  virtual?: boolean;
}

interface HistoryCohort {
  label: string;
  status?: string;
  associates?: number;
  commenced?: string;
  placementMonths?: number;
  countries: string[];
  events?: HistoryEvent[];
  note?: string;
}

interface HistoryFile {
  programme: {
    code: string;
    name: string;
    formerName: string;
    launchedYear: number;
    organiser: string;
    partner: string;
    participantTitle: string;
    placementMonths: number;
    aims: string[];
    eligibility: string;
  };
  regions: { code: string; name: string }[];
  administrations: { iso2: string; name: string; region: string }[];
  cohorts: HistoryCohort[];
}

/** Checked against the file's shape at compile time. */
const data: HistoryFile = history;

const HEADQUARTERS = 'WCO Headquarters, Brussels';
const SEED_ACTOR = 'system:seed';
const DEMO_NOTE = 'Sample cohort created for demonstration; invitations and nominations are sample data.';

/** Entity names in the order the report lists them. */
const ENTITY_NAMES = [
  'Region',
  'Administration',
  'Programme',
  'Cohort',
  'Event',
  'ProfessionalAssociate',
  'ResearchProject',
  'ResearchTheme',
  'Certificate',
  'AlumniProfile',
  'Invitation',
  'Nomination',
] as const;
type EntityName = (typeof ENTITY_NAMES)[number];

// ---------------------------------------------------------------------------
// Deterministic sample content

const FRENCH = new Set(['BJ', 'BF', 'BI', 'CM', 'CD', 'GN', 'SN']);
const SPANISH = new Set(['CR', 'CU', 'EC', 'GT', 'MX', 'PY']);
const PORTUGUESE = new Set(['AO', 'CV', 'MZ', 'ST']);

/** Working languages of a sample associate: English plus the country's official language among fr/es/pt. */
function sampleLanguages(iso2: string): string[] {
  if (FRENCH.has(iso2)) return ['en', 'fr'];
  if (SPANISH.has(iso2)) return ['en', 'es'];
  if (PORTUGUESE.has(iso2)) return ['en', 'pt'];
  return ['en'];
}

/** Country names that read with a definite article inside a sentence. */
const WITH_ARTICLE = new Set(['CD', 'GM', 'MV', 'PH']);

function countryRef(iso2: string, name: string): string {
  return WITH_ARTICLE.has(iso2) ? `the ${name}` : name;
}

interface ResearchTopic {
  title: (country: string) => string;
  abstract: (country: string) => string;
  themes: string[];
}

/** Research topics of global importance to Customs; every text names the associate's country. */
const RESEARCH_TOPICS: ResearchTopic[] = [
  {
    title: (c) => `Cross-border e-commerce and small consignments: a clearance model for ${c}`,
    abstract: (c) =>
      `This research examines how the growth of low-value shipments from cross-border e-commerce affects revenue collection and border controls in ${c}. ` +
      'It reviews the WCO Cross-Border E-Commerce Framework of Standards and proposes advance electronic data, risk-based clearance and simplified procedures for small consignments.',
    themes: ['e-commerce', 'small consignments', 'risk management'],
  },
  {
    title: (c) => `Coordinated border management at land crossings: options for ${c}`,
    abstract: (c) =>
      `The study maps the agencies present at the main border crossings of ${c} and the duplication of controls between them. ` +
      'It recommends joint inspections, shared risk information and a lead-agency model drawn from WCO guidance on coordinated border management.',
    themes: ['coordinated border management', 'trade facilitation'],
  },
  {
    title: (c) => `Authorized Economic Operator programmes and mutual recognition: a roadmap for ${c}`,
    abstract: (c) =>
      `This paper assesses the Authorized Economic Operator programme of ${c} against the SAFE Framework of Standards. ` +
      'It identifies the steps towards mutual recognition arrangements with major trading partners and the benefits that would make the programme attractive to traders.',
    themes: ['aeo', 'mutual recognition', 'safe framework'],
  },
  {
    title: (c) => `Risk management and selectivity in cargo targeting: strengthening the approach in ${c}`,
    abstract: (c) =>
      `The research analyses how consignments are selected for physical inspection in ${c} and measures the hit rates of the current selectivity criteria. ` +
      'It proposes a complete risk management cycle, with feedback from inspection results and a central targeting function.',
    themes: ['risk management', 'targeting'],
  },
  {
    title: (c) => `Consistent tariff classification under the Harmonized System: advance rulings in ${c}`,
    abstract: (c) =>
      `This study reviews classification disputes and their causes in ${c}, with attention to the implementation of the latest HS amendments. ` +
      'It argues for an advance ruling system, the publication of classification decisions and training based on WCO classification opinions.',
    themes: ['harmonized system', 'classification', 'advance rulings'],
  },
  {
    title: (c) => `Customs valuation and transfer pricing: related-party transactions in ${c}`,
    abstract: (c) =>
      `The research examines how the Customs administration of ${c} verifies prices between related parties under the WTO Valuation Agreement. ` +
      'Drawing on the WCO Guide to Customs Valuation and Transfer Pricing, it proposes cooperation with the tax authority and the use of transfer pricing documentation.',
    themes: ['customs valuation', 'transfer pricing'],
  },
  {
    title: (c) => `Preferential rules of origin and the verification of origin: practice in ${c}`,
    abstract: (c) =>
      `This paper studies how preferential origin is claimed and verified for goods traded by ${c} under its trade agreements. ` +
      'It recommends risk-based verification, electronic certificates of origin and guidance for traders on origin self-certification.',
    themes: ['rules of origin', 'free trade agreements'],
  },
  {
    title: (c) => `Measuring clearance times: a Time Release Study for ${c}`,
    abstract: (c) =>
      `Using the WCO Time Release Study methodology, this research measures the time between the arrival of goods and their release at a main port of entry of ${c}. ` +
      'It identifies the stages where delays accumulate and sets out measures that would reduce average release times.',
    themes: ['time release study', 'trade facilitation', 'performance measurement'],
  },
  {
    title: (c) => `Towards a national single window: governance and data harmonization in ${c}`,
    abstract: (c) =>
      `The study reviews the electronic exchanges between Customs and the other border agencies of ${c}. ` +
      'It proposes a governance structure and a phased plan for a single window based on the WCO Data Model.',
    themes: ['single window', 'data model'],
  },
  {
    title: (c) => `Revenue leakage through undervaluation and misdeclaration: evidence from ${c}`,
    abstract: (c) =>
      `This research uses mirror trade statistics to estimate the revenue gap caused by undervaluation and misdeclaration of goods imported into ${c}. ` +
      'It identifies the most affected tariff lines and recommends targeted controls and post-clearance verification.',
    themes: ['revenue', 'mirror analysis'],
  },
  {
    title: (c) => `Integrity in Customs: applying the Revised Arusha Declaration in ${c}`,
    abstract: (c) =>
      `The paper assesses the integrity framework of the Customs administration of ${c} against the ten factors of the Revised Arusha Declaration. ` +
      'It recommends automation to reduce discretion, a code of conduct with clear sanctions and a regular integrity self-assessment.',
    themes: ['integrity', 'anti-corruption'],
  },
  {
    title: (c) => `Data analytics for Customs control: putting declaration data to work in ${c}`,
    abstract: (c) =>
      `This research explores how the declaration data held by the Customs administration of ${c} could support analytics for risk detection and revenue forecasting. ` +
      'It sets out the data quality, skills and governance needed and proposes a first set of analytical use cases.',
    themes: ['data analytics', 'risk management'],
  },
  {
    title: (c) => `Gender equality and diversity in Customs: an organizational assessment for ${c}`,
    abstract: (c) =>
      `Using the WCO Gender Equality Organizational Assessment Tool, this study reviews recruitment, promotion and working conditions in the Customs administration of ${c}. ` +
      'It proposes measures to improve gender balance at management level and at the border.',
    themes: ['gender equality', 'diversity', 'human resources'],
  },
  {
    title: (c) => `Green Customs: detecting environmental crime at the borders of ${c}`,
    abstract: (c) =>
      `The research examines trafficking in protected wildlife, ozone-depleting substances and hazardous waste through ${c}. ` +
      'It recommends risk indicators, cooperation with environmental agencies and participation in WCO enforcement operations.',
    themes: ['environmental crime', 'green customs', 'enforcement'],
  },
  {
    title: (c) => `Post-clearance audit as a tool for facilitation and compliance in ${c}`,
    abstract: (c) =>
      `This study evaluates the post-clearance audit function of ${c} and its link with risk management at the border. ` +
      'It proposes audit selection based on compliance risk and a shift of controls from clearance to audit, so that compliant traders obtain faster release.',
    themes: ['post-clearance audit', 'compliance'],
  },
  {
    title: (c) => `Sustaining Customs modernization: a capacity-building strategy for ${c}`,
    abstract: (c) =>
      `The paper reviews the technical assistance delivered to ${c} and the reasons some reforms were not sustained. ` +
      'Following the approach of the WCO Mercator Programme, it proposes a reform plan with national ownership, performance indicators and a network of national trainers.',
    themes: ['capacity building', 'customs modernization'],
  },
];

const DIRECTORATES = Object.values(Directorate);

const EVENT_TITLES: Record<EventKind, string> = {
  [EventKind.INVITATION]: 'Invitation',
  [EventKind.COMMENCEMENT]: 'Commencement',
  [EventKind.REPORTING_SESSION]: 'Reporting session',
  [EventKind.CERTIFICATE_CEREMONY]: 'Certificate ceremony',
  [EventKind.ALUMNI_REUNION]: 'Alumni reunion',
  [EventKind.WORKSHOP]: 'Workshop',
};

// ---------------------------------------------------------------------------
// Date helpers (all UTC)

const DAY_MS = 24 * 60 * 60 * 1000;

function utcInstant(date: string, time = '00:00:00'): Date {
  return new Date(`${date}T${time}.000Z`);
}

/**
 * Last day of a placement that starts on `startDate` and lasts `months`
 * months: the same day `months` months later, minus one day
 * (2013-09-18 + 10 months -> 2014-07-17). A MONTH-precision start is stored
 * as the 1st of its month, so the computation runs from the 1st and the
 * placement ends on the last day of the month before
 * (2011-09 + 10 months -> 2012-06-30). A day that does not exist in the
 * target month is clamped to that month's last day before subtracting.
 */
export function placementEndDate(startDate: string, months: number): string {
  const [year, month, day] = startDate.split('-').map(Number);
  const targetMonthIndex = month - 1 + months;
  const lastDayOfTarget = new Date(Date.UTC(year, targetMonthIndex + 1, 0)).getUTCDate();
  const sameDayLater = Date.UTC(year, targetMonthIndex, Math.min(day, lastDayOfTarget));
  return isoDate(new Date(sameDayLater - DAY_MS));
}

function earlier(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
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

function programmeDescription(p: HistoryFile['programme']): string {
  const aims = p.aims.length > 1 ? `${p.aims.slice(0, -1).join('; ')}; and ${p.aims[p.aims.length - 1]}` : p.aims.join('');
  return (
    `The ${p.name}, formerly the ${p.formerName}, was launched in ${p.launchedYear} by the ${p.organiser}, ` +
    `in partnership with ${p.partner}. Each year it brings a cohort of Customs officials to the Secretariat as ` +
    `${p.participantTitle}s for a placement of about ${p.placementMonths} months. The programme aims to ${aims}.`
  );
}

// ---------------------------------------------------------------------------
// The seed

export async function seed(dataSource: DataSource, clock: Clock, log: Logger): Promise<SeedReport> {
  const now = clock.now();
  const created = Object.fromEntries(ENTITY_NAMES.map((name) => [name, 0])) as Record<EntityName, number>;

  await dataSource.transaction(async (manager) => {
    const ensure = ensurer(manager, created);

    // Regions and administrations.
    const regionByCode = new Map<string, Region>();
    for (const r of data.regions) {
      if (!(Object.values(RegionCode) as string[]).includes(r.code)) throw new Error(`Unknown region code in seed data: ${r.code}`);
      const code = r.code as RegionCode;
      const { row } = await ensure(Region, 'Region', { code }, () => ({ code, name: r.name }));
      regionByCode.set(r.code, row);
    }

    const administrationByIso2 = new Map<string, Administration>();
    for (const a of data.administrations) {
      const region = regionByCode.get(a.region);
      if (!region) throw new Error(`Administration ${a.iso2} refers to unknown region ${a.region}`);
      const { row } = await ensure(Administration, 'Administration', { iso2: a.iso2 }, () => ({
        iso2: a.iso2,
        name: a.name,
        regionId: region.uuid,
        isEligible: true,
      }));
      administrationByIso2.set(a.iso2, row);
    }
    const administration = (iso2: string): Administration => {
      const found = administrationByIso2.get(iso2);
      if (!found) throw new Error(`Seed data refers to unknown administration ${iso2}`);
      return found;
    };

    // The programme.
    const p = data.programme;
    const { row: programme } = await ensure(Programme, 'Programme', { code: p.code }, () => ({
      code: p.code,
      name: p.name,
      formerName: p.formerName,
      organiser: p.organiser,
      partner: p.partner,
      launchedYear: p.launchedYear,
      placementMonths: p.placementMonths,
      description: programmeDescription(p),
      eligibility: p.eligibility,
    }));

    // Cohorts of the public record, their events and their (sample) associates.
    const newResearchIds: string[] = [];

    for (const source of data.cohorts) {
      const start = source.commenced ? parsePartialDate(source.commenced) : null;
      const months = source.placementMonths ?? programme.placementMonths;
      const { row: cohort } = await ensure(Cohort, 'Cohort', { programmeId: programme.uuid, label: source.label }, () => ({
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

        // Consecutive topics within a cohort, starting at a place fixed by its label: no topic repeats in a cohort.
        const topic = RESEARCH_TOPICS[(cohortOffset + index) % RESEARCH_TOPICS.length];
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
          const serial = `CDP-${ceremony.startsAt.getUTCFullYear()}-${String(index + 1).padStart(3, '0')}`;
          // An associate holds at most one valid certificate; one issued later through the API counts too.
          const valid = await manager.findOneBy(Certificate, { associateId: associate.uuid, revokedAt: IsNull() });
          if (!valid || valid.serial === serial) {
            await ensure(Certificate, 'Certificate', { serial }, () => ({
              associateId: associate.uuid,
              ceremonyId: ceremony.uuid,
              serial,
              issuedAt: ceremony.startsAt,
              signatoryName: ceremony.officiantName!,
              signatoryTitle: ceremony.officiantTitle!,
              signature: null,
              revokedAt: null,
              revocationReason: null,
            }));
          }
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

    await seedDemonstrationCohort(manager, programme, now, ensure);

    const total = Object.values(created).reduce((sum, n) => sum + n, 0);
    if (total > 0) {
      await manager.save(
        manager.create(AuditEntry, {
          actorId: null,
          actorLabel: SEED_ACTOR,
          requestId: null,
          operation: 'seed',
          entityType: 'Database',
          entityId: null,
          before: null,
          after: { ...created },
        }),
      );
    }
  });

  const total = Object.values(created).reduce((sum, n) => sum + n, 0);
  log.info({ created, total }, total > 0 ? 'seed: database seeded' : 'seed: nothing to do, database already seeded');
  return { created };
}

type Ensure = <T extends object>(
  entity: { new (): T },
  name: EntityName,
  where: FindOptionsWhere<NoInfer<T>>,
  values: () => DeepPartial<NoInfer<T>>,
) => Promise<{ row: T; isNew: boolean }>;

/** Finds a row by its natural key (`where`), or creates it from `values()` and counts it. */
function ensurer(manager: EntityManager, created: Record<EntityName, number>): Ensure {
  return async <T extends object>(
    entity: { new (): T },
    name: EntityName,
    where: FindOptionsWhere<NoInfer<T>>,
    values: () => DeepPartial<NoInfer<T>>,
  ) => {
    const repository = manager.getRepository(entity);
    const found = await repository.findOneBy(where);
    if (found) return { row: found, isNew: false };
    const row: T = await repository.save(repository.create(values()));
    created[name] += 1;
    return { row, isNew: true };
  };
}

/**
 * A sample cohort for the coming March's nomination round, so the nomination
 * workflow can be tried out. "Coming March" is March of the current UTC year
 * up to and including March, else March of the next year; the cohort is
 * labelled by the year Y of that March. Created only together with its
 * cohort: if a cohort with the label exists (seeded before, or a real one),
 * nothing is done for it.
 */
async function seedDemonstrationCohort(manager: EntityManager, programme: Programme, now: Date, ensure: Ensure): Promise<void> {
  const y = now.getUTCMonth() + 1 <= 3 ? now.getUTCFullYear() : now.getUTCFullYear() + 1;
  const label = `${y}-${y + 1}`;
  if (await manager.existsBy(Cohort, { programmeId: programme.uuid, label })) return;

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
  const latest = [...data.cohorts].reverse().find((c) => c.countries.length > 0);
  const latestCohort = latest ? await manager.findOneBy(Cohort, { programmeId: programme.uuid, label: latest.label }) : null;
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
}
