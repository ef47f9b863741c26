/**
 * The typed view of cdp-history.json, the public history of the WCO-Japan
 * Career Development Programme that the seed loads.
 */
import historyJson from './cdp-history.json';

export interface HistoryEvent {
  kind: string;
  date: string;
  officiant?: string;
  officiantTitle?: string;
  audience?: string;
  virtual?: boolean;
}

export interface HistoryCohort {
  label: string;
  status?: string;
  associates?: number;
  commenced?: string;
  placementMonths?: number;
  countries: string[];
  events?: HistoryEvent[];
  note?: string;
}

export interface HistoryProgramme {
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
}

export interface HistoryFile {
  programme: HistoryProgramme;
  regions: { code: string; name: string }[];
  administrations: { iso2: string; name: string; region: string }[];
  cohorts: HistoryCohort[];
}

/** Checked against the file's shape at compile time. */
export const history: HistoryFile = historyJson;
