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
  COHORT_NOT_FOUND: 'No cohort has this ID.',
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
