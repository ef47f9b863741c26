import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { signEddsaJcs2022, verifyEddsaJcs2022, type ProofOptions } from '../../server/src/modules/certificate/credential/data-integrity';
import {
  decodeBase58btc,
  privateKeyFromRaw,
  publicKeyFromRaw,
  publicKeyMultibase,
  rawFromPrivateKeyMultibase,
  rawFromPublicKeyMultibase,
  rawPublicKey,
} from '../../server/src/modules/certificate/credential/multikey';
import { encodeStatusList, isStatusSet, STATUS_LIST_SIZE } from '../../server/src/modules/certificate/credential/status-list';
import { SigningKeyRing } from '../../server/src/modules/certificate/credential/signing-keys';
import { TAMPERINGS, unsignedVector, VECTORS, vectorProofOptions } from '../support/eddsa-vectors';

const publicRaw = rawFromPublicKeyMultibase(VECTORS.keyPair.publicKeyMultibase);
const privateKey = privateKeyFromRaw(rawFromPrivateKeyMultibase(VECTORS.keyPair.privateKeyMultibase), publicRaw);
const vectorKey = () => publicKeyFromRaw(publicRaw);
const onlyTheVectorKey = (vm: string) => (vm === VECTORS.signed.proof.verificationMethod ? vectorKey() : null);
const sha256hex = (text: string) => createHash('sha256').update(text).digest('hex');

describe('eddsa-jcs-2022 on the server, against the W3C test vectors (w3c/vc-di-eddsa)', () => {
  it('decodes the vector key pair: the private key belongs to the public key', () => {
    expect(publicKeyMultibase(rawPublicKey(privateKey))).toBe(VECTORS.keyPair.publicKeyMultibase);
  });

  it('reproduces every intermediate value: canonical document and proof configuration, their hashes, the combined hash', () => {
    expect(canonicalize(unsignedVector())).toBe(VECTORS.canonicalDocument);
    expect(sha256hex(VECTORS.canonicalDocument)).toBe(VECTORS.documentHash);
    expect(canonicalize(VECTORS.proofConfig)).toBe(VECTORS.canonicalProofConfig);
    expect(sha256hex(VECTORS.canonicalProofConfig)).toBe(VECTORS.proofConfigHash);
    expect(VECTORS.proofConfigHash + VECTORS.documentHash).toBe(VECTORS.combinedHash);
  });

  it("signs the vector's credential with the vector's key and options to the vector's proofValue, byte for byte", () => {
    const signed = signEddsaJcs2022(unsignedVector(), vectorProofOptions() as ProofOptions, privateKey);
    expect(signed.proof.proofValue).toBe(VECTORS.proofValue);
    expect(Buffer.from(decodeBase58btc(signed.proof.proofValue)).toString('hex')).toBe(VECTORS.signatureHex);
    expect(signed).toEqual(VECTORS.signed);
  });

  it("accepts the vector's signed credential", () => {
    expect(verifyEddsaJcs2022(structuredClone(VECTORS.signed), onlyTheVectorKey)).toEqual({ verified: true });
  });

  it.each(TAMPERINGS)('rejects it when %s changes', (_field, tamper) => {
    const credential = structuredClone(VECTORS.signed);
    tamper(credential);
    expect(verifyEddsaJcs2022(credential, onlyTheVectorKey).verified).toBe(false);
  });

  it('rejects it under another key, and when the verification method is unknown', () => {
    const other = SigningKeyRing.generate().current.publicKey;
    expect(verifyEddsaJcs2022(structuredClone(VECTORS.signed), () => other)).toEqual({ verified: false, problem: 'BAD_SIGNATURE' });
    expect(verifyEddsaJcs2022(structuredClone(VECTORS.signed), () => null)).toEqual({ verified: false, problem: 'UNKNOWN_KEY' });
  });

  it('refuses to sign for another cryptosuite or with a created that is not an XML Schema dateTime', () => {
    expect(() => signEddsaJcs2022(unsignedVector(), { ...vectorProofOptions(), cryptosuite: 'eddsa-rdfc-2022' } as never, privateKey)).toThrow(/PROOF_GENERATION_ERROR/);
    expect(() => signEddsaJcs2022(unsignedVector(), { ...vectorProofOptions(), created: '24/02/2023' } as ProofOptions, privateKey)).toThrow(/PROOF_GENERATION_ERROR/);
  });
});

describe('the revocation bitstring (W3C Bitstring Status List)', () => {
  it('sets exactly the given bits, index 0 being the left-most bit of the first byte', () => {
    const encoded = encodeStatusList([0, 9, STATUS_LIST_SIZE - 1]);
    expect(encoded.startsWith('u')).toBe(true);
    const set = [0, 1, 8, 9, 10, STATUS_LIST_SIZE - 2, STATUS_LIST_SIZE - 1].filter((i) => isStatusSet(encoded, i));
    expect(set).toEqual([0, 9, STATUS_LIST_SIZE - 1]);
    const bytes = require('node:zlib').gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    expect(bytes.length).toBe(16 * 1024);
    expect([bytes[0], bytes[1]]).toEqual([0x80, 0x40]);
  });
});

describe('signing key rings', () => {
  it('round-trips through the key file format; the last key is current; retired keys may be public only', () => {
    const ring = SigningKeyRing.generate().rotated();
    const file = ring.toPrivateJwks();
    const reread = SigningKeyRing.fromJwks({ keys: [{ ...file.keys[0], d: undefined }, file.keys[1]] });
    expect(reread.keys.map((k) => k.kid)).toEqual(ring.keys.map((k) => k.kid));
    expect(reread.keys[0].privateKey).toBeNull();
    expect(reread.current.kid).toBe(ring.keys[1].kid);
    expect(reread.current.publicKeyMultibase).toMatch(/^z6Mk/);
  });

  it('refuses a file whose current key has no private half, or whose d belongs to another x', () => {
    const [a, b] = SigningKeyRing.generate().rotated().toPrivateJwks().keys;
    expect(() => SigningKeyRing.fromJwks({ keys: [a, { ...b, d: undefined }] })).toThrow(/current \(last\) signing key has no private key/);
    expect(() => SigningKeyRing.fromJwks({ keys: [{ ...a, d: b.d }] })).toThrow(/d does not belong to x/);
  });
});
