import { IsNull, type EntityManager } from 'typeorm';
import { lockForUpdate } from '../../db/database';
import type { RequestContext } from '../../graphql/context';
import { inputId } from '../../graphql/mutations/input-ids';
import { fail } from '../../graphql/mutations/user-error';
import { UserErrorCode } from '../../graphql/mutations/user-error-code';
import { withTransaction } from '../../graphql/transaction';
import { lockAssociate } from '../associate/find-associate';
import { toGlobalId } from '../../graphql/relay/global-id';
import { recordEvent } from '../../outbox/record-event';
import { audit } from '../audit/audit.service';
import { EventKind } from '../event/event-kind';
import { lockCohortEvent, type CohortEventRule } from '../event/cohort-event';
import { ResearchProject } from '../research/research-project.entity';
import { ResearchStatus } from '../research/research-status';
import { allocateCertificateNumbers } from './certificate-counter';
import { Certificate } from './certificate.entity';
import type { IssueCertificateInput, RevokeCertificateInput } from './certificate.inputs';
import { CertificateVerificationReason, type CertificateVerification } from './certificate.types';
import { signedCertificateCredential } from './credential/certificate-credential';
import type { JsonObject } from './credential/data-integrity';
import { credentialUrls, type CredentialSettings } from './credential/credential-settings';
import { verifyAsIssuer } from './credential/issuer-signature';
import { serialOf } from './serial';

const PRESENTED = [ResearchStatus.PRESENTED, ResearchStatus.PUBLISHED];

/** The certificate fields the audit log follows (the credential holds the holder's name, so it stays out). */
const audited = (c: Certificate) => ({
  associateId: c.associateId,
  ceremonyId: c.ceremonyId,
  serial: c.serial,
  issuedAt: c.issuedAt,
  statusListIndex: c.statusListIndex,
  revokedAt: c.revokedAt,
  revocationReason: c.revocationReason,
});

/** What a certificate's events say of it: the certificate, its serial (printed on it, public) and its holder. */
const certificateFacts = (c: Certificate) => ({
  certificateId: toGlobalId('Certificate', c.uuid),
  serial: c.serial,
  associateId: toGlobalId('ProfessionalAssociate', c.associateId),
});

export function credentialSettingsOf(ctx: RequestContext): CredentialSettings {
  if (!ctx.credentials) throw new Error('certificate credentials are not configured for this server');
  return ctx.credentials;
}

/** The stored credential is the one the server issued for this serial, and its proof holds under one of our keys. */
function proofHolds(certificate: Certificate, settings: CredentialSettings): boolean {
  const credential = certificate.credential!;
  if (credential.id !== credentialUrls(settings.publicUrl).certificate(certificate.serial)) return false;
  return verifyAsIssuer(credential, settings).verified;
}

/**
 * The credential's validity period has begun: its signed validFrom (the
 * ceremony) is not after `now`. Certificates issued before a ceremony,
 * which the server once accepted, are not valid until it has begun.
 */
function hasStarted(credential: JsonObject, now: Date): boolean {
  if (credential.validFrom === undefined) return true;
  const validFrom = Date.parse(String(credential.validFrom));
  // An unreadable validFrom under a holding proof cannot be ours; it is not taken as begun.
  return !Number.isNaN(validFrom) && validFrom <= now.getTime();
}

/** Certificates are issued at a certificate ceremony of the associate's own cohort, from its start: the credential is valid from then. */
const CEREMONY: CohortEventRule = {
  kind: EventKind.CERTIFICATE_CEREMONY,
  field: 'ceremonyId',
  noun: 'ceremony',
  cancelledMeans: 'no certificates are issued at it',
  fromStartMeans: 'certificates are issued from its start',
  notFound: UserErrorCode.CEREMONY_NOT_FOUND,
  wrongKind: UserErrorCode.CEREMONY_NOT_CERTIFICATE_CEREMONY,
  otherCohort: UserErrorCode.CEREMONY_OF_ANOTHER_COHORT,
  notYetHeld: UserErrorCode.CEREMONY_NOT_HELD,
};

/**
 * Is the certificate of this serial genuine and valid, by the server clock
 * `now`: the one check behind verifyCertificate and the public verification
 * page (/verify/<serial>).
 */
export async function checkCertificate(db: EntityManager, settings: CredentialSettings, now: Date, serial: string): Promise<CertificateVerification> {
  const stored = serialOf(serial);
  const certificate = stored ? await db.getRepository(Certificate).findOneBy({ serial: stored }) : null;
  const answer = (reason: CertificateVerificationReason) => ({ isValid: reason === CertificateVerificationReason.VALID, reason, certificate });
  if (!certificate) return { ...answer(CertificateVerificationReason.UNKNOWN_SERIAL), certificate: null };
  if (certificate.revokedAt) return answer(CertificateVerificationReason.REVOKED);
  if (!certificate.credential) return answer(CertificateVerificationReason.UNSIGNED);
  if (!proofHolds(certificate, settings)) return answer(CertificateVerificationReason.BAD_PROOF);
  if (!hasStarted(certificate.credential, now)) return answer(CertificateVerificationReason.NOT_YET_VALID);
  return answer(CertificateVerificationReason.VALID);
}

