import { CRYPTOSUITE, signEddsaJcs2022, verifyEddsaJcs2022, xsdDateTime, type JsonObject, type KeyResolver, type ProofCheck, type Secured } from './data-integrity';
import { credentialUrls, type CredentialSettings } from './credential-settings';

/** Signs with the ring's current key, naming it by URL and kid; `created` comes from the caller's clock. */
export function signAsIssuer<T extends JsonObject>(document: T, settings: CredentialSettings, created: Date): Secured<T> {
  const key = settings.keys.current;
  return signEddsaJcs2022(
    document,
    {
      type: 'DataIntegrityProof',
      cryptosuite: CRYPTOSUITE,
      created: xsdDateTime(created),
      verificationMethod: credentialUrls(settings.publicUrl).verificationMethod(key.kid),
      proofPurpose: 'assertionMethod',
    },
    key.privateKey,
  );
}

/** Only our published keys (current or retired) verify: a verification method elsewhere is unknown. */
export function issuerKeyResolver(settings: CredentialSettings): KeyResolver {
  const prefix = `${credentialUrls(settings.publicUrl).keys}#`;
  return (verificationMethod) =>
    verificationMethod.startsWith(prefix) ? (settings.keys.find(verificationMethod.slice(prefix.length))?.publicKey ?? null) : null;
}

export function verifyAsIssuer(document: JsonObject, settings: CredentialSettings): ProofCheck {
  return verifyEddsaJcs2022(document, issuerKeyResolver(settings));
}
