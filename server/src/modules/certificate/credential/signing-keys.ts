import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { base64urlnopad } from '@scure/base';
import { readOrCreateSecretFile } from '../../../common/secret-file';
import { publicKeyMultibase, rawPublicKey, type Ed25519Jwk } from './multikey';

/** One Ed25519 key of the issuer; retired keys keep only their public half. */
export interface SigningKey {
  kid: string;
  publicKey: KeyObject;
  /** Null for a retired key whose private half was removed from the key file. */
  privateKey: KeyObject | null;
  /** 'z6Mk…' */
  publicKeyMultibase: string;
  publicJwk: Ed25519Jwk & { kid: string };
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url): the key id of a key that has none. */
function thumbprint(x: string): string {
  return createHash('sha256').update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x })).digest('base64url');
}

export function keyFromJwk(jwk: Partial<Ed25519Jwk>, where: string): SigningKey {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error(`${where}: not an OKP/Ed25519 JWK`);
  const privateKey = jwk.d ? createPrivateKey({ key: { ...jwk }, format: 'jwk' }) : null;
  const publicKey = privateKey ? createPublicKey(privateKey) : createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
  const raw = rawPublicKey(publicKey);
  if (base64urlnopad.encode(raw) !== jwk.x) throw new Error(`${where}: d does not belong to x`);
  const kid = jwk.kid ?? thumbprint(jwk.x);
  return { kid, publicKey, privateKey, publicKeyMultibase: publicKeyMultibase(raw), publicJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid } };
}

/**
 * The issuer's keys, oldest first; the last one signs new credentials.
 * Rotation appends a key: credentials signed with the earlier keys stay
 * verifiable because every key in the ring stays published.
 */
export class SigningKeyRing {
  readonly keys: readonly SigningKey[];

  constructor(keys: SigningKey[]) {
    if (!keys.length) throw new Error('the signing key ring is empty');
    if (!keys[keys.length - 1].privateKey) throw new Error('the current (last) signing key has no private key ("d")');
    if (new Set(keys.map((k) => k.kid)).size !== keys.length) throw new Error('two signing keys have the same kid');
    this.keys = keys;
  }

  get current(): SigningKey & { privateKey: KeyObject } {
    return this.keys[this.keys.length - 1] as SigningKey & { privateKey: KeyObject };
  }

  find(kid: string): SigningKey | undefined {
    return this.keys.find((k) => k.kid === kid);
  }

  /** A JWK set, `{ "keys": [...] }`: the key file's format. */
  static fromJwks(json: unknown, where = 'signing keys'): SigningKeyRing {
    const keys = (json as { keys?: unknown }).keys;
    if (!Array.isArray(keys)) throw new Error(`${where}: expected a JWK set {"keys": [...]}`);
    return new SigningKeyRing(keys.map((jwk, i) => keyFromJwk(jwk as Partial<Ed25519Jwk>, `${where}, key ${i + 1}`)));
  }

  /** A ring of one new key (development, tests). */
  static generate(): SigningKeyRing {
    return new SigningKeyRing([generateSigningKey()]);
  }

  /** This ring with a new current key appended (rotation). */
  rotated(): SigningKeyRing {
    return new SigningKeyRing([...this.keys, generateSigningKey()]);
  }

  /** The key file's content, private halves included: keep it secret. */
  toPrivateJwks(): { keys: Ed25519Jwk[] } {
    return { keys: this.keys.map((k) => (k.privateKey ? { ...(k.privateKey.export({ format: 'jwk' }) as Ed25519Jwk), kid: k.kid } : k.publicJwk)) };
  }
}

export function generateSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return keyFromJwk(privateKey.export({ format: 'jwk' }) as Ed25519Jwk, 'generated key');
}

export function readSigningKeyFile(file: string): SigningKeyRing {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the signing key file ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return SigningKeyRing.fromJwks(json, file);
}

export const DEVELOPMENT_KEY_FILE = 'cdp-signing-keys.json';

/**
 * The certificate signing keys: from CDP_SIGNING_KEY_FILE (required in
 * production, which configuration enforces), else generated once for
 * development and kept in `<dataDir>/cdp-signing-keys.json`, readable by
 * the owner only, like the token pepper.
 */
export function resolveSigningKeys(keyFile: string | undefined, dataDir: string): SigningKeyRing {
  if (keyFile) return readSigningKeyFile(keyFile);
  const file = path.join(dataDir, DEVELOPMENT_KEY_FILE);
  readOrCreateSecretFile(file, () => `${JSON.stringify(SigningKeyRing.generate().toPrivateJwks(), null, 2)}\n`);
  return readSigningKeyFile(file);
}
