import { DEMO_PASSWORD, DEMO_USERS } from '../db/seed/demo-users';

/**
 * The operations the playground opens with, one tab each. A test validates
 * every one against the built schema and runs it on the seeded database, so
 * they change with the schema instead of rotting.
 */
export interface ExampleOperation {
  /** The operation's name: GraphiQL titles the tab with it. */
  name: string;
  query: string;
  variables?: Record<string, unknown>;
}

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
    // Last, so the cohort page stays the tab the playground opens on. The
    // credentials are the development seed's demo ADMIN: production refuses
    // to start while demo users are active, so there they simply fail.
    name: 'SignIn',
    query: `# Sign in (the demo ADMIN of the development seed; see the README).
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
