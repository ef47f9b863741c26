import fs from 'node:fs';
import path from 'node:path';

const DIR = path.join(__dirname, '..', 'fixtures', 'vc-di-eddsa');
const text = (file: string) => fs.readFileSync(path.join(DIR, file), 'utf8').trim();
const json = (file: string) => JSON.parse(text(file));

/** The W3C eddsa-jcs-2022 test vectors (see tests/fixtures/vc-di-eddsa/README.md). */
export const VECTORS = {
  keyPair: json('keyPair.json') as { publicKeyMultibase: string; privateKeyMultibase: string },
  signed: json('signedJCS.json') as Record<string, any>,
  proofConfig: json('proofConfigJCS.json') as Record<string, any>,
  canonicalDocument: text('canonDocJCS.txt'),
  documentHash: text('docHashJCS.txt'),
  canonicalProofConfig: text('proofCanonJCS.txt'),
  proofConfigHash: text('proofHashJCS.txt'),
  combinedHash: text('combinedHashJCS.txt'),
  signatureHex: text('sigHexJCS.txt'),
  proofValue: text('sigBTC58JCS.txt'),
};

/** The vector's credential without its proof: what the issuer signed. */
export function unsignedVector(): Record<string, any> {
  const { proof: _proof, ...document } = structuredClone(VECTORS.signed);
  return document;
}

/** The vector's proof options: its proof without proofValue and without @context (signing adds the document's). */
export function vectorProofOptions(): Record<string, any> {
  const { proofValue: _value, '@context': _context, ...options } = structuredClone(VECTORS.signed.proof);
  return options;
}

/**
 * Single-field changes to a signed credential, each of which must break the
 * proof: top-level, nested, inside arrays, and the proof's own options.
 */
export const TAMPERINGS: Array<[string, (credential: Record<string, any>) => void]> = [
  ['name', (c) => (c.name = `${c.name}.`)],
  ['validFrom', (c) => (c.validFrom = '2023-01-02T00:00:00Z')],
  ['issuer', (c) => (c.issuer = typeof c.issuer === 'string' ? `${c.issuer}x` : { ...c.issuer, name: `${c.issuer.name}x` })],
  ['type (array order)', (c) => c.type.reverse()],
  ['credentialSubject (nested)', (c) => (c.credentialSubject = { ...c.credentialSubject, id: 'did:example:other' })],
  ['an added field', (c) => (c.extra = true)],
  ['a removed field', (c) => delete c.validFrom],
  ['proof.created', (c) => (c.proof.created = '2023-02-24T23:36:39Z')],
  ['proof.proofPurpose', (c) => (c.proof.proofPurpose = 'authentication')],
  ['proof.@context', (c) => (c.proof['@context'] = [c['@context'][0]])],
  ['proof.proofValue (one character)', (c) => (c.proof.proofValue = c.proof.proofValue.slice(0, -1) + (c.proof.proofValue.endsWith('X') ? 'Y' : 'X'))],
];
