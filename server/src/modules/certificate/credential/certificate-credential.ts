import type { EntityManager } from 'typeorm';
import { Administration } from '../../administration/administration.entity';
import type { ProfessionalAssociate } from '../../associate/associate.entity';
import { Cohort } from '../../cohort/cohort.entity';
import { ResearchProject } from '../../research/research-project.entity';
import type { Event } from '../../event/event.entity';
import type { Certificate } from '../certificate.entity';
import type { CredentialSettings } from './credential-settings';
import type { JsonObject } from './data-integrity';
import { signAsIssuer } from './issuer-signature';
import { certificateCredential } from './open-badge';
import { statusEntry } from './status-list';

type Issued = Pick<Certificate, 'serial' | 'issuedAt' | 'signatoryName' | 'signatoryTitle'> & { statusListIndex: number };

/** The signed credential of a certificate being issued (by the API or the seed), from the rows it states. */
export async function signedCertificateCredential(
  db: EntityManager,
  certificate: Issued,
  associate: ProfessionalAssociate,
  ceremony: Event,
  settings: CredentialSettings,
): Promise<JsonObject> {
  const administration = await db.findOneByOrFail(Administration, { uuid: associate.administrationId });
  const cohort = await db.findOneByOrFail(Cohort, { uuid: associate.cohortId });
  // Issued only once the research is presented, so there is one.
  const research = await db.findOneByOrFail(ResearchProject, { associateId: associate.uuid });
  const unsigned = certificateCredential(
    {
      serial: certificate.serial,
      ceremonyAt: ceremony.startsAt,
      holderName: associate.fullName,
      administration: { name: administration.name, iso2: administration.iso2 },
      cohortLabel: cohort.label,
      signatoryName: certificate.signatoryName,
      signatoryTitle: certificate.signatoryTitle,
      researchTitle: research.title,
      ceremonyPlace: ceremony.isVirtual ? null : ceremony.location,
      statusEntry: statusEntry(settings, certificate.statusListIndex),
    },
    settings,
  );
  return signAsIssuer(unsigned, settings, certificate.issuedAt);
}
