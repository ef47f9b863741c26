/**
 * Relay-compatibility fixture (compiled by tests/e2e/relay-compiler.test.ts, never executed):
 * `Query.searchResearch` paginated with @connection; its required `query` argument is a filter
 * of the connection, so each search text gets its own connection record in the Relay store.
 */
import { graphql } from './graphql';

export const researchSearchQuery = graphql`
  query ResearchSearchQuery($query: String!, $count: Int = 20, $cursor: String) {
    ...ResearchSearch_query @arguments(query: $query, count: $count, cursor: $cursor)
  }
`;

export const researchSearchFragment = graphql`
  fragment ResearchSearch_query on Query
  @argumentDefinitions(
    query: { type: "String!" }
    count: { type: "Int", defaultValue: 20 }
    cursor: { type: "String" }
  )
  @refetchable(queryName: "ResearchSearchPaginationQuery") {
    searchResearch(query: $query, first: $count, after: $cursor)
      @connection(key: "ResearchSearch_searchResearch", filters: ["query"]) {
      totalCount
      edges {
        node {
          id
          title
          themes
          associate {
            fullName
          }
        }
      }
    }
  }
`;
