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
  CEREMONY_NOT_FOUND: 'No event has the ID given as the certificate ceremony.',
  CEREMONY_NOT_CERTIFICATE_CEREMONY: 'Certificates are issued only at an event of kind CERTIFICATE_CEREMONY.',
  CEREMONY_OF_ANOTHER_COHORT: "The certificate ceremony belongs to another cohort than the associate's.",
  RESEARCH_NOT_PRESENTED: "The associate's research has not been PRESENTED or PUBLISHED yet (or there is none), so no certificate can be issued.",
  CERTIFICATE_EXISTS: 'The associate already holds a valid certificate; revoke it before issuing another.',
  CERTIFICATE_REFERENCE_REQUIRED: 'Name the certificate by exactly one of certificateId and serial.',
  CERTIFICATE_NOT_FOUND: 'No certificate has this ID or serial.',
  ALREADY_REVOKED: 'The certificate is revoked already.',
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
