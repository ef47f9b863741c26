import type { JsonObject } from '../credential/data-integrity';

/**
 * What the printed certificate and the verification page show, read from
 * the signed credential and from nothing else: a field the credential does
 * not state (one issued before it stated it) is null and is left out.
 */
export interface CertificateView {
  serial: string;
  holderName: string;
  administration: string | null;
  cohort: string | null;
  researchTitle: string | null;
  ceremonyDate: Date | null;
  ceremonyPlace: string | null;
  signatoryName: string | null;
  signatoryTitle: string | null;
  issuerName: string | null;
  achievementName: string | null;
  criteria: string | null;
  /** When it was signed (the proof's `created`), else its validFrom. */
  issuedAt: Date | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
const object = (value: unknown): JsonObject => (value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : {});
const date = (value: unknown): Date | null => {
  const at = typeof value === 'string' ? new Date(value) : null;
  return at && !Number.isNaN(at.getTime()) ? at : null;
};

export function certificateView(serial: string, credential: JsonObject): CertificateView {
  const subject = object(credential.credentialSubject);
  const achievement = object(subject.achievement);
  const ceremony = object(subject.ceremony);
  const signatory = object(subject.signatory);
  const evidence = Array.isArray(credential.evidence) ? credential.evidence.map(object) : [];
  const research = evidence.find((e) => e.genre === 'Research project');
  return {
    serial,
    holderName: text(subject.name) ?? '',
    administration: text(object(subject.administration).name),
    cohort: text(subject.cohort),
    researchTitle: text(research?.name),
    ceremonyDate: date(ceremony.date) ?? date(credential.awardedDate) ?? date(credential.validFrom),
    ceremonyPlace: text(ceremony.place),
    signatoryName: text(signatory.name),
    signatoryTitle: text(signatory.title),
    issuerName: text(object(credential.issuer).name),
    achievementName: text(achievement.name),
    criteria: text(object(achievement.criteria).narrative),
    issuedAt: date(object(credential.proof).created) ?? date(credential.validFrom),
  };
}
