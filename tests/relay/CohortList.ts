/**
 * Relay-compatibility fixture (compiled by tests/e2e/relay-compiler.test.ts, never executed):
 * a usePaginationFragment-style fragment over the root connection `Query.cohorts`.
 */
import { graphql } from './graphql';

export const cohortListQuery = graphql`
  query CohortListQuery($count: Int = 10, $cursor: String, $filter: CohortFilter) {
    ...CohortList_query @arguments(count: $count, cursor: $cursor, filter: $filter)
  }
`;

export const cohortListFragment = graphql`
  fragment CohortList_query on Query
  @argumentDefinitions(
    count: { type: "Int", defaultValue: 10 }
    cursor: { type: "String" }
    filter: { type: "CohortFilter" }
  )
  @refetchable(queryName: "CohortListPaginationQuery") {
    cohorts(first: $count, after: $cursor, filter: $filter, orderBy: { field: LABEL, direction: DESC })
      @connection(key: "CohortList_cohorts", filters: ["filter"]) {
      totalCount
      edges {
        node {
          id
          label
          status
          startDate
          programme {
            code
          }
          ...CohortAssociates_cohort
        }
      }
    }
  }
`;
