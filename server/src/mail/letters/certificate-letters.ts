import { ProfessionalAssociate } from '../../modules/associate/associate.entity';
import { Certificate } from '../../modules/certificate/certificate.entity';
import { credentialUrls } from '../../modules/certificate/credential/credential-settings';
import { UserRole } from '../../modules/user/user-role';
import type { Letter } from '../letter';
import { activeUsers, cohortAndProgramme, uuidOf } from './letter-reads';
import { toGlobalId } from '../../graphql/relay/global-id';

type CertificateEvent = 'CertificateIssued' | 'CertificateRevoked';

/** To the associate's own user(s): their certificate, and no one else's. */
const holders: Letter<CertificateEvent>['recipients'] = (db, event) =>
  activeUsers(db, { role: UserRole.ASSOCIATE, associateIds: [uuidOf(event.payload.associateId, 'ProfessionalAssociate')] });

/** The certificate of the event, when the recipient is the associate who holds it. */
async function ownCertificate(ctx: Parameters<Letter<CertificateEvent>['compose']>[0]) {
  const { event, loaders, viewer } = ctx;
  const certificate = await loaders.byId(Certificate).load(uuidOf(event.payload.certificateId, 'Certificate'));
  if (!certificate || viewer.role !== UserRole.ASSOCIATE || viewer.associateId !== certificate.associateId) return null;
  const associate = await loaders.required(ProfessionalAssociate, certificate.associateId);
  const found = await cohortAndProgramme(loaders, toGlobalId('Cohort', associate.cohortId));
  return found ? { certificate, ...found } : null;
}

/** A certificate was issued: the serial, the credential to download, the printable PDF, and the page where anyone verifies it. */
export const certificateIssued: Letter<'CertificateIssued'> = {
  recipients: holders,
  async compose(ctx) {
    const own = await ownCertificate(ctx);
    if (!own) return null;
    const { t, publicUrl, event } = ctx;
    const urls = credentialUrls(publicUrl);
    const values = { serial: own.certificate.serial, programme: own.programme.name, cohort: own.cohort.label, at: event.occurredAt, keysUrl: urls.keys };
    return {
      subject: t('certificateIssued.subject', values),
      paragraphs: [t('certificateIssued.body', values), t('certificateIssued.credential'), t('certificateIssued.verify', values)],
      facts: [[t('certificateIssued.serial'), own.certificate.serial]],
      action: { label: t('certificateIssued.download'), url: urls.certificate(own.certificate.serial) },
      links: [
        { label: t('certificateIssued.pdf'), url: urls.pdf(own.certificate.serial) },
        { label: t('certificateIssued.verificationPage'), url: urls.verification(own.certificate.serial) },
      ],
    };
  },
};

/** A certificate was revoked: which one, when and why (the reason is public, on the certificate itself). */
export const certificateRevoked: Letter<'CertificateRevoked'> = {
  recipients: holders,
  async compose(ctx) {
    const own = await ownCertificate(ctx);
    if (!own) return null;
    const { t, event } = ctx;
    const values = { serial: own.certificate.serial, programme: own.programme.name, at: event.occurredAt };
    return {
      subject: t('certificateRevoked.subject', values),
      paragraphs: [t('certificateRevoked.body', values), t('certificateRevoked.verify')],
      facts: own.certificate.revocationReason ? [[t('certificateRevoked.reason'), own.certificate.revocationReason]] : [],
    };
  },
};
