import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import { decodeBase58btc, encodeBase58btc } from './multikey';

/**
 * The `eddsa-jcs-2022` cryptosuite of W3C "Data Integrity EdDSA
 * Cryptosuites v1.0" (sections 3.3.1 to 3.3.6), step by step: the proof
 * configuration and the document without its proof are each canonicalised
 * with RFC 8785 JCS and hashed with SHA-256; Ed25519 signs
 * proofConfigHash || documentHash; proofValue is multibase base58btc.
 */
export const CRYPTOSUITE = 'eddsa-jcs-2022';

export type JsonObject = { [key: string]: unknown };

export interface ProofOptions {
  type: 'DataIntegrityProof';
  cryptosuite: typeof CRYPTOSUITE;
  created?: string;
  verificationMethod: string;
  proofPurpose: string;
  [key: string]: unknown;
}

export interface DataIntegrityProof extends ProofOptions {
  proofValue: string;
}

export type Secured<T extends JsonObject = JsonObject> = T & { proof: DataIntegrityProof };

/** XML Schema dateTimeStamp as Data Integrity shows it: UTC, whole seconds. */
export function xsdDateTime(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const XSD_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function jcs(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value has no JSON form');
  return text;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** Proof Configuration (3.3.5): the checks, then the canonical proof options. */
function canonicalProofConfig(options: JsonObject): string {
  if (options.type !== 'DataIntegrityProof' || options.cryptosuite !== CRYPTOSUITE) {
    throw new Error(`PROOF_GENERATION_ERROR: the proof is not a DataIntegrityProof of ${CRYPTOSUITE}`);
  }
  if (options.created !== undefined && (typeof options.created !== 'string' || !XSD_DATE_TIME.test(options.created))) {
    throw new Error('PROOF_GENERATION_ERROR: created is not an XML Schema dateTime');
  }
  return jcs(options);
}

/** Transformation (3.3.3) and Hashing (3.3.4): proofConfigHash || transformedDocumentHash. */
function hashData(unsecuredDocument: JsonObject, proofConfig: JsonObject): Buffer {
  return Buffer.concat([sha256(canonicalProofConfig(proofConfig)), sha256(jcs(unsecuredDocument))]);
}

/** Create Proof (3.3.1), with the proof attached to a copy of the document. */
export function signEddsaJcs2022<T extends JsonObject>(unsecuredDocument: T, options: ProofOptions, privateKey: KeyObject): Secured<T> {
  const { proof: _ignored, ...document } = unsecuredDocument as JsonObject;
  const proof: JsonObject = { ...options };
  if (document['@context'] !== undefined) proof['@context'] = document['@context'];
  const proofBytes = sign(null, hashData(document, proof), privateKey);
  return { ...(document as T), proof: { ...(proof as ProofOptions), proofValue: encodeBase58btc(proofBytes) } };
}

/** Finds the public key a proof's verificationMethod names, or null when it is not one we trust. */
export type KeyResolver = (verificationMethod: string) => KeyObject | null;

export type ProofCheck = { verified: true } | { verified: false; problem: 'NO_PROOF' | 'UNKNOWN_KEY' | 'MALFORMED' | 'BAD_SIGNATURE' };

const startsWith = (context: unknown, prefix: unknown): boolean => {
  const list = Array.isArray(context) ? context : [context];
  const head = Array.isArray(prefix) ? prefix : [prefix];
  return head.length <= list.length && head.every((value, i) => jcs(value) === jcs(list[i]));
};

/** Verify Proof (3.3.2). */
export function verifyEddsaJcs2022(securedDocument: JsonObject, resolveKey: KeyResolver): ProofCheck {
  const proof = securedDocument.proof as JsonObject | undefined;
  if (!proof || typeof proof !== 'object' || Array.isArray(proof)) return { verified: false, problem: 'NO_PROOF' };
  const { proof: _proof, ...unsecuredDocument } = securedDocument;
  const { proofValue, ...proofOptions } = proof;
  if (typeof proofValue !== 'string' || typeof proofOptions.verificationMethod !== 'string') return { verified: false, problem: 'MALFORMED' };
  if (proofOptions['@context'] !== undefined) {
    if (!startsWith(unsecuredDocument['@context'], proofOptions['@context'])) return { verified: false, problem: 'BAD_SIGNATURE' };
    unsecuredDocument['@context'] = proofOptions['@context'];
  }
  const publicKey = resolveKey(proofOptions.verificationMethod);
  if (!publicKey) return { verified: false, problem: 'UNKNOWN_KEY' };
  let data: Buffer;
  let proofBytes: Uint8Array;
  try {
    proofBytes = decodeBase58btc(proofValue);
    data = hashData(unsecuredDocument, proofOptions);
  } catch {
    return { verified: false, problem: 'MALFORMED' };
  }
  return verify(null, data, publicKey, proofBytes) ? { verified: true } : { verified: false, problem: 'BAD_SIGNATURE' };
}
