import { DEMO_PASSWORD, DEMO_USERS } from '../db/seed/demo-users';
import { UserRole } from '../modules/user/user-role';

/**
 * The operations the playground opens with, one tab each. A test validates
 * every one against the built schema and runs it on the seeded database, so
 * they change with the schema instead of rotting.
 */
export interface ExampleOperation {
  /** The name of the tab's first operation: GraphiQL titles the tab with it. */
  name: string;
  /**
   * One operation, or several that are run in turn (GraphiQL asks which):
   * a look-up whose answer fills the IDs in the variables, then the mutation.
   */
  query: string;
  /** Shared by the tab's operations; each takes the ones it declares. */
  variables?: Record<string, unknown>;
  /** The demo user whose token the tab needs in the Headers editor; none: it works anonymously. */
  role?: UserRole;
}

/** What an example's variables hold until the user pastes an ID there (the server answers INVALID_ID). */
export const PASTE_ID = (from: string) => `<paste an id from ${from}>`;

export const EXAMPLE_OPERATIONS: readonly ExampleOperation[] = [
  {
    name: 'CohortPage',
    query: `# A cohort page: associates, administrations, events.
# Ctrl-Enter runs it; the book icon opens the docs.
# Signed in? Headers tab: {"Authorization": "Bearer <token>"}
query CohortPage($label: String!) {
  cohort(label: $label) {
    label
    status
    startDate
    endDate
    associates(first: 20) {
      totalCount
      nodes {
        fullName
        administration {
          name
          region {
            name
          }
        }
        research {
          title
        }
      }
    }
    events {
      kind
      title
      startsAt
      location
    }
  }
}
`,
    variables: { label: '2023-2024' },
  },
  {
    name: 'SearchResearch',
    query: `# Full-text search of published research, best first.
# The last word also matches word starts: try "valu".
query SearchResearch($query: String!) {
  searchResearch(query: $query, first: 10) {
    totalCount
    nodes {
      title
      themes
      associate {
        fullName
        cohort {
          label
        }
      }
    }
  }
}
`,
    variables: { query: 'customs' },
  },
  {
    name: 'VerifyCertificate',
    query: `# Is a certificate genuine, and still valid?
query VerifyCertificate($serial: String!) {
  verifyCertificate(serial: $serial) {
    isValid
    reason
    certificate {
      serial
      issuedAt
      signatoryName
      signatoryTitle
      associate {
        fullName
        administration {
          name
        }
      }
      ceremony {
        title
        startsAt
      }
    }
  }
}
`,
    variables: { serial: 'CDP-2024-001' },
  },
  {
    name: 'ProgrammeStatistics',
    query: `# The programme in numbers.
query ProgrammeStatistics {
  programmeStatistics {
    totalCohorts
    completedCohorts
    totalAssociates
    administrationsRepresented
    regionsRepresented
    byRegion {
      region {
        name
      }
      associateCount
    }
    topThemes {
      theme
      researchCount
    }
  }
}
`,
  },
  {
    name: 'OpenCohorts',
    role: UserRole.FOCAL_POINT,
    query: `# Nominate a candidate, as the demo FOCAL_POINT.
# Sign in with the SignIn tab, its e-mail changed to focal.point@cdp-hub.example,
# and paste that token in Headers: {"Authorization": "Bearer <token>"}.
# 1. Run OpenCohorts: the demonstration programme (CDP-DEMO, sample data) has a
#    cohort open for nominations, and the focal point's administration is
#    invited to it.
# 2. Copy the cohort's id into "cohortId" below and run Nominate. A focal point
#    nominates for its own administration only. The same e-mail twice answers
#    CANDIDATE_ALREADY_NOMINATED: change it to nominate another candidate.
query OpenCohorts {
  viewer {
    administration {
      name
    }
  }
  cohorts(first: 1, filter: { programmeCode: "CDP-DEMO", statusIn: [NOMINATIONS_OPEN] }, orderBy: { field: LABEL, direction: DESC }) {
    nodes {
      id
      label
      nominationDeadline
    }
  }
}

mutation Nominate($input: SubmitNominationInput!) {
  submitNomination(input: $input) {
    nomination {
      id
      status
      candidateFullName
      administration {
        name
      }
      cohort {
        label
      }
    }
    userErrors {
      code
      field
      message
    }
  }
}
`,
    variables: {
      input: {
        cohortId: PASTE_ID('OpenCohorts'),
        candidate: {
          fullName: 'Sample Candidate',
          email: 'sample.candidate@example.org',
          position: 'Senior Customs Officer',
          yearsOfService: 7,
          languages: ['en', 'fr'],
        },
        motivation: 'The administration nominates this officer to research risk management at the WCO Secretariat.',
      },
    },
  },
  {
    name: 'RankNominations',
    role: UserRole.ADMIN,
    query: `# Decide on a nomination, as the demo ADMIN (the SignIn tab's token in Headers).
# 1. Run RankNominations: undecided nominations, best mean review score first.
# 2. Decisions are taken while the cohort is in SELECTION; the demonstration
#    cohort is still NOMINATIONS_OPEN. Copy its id (cohort.id) into "cohortId"
#    and run CloseNominations: closeEarly, since its deadline has not passed.
#    Nominations for it are then closed (Nominate answers NOMINATIONS_CLOSED)
#    until the database is seeded afresh.
# 3. Copy a nomination's id into "nominationId" and run Shortlist. From
#    SHORTLISTED, decision SELECTED creates the Professional Associate.
query RankNominations {
  nominations(first: 10, filter: { statusIn: [SUBMITTED, SHORTLISTED] }, orderBy: { field: MEAN_SCORE, direction: DESC }) {
    nodes {
      id
      candidateFullName
      status
      meanScore
      reviewCount
      administration {
        name
      }
      cohort {
        id
        label
        status
      }
    }
  }
}

mutation CloseNominations($cohortId: ID!) {
  transitionCohort(input: { cohortId: $cohortId, to: SELECTION, closeEarly: true }) {
    cohort {
      label
      status
    }
    userErrors {
      code
      field
      message
    }
  }
}

mutation Shortlist($nominationId: ID!) {
  decideNomination(input: { nominationId: $nominationId, decision: SHORTLISTED }) {
    nomination {
      candidateFullName
      status
    }
    userErrors {
      code
      field
      message
    }
  }
}
`,
    variables: { cohortId: PASTE_ID('RankNominations: cohort.id'), nominationId: PASTE_ID('RankNominations') },
  },
  {
    name: 'CertificateCandidates',
    role: UserRole.ADMIN,
    query: `# Award a certificate, as the demo ADMIN (the SignIn tab's token in Headers).
# It needs research PRESENTED (or PUBLISHED) and no valid certificate yet,
# and a CERTIFICATE_CEREMONY of the associate's own cohort that has started
# (startsAt by the server clock). A fresh seed has
# no such associate (each seeded one holds a certificate): walk a year first
# (docs/workflows.md, "Running a programme year").
# 1. Run CertificateCandidates: presented research, its associate's id and
#    the events of their cohort.
# 2. Copy the associate's id and the ceremony's id below and run
#    IssueCertificate. Anyone can then check it with VerifyCertificate, or
#    download it as a credential at /certificates/<serial>.json; pdfUrl is
#    the printable certificate and verificationUrl the public page its QR
#    code opens.
query CertificateCandidates {
  researchProjects(first: 10, filter: { statusIn: [PRESENTED] }) {
    nodes {
      title
      associate {
        id
        fullName
        certificates {
          serial
          isValid
          pdfUrl
          verificationUrl
        }
        cohort {
          label
          events {
            id
            kind
            startsAt
          }
        }
      }
    }
  }
}

mutation IssueCertificate($input: IssueCertificateInput!) {
  issueCertificate(input: $input) {
    certificate {
      serial
      issuedAt
      isValid
      pdfUrl
      verificationUrl
    }
    userErrors {
      code
      field
      message
    }
  }
}
`,
    variables: {
      input: {
        associateId: PASTE_ID('CertificateCandidates'),
        ceremonyId: PASTE_ID('CertificateCandidates: a CERTIFICATE_CEREMONY'),
        signatoryName: 'Ian Saunders',
        signatoryTitle: 'Secretary General',
      },
    },
  },
  {
    name: 'LiveNominations',
    query: `# Live updates over WebSocket (the playground connects to ws://…/graphql).
# Signed in as the demo FOCAL_POINT (Headers tab, see SignIn), run
# OpenCohortsToWatch, paste a cohort id into the variables, then run
# LiveNominations: it stays open. Submit a nomination in the OpenCohorts
# tab and it arrives here. A focal point hears of its own administration's
# nominations only; Notifications shows what you would be e-mailed.
subscription LiveNominations($cohortId: ID!) {
  nominationChanged(cohortId: $cohortId) {
    eventType
    occurredAt
    nomination {
      candidateFullName
      status
      administration {
        name
      }
    }
  }
}

query OpenCohortsToWatch {
  cohorts(filter: { statusIn: [NOMINATIONS_OPEN] }, first: 5) {
    nodes {
      id
      label
    }
  }
}

subscription Notifications {
  viewerNotifications {
    eventType
    subject
    paragraphs
  }
}
`,
    variables: { cohortId: PASTE_ID('OpenCohortsToWatch') },
    role: UserRole.FOCAL_POINT,
  },
  {
    name: 'FocalPointAdministrations',
    role: UserRole.ADMIN,
    query: `# Invite a user, as the demo ADMIN (the SignIn tab's token in Headers):
# CDP Hub creates the account without a password and mails the person a
# one-time link to choose one (acceptInvitation); nobody else ever knows it.
# Without MAIL_URL the letter lands in the development mailbox, /dev/mailbox.
# 1. Run FocalPointAdministrations and copy the id of the administration the
#    new focal point acts for (a REVIEWER or an ADMIN needs none: leave
#    administrationId out and change the role).
# 2. Paste it below, set the person's e-mail and name, and run InviteUser.
#    invitationPending stays true until the link is used; resendInvitation
#    sends a new link (the old one stops working).
query FocalPointAdministrations {
  administrations(first: 20, filter: { isEligible: true }) {
    nodes {
      id
      iso2
      name
    }
  }
}

mutation InviteUser($input: InviteUserInput!) {
  inviteUser(input: $input) {
    invitationExpiresAt
    user {
      id
      email
      role
      invitationPending
      administration {
        name
      }
    }
    userErrors {
      code
      field
      message
    }
  }
}
`,
    variables: {
      input: {
        email: 'new.focal.point@customs.example',
        displayName: 'New Focal Point',
        role: 'FOCAL_POINT',
        preferredLanguage: 'FR',
        administrationId: PASTE_ID('FocalPointAdministrations'),
      },
    },
  },
  {
    // Last, so the cohort page stays the tab the playground opens on. The
    // credentials are the development seed's demo ADMIN: production refuses
    // to start while demo users are active, so there they simply fail.
    name: 'SignIn',
    query: `# Sign in (the demo ADMIN of the development seed; see docs/security.md).
# Run it, copy "token" from the result, open the Headers tab below and paste:
#   {"Authorization": "Bearer <token>"}
# Every tab then runs as that user, e.g. { viewer { email role } }.
# The token lasts SESSION_TTL_HOURS (12 h); logout ends it sooner.
mutation SignIn($input: LoginInput!) {
  login(input: $input) {
    token
    expiresAt
    user {
      displayName
      email
      role
    }
    userErrors {
      code
      field
      message
    }
  }
}
`,
    variables: { input: { email: DEMO_USERS.ADMIN.email, password: DEMO_PASSWORD } },
  },
];

/** What a new tab ("+") starts with. */
export const NEW_TAB_QUERY = `# Ctrl-Space completes, Ctrl-Enter runs.
# The book icon opens the docs of every type and field.
{
  programme(code: "WCO-JAPAN-CDP") {
    name
    launchedYear
  }
}
`;
