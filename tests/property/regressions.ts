/**
 * Values that once broke a field, kept as fixed cases: each runs first, on
 * every run of the property suite, before the generated ones. Keyed by
 * "<root field>.<input path>". The issue #14 findings are here; add a case
 * whenever a generated run finds a new one.
 */
export const REGRESSIONS: Record<string, unknown[]> = {
  // Row 1: an e-mail @IsEmail accepted and the EmailAddress scalar could not return.
  'createUser.email': ['josé-1@probe.example', 'rené-2@probe.example'],
  'updateUser.email': ['josé-1@probe.example'],
  'submitNomination.candidate.email': ['josé-1@probe.example'],
  // Row 2: NUL reached PostgreSQL.
  'cohort.label': ['A\u0000B'],
  'programme.code': ['A\u0000B'],
  'verifyCertificate.serial': ['CDP-2024-001\u0000'],
  'login.email': ['admin@cdp-hub.example\u0000'],
  'cohorts.after': ['A\u0000B'],
  'administrations.filter.nameContains': ['Gha\u0000na'],
  // Row 3: 150 × "a\uFE0F" passed a 200-character MaxLength (it counted graphemes) and overflowed varchar(200).
  'createUser.displayName': ['a\uFE0F'.repeat(150), '    '],
  'submitNomination.candidate.fullName': ['a\uFE0F'.repeat(150), '   '],
  'addMilestone.title': ['a\uFE0F'.repeat(150)],
  // Row 4: year 0 is out of PostgreSQL's range.
  'addMilestone.dueDate': ['0000-01-01'],
  'recordAlumniActivity.date': ['0000-01-01'],
  'createCohort.dates.invitationDate': ['0000-01-01'],
  // Found by the property suite: a date-time with an offset reads back in UTC (the suite once compared it with the Date itself).
  'scheduleEvent.startsAt': ['2026-01-09T12:00:00-12:00'],
  'rescheduleEvent.startsAt': ['2026-01-10T00:00:00.000Z'],
  // Row 5: blank or padded text was stored as "" or trimmed below its minimum.
  'submitNomination.candidate.position': [' \t '],
  'submitNomination.motivation': [`x${' '.repeat(60)}`],
};
