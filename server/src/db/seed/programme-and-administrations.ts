/** The programme itself and the regions and administrations of the public record. */
import { Administration } from '../../modules/administration/administration.entity';
import { Programme } from '../../modules/programme/programme.entity';
import { Region, RegionCode } from '../../modules/region/region.entity';
import type { Ensure } from './find-or-create';
import { history, type HistoryProgramme } from './history-file';

/** Looks up a seeded administration by its ISO code; unknown codes are an error in the seed data. */
export type AdministrationLookup = (iso2: string) => Administration;

export async function seedRegionsAndAdministrations(ensure: Ensure): Promise<AdministrationLookup> {
  const regionByCode = new Map<string, Region>();
  for (const r of history.regions) {
    if (!(Object.values(RegionCode) as string[]).includes(r.code)) throw new Error(`Unknown region code in seed data: ${r.code}`);
    const code = r.code as RegionCode;
    const { row } = await ensure(Region, 'Region', { code }, () => ({ code, name: r.name }));
    regionByCode.set(r.code, row);
  }

  const administrationByIso2 = new Map<string, Administration>();
  for (const a of history.administrations) {
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
  return (iso2: string): Administration => {
    const found = administrationByIso2.get(iso2);
    if (!found) throw new Error(`Seed data refers to unknown administration ${iso2}`);
    return found;
  };
}

export async function seedProgramme(ensure: Ensure): Promise<Programme> {
  const p = history.programme;
  const { row } = await ensure(Programme, 'Programme', { code: p.code }, () => ({
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
  return row;
}

function programmeDescription(p: HistoryProgramme): string {
  const aims = p.aims.length > 1 ? `${p.aims.slice(0, -1).join('; ')}; and ${p.aims[p.aims.length - 1]}` : p.aims.join('');
  return (
    `The ${p.name}, formerly the ${p.formerName}, was launched in ${p.launchedYear} by the ${p.organiser}, ` +
    `in partnership with ${p.partner}. Each year it brings a cohort of Customs officials to the Secretariat as ` +
    `${p.participantTitle}s for a placement of about ${p.placementMonths} months. The programme aims to ${aims}.`
  );
}
