/**
 * What one synthetic copy of the seeded programme consists of: the tables,
 * in foreign-key order, with the SQL that selects the source programme's rows
 * of each, and the per-copy changes that keep unique constraints satisfied.
 *
 * Every row is copied as stored, so dates, timestamps and booleans keep the
 * exact format the entities wrote (no value is re-encoded in JavaScript).
 */
import { sampleName } from '../sample-people';

export type Row = Record<string, unknown>;

/** The copy being written: its number (1-based) and its programme code. */
export interface CopyIdentity {
  number: number;
  code: string;
}

export interface TableCopy {
  table: string;
  /** Condition on the table's rows (alias `t`); `:programme` is the source programme's id. */
  where: string;
  /** Column values a copy must not share with its source, e.g. unique serials. */
  rewrite?: (row: Row, copy: CopyIdentity) => void;
}

export const SYNTHETIC_CODE_PREFIX = 'CDP-SYN-';

/** 4 digits keep every code and serial within their varchar lengths; see MAX_SCALE. */
export const MAX_SCALE = 9999;

export const syntheticCode = (number: number) => `${SYNTHETIC_CODE_PREFIX}${String(number).padStart(4, '0')}`;

const COHORTS = `SELECT "id" FROM "cohort" WHERE "programmeId" = :programme`;
const ASSOCIATES = `SELECT "id" FROM "professional_associate" WHERE "cohortId" IN (${COHORTS})`;
const RESEARCH = `SELECT "id" FROM "research_project" WHERE "associateId" IN (${ASSOCIATES})`;
const NOMINATIONS = `SELECT "id" FROM "nomination" WHERE "cohortId" IN (${COHORTS})`;
const ALUMNI = `SELECT "id" FROM "alumni_profile" WHERE "associateId" IN (${ASSOCIATES})`;

/**
 * The same generated person for the same source person within a copy, so a
 * selected nomination's candidate and the associate it created keep one name.
 */
const renamed = (copy: CopyIdentity, name: unknown) => sampleName(`${copy.code}:${String(name)}`);

/** Plus-addressing keeps the address valid and tells the copies apart; no unique constraint needs it. */
const readdressed = (copy: CopyIdentity, email: unknown) =>
  typeof email === 'string' ? email.replace('@', `+syn${String(copy.number).padStart(4, '0')}@`) : email;

/** A person of the copy: a generated name and a distinct e-mail address, in the table's own columns. */
const newPerson =
  (nameColumn: string, emailColumn: string) =>
  (row: Row, copy: CopyIdentity): void => {
    row[nameColumn] = renamed(copy, row[nameColumn]);
    row[emailColumn] = readdressed(copy, row[emailColumn]);
  };

export const PROGRAMME_COPY: TableCopy[] = [
  {
    table: 'programme',
    where: `t."id" = :programme`,
    rewrite: (row, copy) => {
      row.code = copy.code;
      row.name = `${String(row.name)} (synthetic copy ${copy.number})`;
    },
  },
  { table: 'cohort', where: `t."programmeId" = :programme` },
  { table: 'event', where: `t."programmeId" = :programme` },
  { table: 'invitation', where: `t."cohortId" IN (${COHORTS})` },
  { table: 'nomination', where: `t."cohortId" IN (${COHORTS})`, rewrite: newPerson('candidateFullName', 'candidateEmail') },
  // Reviewers are users, which are not copied: a copy's reviews keep their reviewer.
  { table: 'review', where: `t."nominationId" IN (${NOMINATIONS})` },
  { table: 'professional_associate', where: `t."cohortId" IN (${COHORTS})`, rewrite: newPerson('fullName', 'email') },
  { table: 'research_project', where: `t."associateId" IN (${ASSOCIATES})` },
  { table: 'research_theme', where: `t."researchProjectId" IN (${RESEARCH})` },
  { table: 'milestone', where: `t."researchProjectId" IN (${RESEARCH})` },
  {
    table: 'certificate',
    where: `t."associateId" IN (${ASSOCIATES})`,
    rewrite: (row, copy) => {
      // CDP-2024-007 becomes CDP-2024-007-S0001: unique, and at most 29 of the column's 40 characters.
      row.serial = `${String(row.serial)}-S${String(copy.number).padStart(4, '0')}`;
      // The signed credential covers the serial and the holder's name, which the copy changes, and its status-list
      // position is unique: copies are unsigned (verifyCertificate answers UNSIGNED) and hold no position.
      row.credential = null;
      row.statusListIndex = null;
    },
  },
  { table: 'alumni_profile', where: `t."associateId" IN (${ASSOCIATES})` },
  { table: 'alumni_activity', where: `t."alumniProfileId" IN (${ALUMNI})` },
  // The search index rows hold the same texts as the copied projects (see researchSearchIndex). SQLite's plain-words
  // and key rows are not copied but derived from these afterwards, under their rowids (see synthesize).
  { table: 'research_search', where: `t."researchProjectId" IN (${RESEARCH})` },
];
