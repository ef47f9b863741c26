/**
 * Relay-compatibility fixture (compiled by tests/e2e/relay-compiler.test.ts, never executed):
 * a nested, bidirectional connection (`Cohort.associates`) in a @refetchable fragment on a Node
 * type, for which relay-compiler generates a refetch query through `Query.node(id:)`.
 */
import { graphql } from './graphql';

export const cohortAssociatesFragment = graphql`
  fragment CohortAssociates_cohort on Cohort
  @argumentDefinitions(
    first: { type: "Int", defaultValue: 5 }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
  )
  @refetchable(queryName: "CohortAssociatesPaginationQuery") {
    label
    associates(first: $first, after: $after, last: $last, before: $before)
      @connection(key: "CohortAssociates_associates") {
      totalCount
      edges {
        node {
          id
          fullName
          status
          administration {
            iso2
            name
          }
        }
      }
    }
  }
`;
