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
  PROGRAMME_NOT_FOUND: 'No programme has this ID or code.',
  PROGRAMME_MISMATCH: 'The input names two different programmes (by ID and by code, or a cohort of another programme); name one, or leave the code out.',
  COHORT_NOT_FOUND: 'No cohort has this ID.',
  COHORT_LABEL_INVALID: 'A cohort label names two consecutive years, e.g. "2027-2028".',
  COHORT_LABEL_TAKEN: 'The programme already has a cohort with this label.',
  CAPACITY_OUT_OF_RANGE: 'A cohort takes from 1 to 50 associates.',
  DATES_OUT_OF_ORDER: 'A date is not after the one it must follow: a cohort’s invitationDate < nominationDeadline < selectionDate < notificationDate < startDate < endDate, or an end date before its start date.',
  INVALID_TRANSITION: 'The cohort cannot move to this status from its current one: statuses move forward one step at a time (PLANNED, NOMINATIONS_OPEN, SELECTION, IN_PROGRESS, COMPLETED), or to CANCELLED before COMPLETED; COMPLETED and CANCELLED are final.',
  COHORT_INCOMPLETE: 'The cohort has no capacity or misses one of its six dates, which it needs before it opens for nominations and later.',
  DEADLINE_NOT_PASSED: 'The nomination deadline has not passed yet; pass closeEarly: true to close nominations before it.',
  PLACEMENTS_OPEN: 'Some associates of the cohort still have a placement that is neither COMPLETED nor WITHDRAWN; the message says how many.',
  COHORT_NOT_INVITING: 'Invitations go out only while the cohort is PLANNED or NOMINATIONS_OPEN.',
  INVITEES_UNSPECIFIED: 'Give either administrationIds (at least one) or allEligible: true, not both and not neither.',
  TOO_MANY_INVITEES: 'One call invites at most 60 administrations by ID; use allEligible: true to invite them all.',
  EVENT_NOT_FOUND: 'No event has this ID.',
  EVENT_CANCELLED: 'The event is cancelled: it takes no presentations or certificates, and cannot be rescheduled or cancelled again.',
  EVENT_OUTSIDE_COHORT: 'The event does not fall within its cohort’s year: no cohort event before the invitation date, and no reporting session or certificate ceremony before the start date.',
  EVENT_HAS_RECORDS: 'Certificates were issued or research was presented at this event, so it cannot be cancelled.',
  COHORT_CANCELLED: 'The cohort is cancelled: no events are scheduled for it.',
  COHORT_EVENTS_FULL: 'The cohort has 50 events already, the most a cohort holds.',
  COHORT_NOT_RUNNING: 'The associate’s cohort is not in SELECTION or IN_PROGRESS, so placements cannot be assigned.',
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
  EVENT_NOT_REPORTING_SESSION: 'The event is not a REPORTING_SESSION.',
  EVENT_OF_ANOTHER_COHORT: 'The event belongs to another cohort than the associate’s.',
  DATE_IN_FUTURE: 'The date is after today; record what has happened only.',
  NOMINATION_NOT_FOUND: 'No nomination has this ID.',
  NOMINATING_ADMINISTRATION_REQUIRED: 'An ADMIN submitting a nomination must name the nominating administration (administrationId).',
  NOMINATIONS_CLOSED: 'The cohort does not take nominations: it is not NOMINATIONS_OPEN.',
  DEADLINE_PASSED: "The cohort's nomination deadline has passed; nominations are accepted until the end of that day (UTC).",
  NOT_INVITED: 'The administration was not invited to nominate for this cohort.',
  ADMINISTRATION_NOT_ELIGIBLE: 'The administration is not eligible for the programme (only developing-country WCO Members are).',
  CANDIDATE_ALREADY_NOMINATED: 'The candidate (by e-mail, ignoring case) already has an active nomination for this cohort.',
  ALREADY_WITHDRAWN: 'The nomination is withdrawn already.',
  ALREADY_DECIDED: 'The nomination has a decision (selected, reserve or not selected) and can no longer be withdrawn.',
  SCORE_OUT_OF_RANGE: 'A review score must be a whole number from 1 to 5.',
  NOMINATION_WITHDRAWN: 'The nomination was withdrawn; it can no longer be reviewed or decided.',
  REVIEW_CLOSED: 'Reviews are closed for this nomination: it is decided, or its cohort is neither NOMINATIONS_OPEN nor SELECTION.',
  TOO_MANY_REVIEWS: 'The nomination has the most reviews it may have (20); existing reviews can still be edited.',
  COHORT_NOT_IN_SELECTION: 'Decisions are taken only while the cohort is in SELECTION.',
  INVALID_DECISION: "The decision is not a next step from the nomination's status (SUBMITTED to SHORTLISTED or NOT_SELECTED; SHORTLISTED to SELECTED, RESERVE or NOT_SELECTED; RESERVE to SELECTED or NOT_SELECTED).",
  COHORT_FULL: "Selecting would exceed the cohort's capacity: every seat is taken by an associate who has not withdrawn.",
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
