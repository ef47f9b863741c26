/**
 * @cdp-hub/sdk: typed client for the CDP Hub GraphQL API.
 *
 * `createCdpClient` gives one typed method per operation; the generated
 * TypedDocumentNodes (`CohortDocument`, ...) work unchanged with Apollo
 * Client, urql and graphql-request.
 */
export { createCdpClient, type CdpClient, type CdpOperations } from './client.js';
export { CdpError, CdpGraphQLError, CdpNetworkError, CdpSocketClosedError, type CdpGraphQLErrorEntry, type CdpNetworkFailure } from './errors.js';
export {
  createCdpSubscriptions,
  type CdpSubscription,
  type CdpSubscriptions,
  type GraphQLWsClientLike,
  type SubscribePayloadLike,
  type SubscriptionSinkLike,
} from './subscriptions.js';
export type { ConnectionLike, ConnectionSelector, PageFetcher, PageVariables, RootConnectionNode } from './paginate.js';
export type { RetryOptions } from './retry.js';
export type { AbortSignalLike, CallOptions, CdpClientOptions, FetchLike, ResponseLike, TokenSource } from './transport.js';
export { CDP_ERROR_CODES, type CdpErrorCode } from './generated/error-codes.js';
export { canonicalizeJson } from './credentials/jcs.js';
export {
  verifyCertificateOffline,
  type CertificateKeys,
  type Ed25519PublicJwk,
  type MultikeyMethod,
  type OfflineVerification,
  type OfflineVerificationOptions,
  type OfflineVerificationReason,
} from './credentials/verify-offline.js';
export type { Sdk } from './generated/sdk.js';
export type { DocumentTypeDecoration, ResultOf, TypedDocumentNode, VariablesOf } from './typed-document-node.js';
export * from './generated/graphql.js';
export * as Schema from './generated/schema.js';
