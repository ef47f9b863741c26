import { decodeBase64url, decodeMultibase, gunzip } from './encodings.js';
import { canonicalizeJson } from './jcs.js';

/**
 * Offline verification of a CDP certificate credential: its eddsa-jcs-2022
 * Data Integrity proof (W3C "Data Integrity EdDSA Cryptosuites v1.0",
 * section 3.3.2) with WebCrypto's Ed25519, against keys the caller fetched
 * once (GET /.well-known/cdp-certificate-keys), and, given the revocation
 * status list credential (GET /credentials/status/<n>), whether it was revoked.
 * Nothing is fetched: the caller decides where keys and lists come from.
 */

type Json = Record<string, unknown>;

/** A Multikey verification method, as the keys document lists them. */
export interface MultikeyMethod {
  id: string;
  type: string;
  publicKeyMultibase: string;
}

/** An Ed25519 JWK, as the keys document's JWKS lists them. */
export interface Ed25519PublicJwk {
  kty: string;
  crv: string;
  x: string;
  kid?: string;
}

/**
 * Trusted public keys: the server's keys document as fetched (Multikey
 * verification methods and/or a JWKS), or any object with either list.
 */
export interface CertificateKeys {
  /** The document's URL; JWKS keys match a verificationMethod `<id>#<kid>`. */
  id?: string;
  verificationMethod?: MultikeyMethod[];
  keys?: Ed25519PublicJwk[];
}

export type OfflineVerificationReason =
  /** The proof holds and (when a status list was given) the certificate is not revoked. */
  | 'VALID'
  /** The credential carries no Data Integrity proof. */
  | 'UNSIGNED'
  /** The proof names a key that is not among the trusted keys. */
  | 'UNKNOWN_KEY'
  /** The proof does not hold: the credential or its proof was altered, or is not eddsa-jcs-2022. */
  | 'BAD_PROOF'
  /** The status list says the certificate was revoked. */
  | 'REVOKED'
  /** The status list given is not the certificate's, or its own proof does not hold. */
  | 'BAD_STATUS_LIST'
  /** The proof holds, but the credential's validFrom (the certificate ceremony) is after the verifier's clock. */
  | 'NOT_YET_VALID';

export interface OfflineVerification {
  isValid: boolean;
  reason: OfflineVerificationReason;
  /** True when a status list was given and read; false means revocation was not checked. */
  revocationChecked: boolean;
}

export interface OfflineVerificationOptions {
  /** The BitstringStatusListCredential the certificate's credentialStatus names, to check revocation. */
  statusList?: Json;
  /** The verifier's clock, compared with the credential's validFrom; the current time when omitted. */
  now?: Date;
}

const ED25519_PUB_PREFIX = [0xed, 0x01];
const XSD_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function rawKeyFor(verificationMethod: string, keys: CertificateKeys): Uint8Array<ArrayBuffer> | null {
  const method = keys.verificationMethod?.find((m) => m.id === verificationMethod);
  if (method) {
    if (method.type !== 'Multikey') return null;
    const bytes = decodeMultibase(method.publicKeyMultibase);
    if (bytes.length !== 34 || bytes[0] !== ED25519_PUB_PREFIX[0] || bytes[1] !== ED25519_PUB_PREFIX[1]) return null;
    return bytes.slice(2);
  }
  const hash = verificationMethod.indexOf('#');
  if (hash < 0 || (keys.id !== undefined && verificationMethod.slice(0, hash) !== keys.id)) return null;
  const jwk = keys.keys?.find((k) => k.kid === verificationMethod.slice(hash + 1));
  if (!jwk || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') return null;
  const raw = decodeBase64url(jwk.x);
  return raw.length === 32 ? raw : null;
}

async function sha256(text: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
}

function startsWith(context: unknown, prefix: unknown): boolean {
  const list = Array.isArray(context) ? context : [context];
  const head = Array.isArray(prefix) ? prefix : [prefix];
  return head.length <= list.length && head.every((value, i) => canonicalizeJson(value) === canonicalizeJson(list[i]));
}

/** Verify Proof (eddsa-jcs-2022): 'VALID' or why not. */
async function verifyProof(securedDocument: Json, keys: CertificateKeys): Promise<'VALID' | 'UNSIGNED' | 'UNKNOWN_KEY' | 'BAD_PROOF'> {
  const proof = securedDocument.proof;
  if (!isObject(proof)) return 'UNSIGNED';
  const { proof: _proof, ...unsecuredDocument } = securedDocument;
  const { proofValue, ...proofOptions } = proof;
  if (proofOptions.type !== 'DataIntegrityProof' || proofOptions.cryptosuite !== 'eddsa-jcs-2022') return 'BAD_PROOF';
  if (typeof proofValue !== 'string' || typeof proofOptions.verificationMethod !== 'string') return 'BAD_PROOF';
  if (proofOptions.created !== undefined && (typeof proofOptions.created !== 'string' || !XSD_DATE_TIME.test(proofOptions.created))) return 'BAD_PROOF';
  if (proofOptions['@context'] !== undefined) {
    if (!startsWith(unsecuredDocument['@context'], proofOptions['@context'])) return 'BAD_PROOF';
    unsecuredDocument['@context'] = proofOptions['@context'];
  }
  let raw: Uint8Array<ArrayBuffer> | null;
  let signature: Uint8Array<ArrayBuffer>;
  try {
    raw = rawKeyFor(proofOptions.verificationMethod, keys);
    if (!proofValue.startsWith('z')) return 'BAD_PROOF';
    signature = decodeMultibase(proofValue);
  } catch {
    return 'BAD_PROOF';
  }
  if (!raw) return 'UNKNOWN_KEY';
  const proofConfigHash = await sha256(canonicalizeJson(proofOptions));
  const documentHash = await sha256(canonicalizeJson(unsecuredDocument));
  const hashData = new Uint8Array(64);
  hashData.set(proofConfigHash, 0);
  hashData.set(documentHash, 32);
  const publicKey = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
  return (await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, signature, hashData)) ? 'VALID' : 'BAD_PROOF';
}

