import fs from 'node:fs';
import type { Ed25519Jwk } from '../modules/certificate/credential/multikey';
import { keyFromJwk, type SigningKey } from '../modules/certificate/credential/signing-keys';

/**
 * The keys of a JWK set file, public halves only: checking signatures needs
 * no private key, so a set of public keys alone (a retired ring, a
 * fixture's) is accepted, unlike for signing.
 */
export function publicKeysFromFile(file: string): SigningKey[] {
  let json: { keys?: unknown };
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the key file ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!Array.isArray(json.keys)) throw new Error(`${file}: expected a JWK set {"keys": [...]}`);
  return json.keys.map((jwk: Partial<Ed25519Jwk> & { kid?: string }, i: number) => keyFromJwk({ ...jwk, d: undefined }, `${file}, key ${i + 1}`));
}
