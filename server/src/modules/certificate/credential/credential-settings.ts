import { DATA_DIR, type Config } from '../../../config';
import { resolveSigningKeys, type SigningKeyRing } from './signing-keys';

/** What issuing and publishing credentials needs: the keys and the public URL they are published under. */
export interface CredentialSettings {
  keys: SigningKeyRing;
  /** The server's public base URL (CDP_PUBLIC_URL), without a trailing slash, e.g. https://cdp-hub.example. */
  publicUrl: string;
}

/** The keys and public URL of this configuration; development keys are made once in the data folder. */
export function configuredCredentials(config: Pick<Config, 'certificates'>): CredentialSettings {
  return { keys: resolveSigningKeys(config.certificates.signingKeyFile, DATA_DIR), publicUrl: config.certificates.publicUrl };
}

/** Every URL a credential names, in one place, so the routes serve what the credentials point at. */
export function credentialUrls(publicUrl: string) {
  const base = publicUrl.replace(/\/+$/, '');
  const keys = `${base}/.well-known/cdp-certificate-keys`;
  return {
    issuer: `${base}/credentials/issuer`,
    achievement: `${base}/credentials/achievements/cdp-certificate`,
    keys,
    verificationMethod: (kid: string) => `${keys}#${kid}`,
    statusList: (list: number) => `${base}/credentials/status/${list}`,
    certificate: (serial: string) => `${base}/certificates/${encodeURIComponent(serial)}.json`,
    /** The printable certificate; in its holder's language (else English) unless `lang` names one. */
    pdf: (serial: string, lang?: 'en' | 'fr') => `${base}/certificates/${encodeURIComponent(serial)}.pdf${lang ? `?lang=${lang}` : ''}`,
    /** The public verification page, which the printed QR code opens. */
    verification: (serial: string) => `${base}/verify/${encodeURIComponent(serial)}`,
    ceremonyPdf: (eventId: string) => `${base}/ceremonies/${encodeURIComponent(eventId)}/certificates.pdf`,
  };
}
