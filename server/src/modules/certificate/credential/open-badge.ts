import { credentialUrls, type CredentialSettings } from './credential-settings';
import { xsdDateTime, type JsonObject } from './data-integrity';

/**
 * A CDP certificate as a W3C Verifiable Credential 2.0 of type
 * OpenBadgeCredential (1EdTech Open Badges 3.0 data model).
 */
export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OPEN_BADGES_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

/** The issuer: the WCO Secretariat, which runs the programme. */
export function issuerProfile(settings: CredentialSettings): JsonObject {
  return {
    id: credentialUrls(settings.publicUrl).issuer,
    type: ['Profile'],
    name: 'World Customs Organization (WCO) Secretariat',
    url: 'https://www.wcoomd.org',
    description: 'The WCO Secretariat in Brussels runs the WCO-Japan Career Development Programme with Japan Customs.',
  };
}

/** What a certificate credential states; everything comes from the database row and its relations. */
export interface CertificateFacts {
  serial: string;
  /** The certificate ceremony: the credential is valid from then. */
  ceremonyAt: Date;
  holderName: string;
  administration: { name: string; iso2: string };
  cohortLabel: string;
  signatoryName: string;
  signatoryTitle: string;
  /** The title of the holder's research project, presented before the certificate is issued. */
  researchTitle: string;
  /** Where the ceremony took place; null when it was held online or its place is not recorded. */
  ceremonyPlace: string | null;
  /** The certificate's status index (see status-list.ts). */
  statusEntry: JsonObject;
}

export function achievement(settings: CredentialSettings): JsonObject {
  return {
    id: credentialUrls(settings.publicUrl).achievement,
    type: ['Achievement'],
    achievementType: 'Certificate',
    name: 'WCO-Japan Career Development Programme certificate',
    description:
      'Awarded to a Professional Associate, a Customs official of a WCO Member administration, on successful completion of the WCO-Japan Career Development Programme (CDP).',
    criteria: {
      narrative:
        'Completed the ten-month placement at the WCO Secretariat in Brussels, carried out a research project on a Customs issue of global importance, and presented its results to the Secretary General and senior management.',
    },
    creator: issuerProfile(settings),
  };
}

/**
 * The unsigned credential; sign it with signAsIssuer. Besides Open Badges'
 * own terms it states, in plain CDP fields of the subject, what the printed
 * certificate shows (cohort, ceremony place, signatory): the PDF and the
 * verification page are made from the signed credential alone, so they
 * never say what the signature does not cover. The research is Open Badges
 * evidence.
 */
export function certificateCredential(facts: CertificateFacts, settings: CredentialSettings): JsonObject {
  const validFrom = xsdDateTime(facts.ceremonyAt);
  return {
    '@context': [VC_CONTEXT, OPEN_BADGES_CONTEXT],
    id: credentialUrls(settings.publicUrl).certificate(facts.serial),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `CDP certificate ${facts.serial}`,
    description: `Certificate ${facts.serial} of the WCO-Japan Career Development Programme, cohort ${facts.cohortLabel}, signed by ${facts.signatoryName}, ${facts.signatoryTitle}.`,
    issuer: issuerProfile(settings),
    validFrom,
    awardedDate: validFrom,
    credentialSubject: {
      type: ['AchievementSubject'],
      // Open Badges names the holder with an IdentityObject; the plain fields are for people reading the JSON.
      identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: facts.holderName }],
      name: facts.holderName,
      administration: {
        type: ['Profile'],
        name: facts.administration.name,
        address: { type: ['Address'], addressCountryCode: facts.administration.iso2 },
      },
      achievement: achievement(settings),
      cohort: facts.cohortLabel,
      ceremony: { date: validFrom, ...(facts.ceremonyPlace ? { place: facts.ceremonyPlace } : {}) },
      signatory: { name: facts.signatoryName, title: facts.signatoryTitle },
    },
    evidence: [{ type: ['Evidence'], genre: 'Research project', name: facts.researchTitle }],
    credentialStatus: facts.statusEntry,
  };
}
