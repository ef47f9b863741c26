import { registerEnumType } from 'type-graphql';

/**
 * Every business or validation failure a mutation can report in
 * `userErrors`. Clients switch on these; the descriptions are the
 * documentation (the schema test requires one for each value).
 */
export const USER_ERROR_CODES = {
  INVALID_VALUE: 'A field has a value of the wrong form (see the message), e.g. an empty name or a malformed e-mail.',
  INVALID_ID: 'A field holds a global ID that is malformed or names another type of object.',
  PASSWORD_TOO_SHORT: 'The new password has fewer than 12 characters.',
  PASSWORD_TOO_LONG: 'The new password has more than 128 characters.',
  PASSWORD_TOO_COMMON: 'The new password is in a list of common passwords; choose a less guessable one.',
  PASSWORD_UNCHANGED: 'The new password is the same as the current one.',
  INVALID_CREDENTIALS: 'The e-mail and password do not match an active account. Unknown e-mails get the same answer.',
  TOO_MANY_ATTEMPTS: 'Too many failed sign-ins from this address or for this account; retry after the seconds in the message (also in the Retry-After header).',
  CURRENT_PASSWORD_INCORRECT: 'The current password given to confirm the change is wrong.',
  EMAIL_TAKEN: 'Another user already signs in with this e-mail.',
  USER_NOT_FOUND: 'No user has this ID.',
  USER_INACTIVE: 'The user is deactivated already.',
  ADMINISTRATION_REQUIRED: 'A FOCAL_POINT must be linked to the administration it acts for.',
  ASSOCIATE_REQUIRED: 'An ASSOCIATE user must be linked to its Professional Associate record.',
  LINK_NOT_ALLOWED: 'The role cannot be linked to this kind of record: only a FOCAL_POINT has an administration and only an ASSOCIATE an associate.',
  ADMINISTRATION_NOT_FOUND: 'No administration has this ID.',
  ASSOCIATE_NOT_FOUND: 'No Professional Associate has this ID.',
  ASSOCIATE_ALREADY_LINKED: 'Another user is already linked to this Professional Associate.',
  LAST_ADMIN: 'The change would leave CDP Hub without an active ADMIN.',
  COHORT_NOT_RUNNING: 'The associate’s cohort is not in SELECTION or IN_PROGRESS, so placements cannot be assigned.',
  DATES_OUT_OF_ORDER: 'An end date is before its start date.',
  DATES_OUTSIDE_COHORT: 'The placement’s dates fall outside the cohort’s startDate..endDate.',
  PLACEMENT_CLOSED: 'The associate’s placement is COMPLETED or WITHDRAWN already; it can no longer change.',
  PLACEMENT_NOT_ACTIVE: 'Only an ACTIVE placement can be completed; an ASSIGNED one can only be withdrawn.',
  PLACEMENT_NOT_COMPLETED: 'Alumni records exist only once the associate’s placement is COMPLETED.',
  ASSOCIATE_ID_REQUIRED: 'The caller has no associate record of its own, so the associate must be named (associateId).',
  RESEARCH_NOT_FOUND: 'No research project has this ID.',
  RESEARCH_EXISTS: 'The associate already has a research project; each associate carries out one.',
  RESEARCH_LOCKED: 'The research is past the stage at which this change is allowed (see the message for its status).',
  INVALID_RESEARCH_STATUS: 'The research is not in the status this step starts from; the message names its current status.',
  MILESTONE_NOT_FOUND: 'No milestone has this ID.',
  TOO_MANY_MILESTONES: 'The research has 50 milestones, the most one project may have.',
  MILESTONE_ALREADY_COMPLETED: 'The milestone was completed already.',
  MILESTONES_OPEN: 'Some milestones of the research are not completed; complete them before submitting.',
  NO_MILESTONES: 'The research has no milestones; at least one completed milestone is needed before submitting.',
  EVENT_NOT_FOUND: 'No event has this ID.',
  EVENT_NOT_REPORTING_SESSION: 'The event is not a REPORTING_SESSION.',
  EVENT_OF_ANOTHER_COHORT: 'The event belongs to another cohort than the associate’s.',
  DATE_IN_FUTURE: 'The date is after today; record what has happened only.',
} as const;

export type UserErrorCodeName = keyof typeof USER_ERROR_CODES;

export const UserErrorCode = Object.fromEntries(Object.keys(USER_ERROR_CODES).map((k) => [k, k])) as {
  readonly [K in UserErrorCodeName]: K;
};
export type UserErrorCode = UserErrorCodeName;

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a mutation refused its input. Each value is one rule; the message says it in words for people.',
  valuesConfig: Object.fromEntries(Object.entries(USER_ERROR_CODES).map(([k, description]) => [k, { description }])),
});