/** True when the status list, verified with the same keys, has the credential's revocation bit set. */
async function revoked(credential: Json, statusList: Json, keys: CertificateKeys): Promise<boolean | 'BAD_STATUS_LIST'> {
  if ((await verifyProof(statusList, keys)) !== 'VALID') return 'BAD_STATUS_LIST';
  const entries = Array.isArray(credential.credentialStatus) ? credential.credentialStatus : [credential.credentialStatus];
  const entry = entries.find(
    (e): e is Json => isObject(e) && e.type === 'BitstringStatusListEntry' && e.statusPurpose === 'revocation' && e.statusListCredential === statusList.id,
  );
  const subject = statusList.credentialSubject;
  if (!entry || !isObject(subject) || subject.statusPurpose !== 'revocation' || typeof subject.encodedList !== 'string') return 'BAD_STATUS_LIST';
  const index = Number(entry.statusListIndex);
  if (typeof entry.statusListIndex !== 'string' || !Number.isSafeInteger(index) || index < 0) return 'BAD_STATUS_LIST';
  let bits: Uint8Array;
  try {
    bits = await gunzip(decodeMultibase(subject.encodedList));
  } catch {
    return 'BAD_STATUS_LIST';
  }
  if (index >= bits.length * 8) return 'BAD_STATUS_LIST';
  // Index 0 is the left-most bit of the first byte (Bitstring Status List v1.0).
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

/** The credential's validity period has begun by `now`: no validFrom, or one not after it (an unreadable one never has). */
function hasStarted(credential: Json, now: Date): boolean {
  if (credential.validFrom === undefined) return true;
  if (typeof credential.validFrom !== 'string' || !XSD_DATE_TIME.test(credential.validFrom)) return false;
  return Date.parse(credential.validFrom) <= now.getTime();
}

/**
 * Verifies a certificate credential without calling the server. It is
 * VALID when its proof holds under the trusted keys, the status list (when
 * given) does not revoke it, and its validFrom has come by `options.now`.
 *
 * ```ts
 * const keys = await (await fetch(`${base}/.well-known/cdp-certificate-keys`)).json();
 * const statusList = await (await fetch(credential.credentialStatus.statusListCredential)).json();
 * const { isValid, reason } = await verifyCertificateOffline(credential, keys, { statusList });
 * ```
 */
export async function verifyCertificateOffline(
  credential: Json,
  keys: CertificateKeys,
  options: OfflineVerificationOptions = {},
): Promise<OfflineVerification> {
  const answer = (reason: OfflineVerificationReason, revocationChecked: boolean): OfflineVerification => ({
    isValid: reason === 'VALID',
    reason,
    revocationChecked,
  });
  const proof = await verifyProof(credential, keys);
  if (proof !== 'VALID') return answer(proof, false);
  const started = hasStarted(credential, options.now ?? new Date());
  if (!options.statusList) return answer(started ? 'VALID' : 'NOT_YET_VALID', false);
  const status = await revoked(credential, options.statusList, keys);
  if (status === 'BAD_STATUS_LIST') return answer(status, false);
  // As on the server, a revoked certificate is REVOKED whether or not its validity has begun.
  if (status) return answer('REVOKED', true);
  return answer(started ? 'VALID' : 'NOT_YET_VALID', true);
}
