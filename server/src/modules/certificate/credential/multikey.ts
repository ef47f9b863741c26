import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { base58, base64urlnopad } from '@scure/base';

/**
 * Ed25519 keys in the encodings Data Integrity uses: Multikey
 * (multibase base58btc 'z' of a multicodec-prefixed key, W3C Controlled
 * Identifiers 1.0) and JWK (OKP/Ed25519, RFC 8037).
 */
const ED25519_PUB = Uint8Array.of(0xed, 0x01);
const ED25519_PRIV = Uint8Array.of(0x80, 0x26);

/** Multibase base58btc: the 'z' prefix, then base58 with the Bitcoin alphabet. */
export function encodeBase58btc(bytes: Uint8Array): string {
  return `z${base58.encode(bytes)}`;
}

export function decodeBase58btc(value: string): Uint8Array {
  if (!value.startsWith('z')) throw new Error('not a multibase base58btc value (no "z" prefix)');
  return base58.decode(value.slice(1));
}

function withPrefix(prefix: Uint8Array, key: Uint8Array): string {
  return encodeBase58btc(Uint8Array.from([...prefix, ...key]));
}

function withoutPrefix(prefix: Uint8Array, multibase: string, what: string): Uint8Array {
  const bytes = decodeBase58btc(multibase);
  if (bytes.length !== prefix.length + 32 || bytes[0] !== prefix[0] || bytes[1] !== prefix[1]) {
    throw new Error(`not a multibase ${what} key`);
  }
  return bytes.slice(prefix.length);
}

/** 'z6Mk…': the raw 32-byte public key behind the 0xed01 multicodec prefix. */
export const publicKeyMultibase = (raw: Uint8Array): string => withPrefix(ED25519_PUB, raw);
export const rawFromPublicKeyMultibase = (multibase: string): Uint8Array => withoutPrefix(ED25519_PUB, multibase, 'Ed25519 public');
/** 'z3u2…': the 32-byte private key (seed) behind the 0x1300 multicodec prefix, as in the spec's test vectors. */
export const rawFromPrivateKeyMultibase = (multibase: string): Uint8Array => withoutPrefix(ED25519_PRIV, multibase, 'Ed25519 private');

/** The JWK members of an Ed25519 key: x is the public key, d the private one (both base64url). */
export interface Ed25519Jwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d?: string;
  kid?: string;
}

export function rawPublicKey(key: KeyObject): Uint8Array {
  const jwk = (key.type === 'public' ? key : createPublicKey(key)).export({ format: 'jwk' }) as Ed25519Jwk;
  return base64urlnopad.decode(jwk.x);
}

export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: base64urlnopad.encode(raw) }, format: 'jwk' });
}

/** The private key for a 32-byte seed and its public key (both raw). */
export function privateKeyFromRaw(seed: Uint8Array, publicRaw: Uint8Array): KeyObject {
  return createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: base64urlnopad.encode(publicRaw), d: base64urlnopad.encode(seed) },
    format: 'jwk',
  });
}
