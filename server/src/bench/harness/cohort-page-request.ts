import { readManifestOperations } from '../../graphql/persisted/manifest';
import { COHORT_PAGE_VARIABLES } from '../cohort-page-query';
import type { GraphQLRequest } from './graphql-post';

/** How the benchmark sends the cohort page: by hash alone (as the SDK does) or as its full text. */
export type DocumentsSent = 'hash' | 'text';

/**
 * The cohort page as the SDK sends it: the SDK's CohortPage operation (the
 * issue's query), a trusted document, so the production server
 * (TRUSTED_DOCUMENTS=only) runs it for the anonymous load generator.
 */
export function cohortPageRequest(documents: DocumentsSent): GraphQLRequest {
  const operation = readManifestOperations().find((o) => o.name === 'CohortPage');
  if (!operation) throw new Error('the SDK has no CohortPage operation: run `npm run codegen`');
  return documents === 'hash'
    ? { variables: COHORT_PAGE_VARIABLES, extensions: { persistedQuery: { version: 1, sha256Hash: operation.id } } }
    : { query: operation.body, variables: COHORT_PAGE_VARIABLES };
}
