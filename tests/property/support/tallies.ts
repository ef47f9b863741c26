import fs from 'node:fs';

/** Accepted and refused runs per database and field, written to FUZZ_REPORT (a JSON file) for `npm run fuzz` to print. */
const tallies: Record<string, { accepted: number; refused: number }> = {};

export function tally(database: string, key: string, accepted: boolean): void {
  const entry = (tallies[`${database} ${key}`] ??= { accepted: 0, refused: 0 });
  if (accepted) entry.accepted++;
  else entry.refused++;
}

export function writeTallies(): void {
  const file = process.env.FUZZ_REPORT;
  if (!file) return;
  const previous = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as typeof tallies) : {};
  fs.writeFileSync(file, JSON.stringify({ ...previous, ...tallies }, null, 1));
}