export class CertificateService {
  verify(ctx: RequestContext, serial: string): Promise<CertificateVerification> {
    return checkCertificate(ctx.db, credentialSettingsOf(ctx), ctx.clock.now(), serial);
  }

  /** All certificates of an associate, newest first (at most one of them is valid). */
  forAssociate(ctx: RequestContext, associateId: string): Promise<Certificate[]> {
    return ctx.loaders.manyBy(Certificate, 'associateId', { issuedAt: 'DESC' }).load(associateId);
  }

  async issue(ctx: RequestContext, input: IssueCertificateInput): Promise<{ certificate: Certificate }> {
    const settings = credentialSettingsOf(ctx);
    const associateId = inputId(input.associateId, 'ProfessionalAssociate', 'associateId');
    const ceremonyId = inputId(input.ceremonyId, 'Event', 'ceremonyId');
    return withTransaction(ctx, async (tx) => {
      // The associate's row is the lock that keeps two issues for one associate apart.
      const associate = await lockAssociate(tx, associateId, 'associateId');
      // The research before the ceremony, as recordPresentation locks a project before its event: never a cycle between them.
      const research = await tx.db.findOne(ResearchProject, { where: { associateId }, lock: lockForUpdate(tx.db) });
      const ceremony = await lockCohortEvent(tx, ceremonyId, associate.cohortId, CEREMONY);
      if (!research || !PRESENTED.includes(research.status)) {
        fail(
          UserErrorCode.RESEARCH_NOT_PRESENTED,
          `The associate's research is ${research ? research.status : 'missing'}; it must be PRESENTED or PUBLISHED.`,
          'associateId',
        );
      }
      if (await tx.db.existsBy(Certificate, { associateId, revokedAt: IsNull() })) {
        fail(UserErrorCode.CERTIFICATE_EXISTS, 'The associate already holds a valid certificate.', 'associateId');
      }

      const numbers = await allocateCertificateNumbers(tx.db, ceremony.startsAt.getUTCFullYear());
      const issued = {
        ...numbers,
        issuedAt: tx.clock.now(),
        signatoryName: input.signatoryName,
        signatoryTitle: input.signatoryTitle,
      };
      const credential = await signedCertificateCredential(tx.db, issued, associate, ceremony, settings);
      const certificate = await tx.db.save(
        tx.db.create(Certificate, { ...issued, associateId, ceremonyId, credential, revokedAt: null, revocationReason: null }),
      );
      await audit(tx, {
        operation: 'issueCertificate',
        entityType: 'Certificate',
        entityId: certificate.uuid,
        after: { ...audited(certificate), signingKey: settings.keys.current.kid },
      });
      await recordEvent(tx, 'CertificateIssued', certificateFacts(certificate));
      return { certificate };
    });
  }

  async revoke(ctx: RequestContext, input: RevokeCertificateInput): Promise<{ certificate: Certificate }> {
    if ((input.certificateId == null) === (input.serial == null)) {
      fail(UserErrorCode.CERTIFICATE_REFERENCE_REQUIRED, 'Give either certificateId or serial, not both.', input.serial == null ? 'certificateId' : 'serial');
    }
    const field = input.certificateId != null ? 'certificateId' : 'serial';
    const notFound = () => fail(UserErrorCode.CERTIFICATE_NOT_FOUND, 'No certificate has this ID or serial.', field);
    const where =
      input.certificateId != null ? { uuid: inputId(input.certificateId, 'Certificate', 'certificateId') } : { serial: serialOf(input.serial!) ?? notFound() };
    return withTransaction(ctx, async (tx) => {
      const certificate = (await tx.db.findOne(Certificate, { where, lock: lockForUpdate(tx.db) })) ?? notFound();
      if (certificate.revokedAt) fail(UserErrorCode.ALREADY_REVOKED, `Certificate ${certificate.serial} is revoked already.`, field);
      const before = audited(certificate);
      certificate.revokedAt = tx.clock.now();
      certificate.revocationReason = input.reason;
      await tx.db.save(certificate);
      const after = audited(certificate);
      await audit(tx, {
        operation: 'revokeCertificate',
        entityType: 'Certificate',
        entityId: certificate.uuid,
        before: { serial: before.serial, revokedAt: null, revocationReason: null },
        after: { serial: after.serial, revokedAt: after.revokedAt, revocationReason: after.revocationReason },
      });
      await recordEvent(tx, 'CertificateRevoked', certificateFacts(certificate));
      return { certificate };
    });
  }
}
