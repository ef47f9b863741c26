/**
 * Relay-compatibility fixture (compiled by tests/e2e/relay-compiler.test.ts, never executed):
 * object lookup through `Query.node(id:)` / `Query.nodes(ids:)` with inline fragments, and a
 * useRefetchableFragment-style fragment whose refetch query goes through `node(id:)`.
 */
import { graphql } from './graphql';

export const nodeLookupQuery = graphql`
  query NodeLookupQuery($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on ProfessionalAssociate {
        fullName
        status
        cohort {
          label
        }
        research {
          ...NodeLookup_research
        }
      }
      ... on ResearchProject {
        title
        researchStatus: status
        associate {
          fullName
        }
      }
    }
  }
`;

export const nodeLookupManyQuery = graphql`
  query NodeLookupManyQuery($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      id
      ... on Cohort {
        label
      }
      ... on Administration {
        iso2
        name
      }
    }
  }
`;

export const nodeLookupResearchFragment = graphql`
  fragment NodeLookup_research on ResearchProject
  @refetchable(queryName: "NodeLookupResearchRefetchQuery") {
    title
    status
    themes
    publishedAt
  }
`;
