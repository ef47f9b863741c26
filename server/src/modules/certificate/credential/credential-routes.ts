import express from 'express';
import { Between, IsNull, Not } from 'typeorm';
import type { Clock } from '../../../common/clock';
import type { Database } from '../../../db/database';
import { readerOfResponse } from '../../../db/request-reader';
import { highestStatusListIndex } from '../certificate-counter';
import { Certificate } from '../certificate.entity';
import { serialOf } from '../serial';
import { credentialUrls, type CredentialSettings } from './credential-settings';
import { issuerProfile, OPEN_BADGES_CONTEXT, VC_CONTEXT } from './open-badge';
import { STATUS_LIST_SIZE, STATUS_LIST_TTL_MS, statusListCredential, statusPosition } from './status-list';

/** W3C VC 2.0's media type for a credential secured with an embedded proof. */
const VC_MEDIA_TYPE = 'application/vc';

/** Anyone may fetch these from any origin (wallets, verifiers in browsers), and caches may keep them for a while. */
function open(res: express.Response, maxAgeSeconds: number): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Cache-Control', `public, max-age=${maxAgeSeconds}`);
}

function notFound(req: express.Request, res: express.Response, message: string): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.status(404).json({ errors: [{ message, extensions: { code: 'NOT_FOUND', requestId: String(req.id) } }] });
}

/** The controller document of the signing keys: Multikey verification methods and, for JOSE tooling, a JWKS. */
export function publishedKeys(settings: CredentialSettings) {
  const urls = credentialUrls(settings.publicUrl);
  const methods = settings.keys.keys.map((key) => ({
    id: urls.verificationMethod(key.kid),
    type: 'Multikey',
    controller: urls.keys,
    publicKeyMultibase: key.publicKeyMultibase,
  }));
  return {
    '@context': ['https://www.w3.org/ns/cid/v1'],
    id: urls.keys,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
    keys: settings.keys.keys.map((key) => ({ ...key.publicJwk, use: 'sig', alg: 'EdDSA' })),
  };
}

/**
 * What a third party needs to check a certificate without GraphQL: the
 * keys, the issuer profile, the revocation status lists and each
 * certificate's credential for download.
 */
export function credentialRouter(database: Database, clock: Clock, settings: CredentialSettings): express.Router {
  const router = express.Router();
  const certificates = (res: express.Response) => readerOfResponse(database.reader, res).getRepository(Certificate);

  router.get('/.well-known/cdp-certificate-keys', (_req, res) => {
    open(res, 3600);
    res.json(publishedKeys(settings));
  });

  router.get('/credentials/issuer', (_req, res) => {
    open(res, 3600);
    res.json({ '@context': [VC_CONTEXT, OPEN_BADGES_CONTEXT], ...issuerProfile(settings) });
  });

  router.get('/credentials/status/:list', async (req, res, next) => {
    try {
      const list = /^[1-9]\d{0,5}$/.test(req.params.list) ? Number(req.params.list) : NaN;
      const highest = Math.max(0, await highestStatusListIndex(readerOfResponse(database.reader, res)));
      if (!Number.isInteger(list) || list > statusPosition(highest).list) {
        notFound(req, res, `No status list ${req.params.list}: lists are numbered from 1.`);
        return;
      }
      const first = (list - 1) * STATUS_LIST_SIZE;
      const revoked = await certificates(res).find({
        select: { uuid: true, statusListIndex: true },
        where: { revokedAt: Not(IsNull()), statusListIndex: Between(first, first + STATUS_LIST_SIZE - 1) },
      });
      open(res, STATUS_LIST_TTL_MS / 1000);
      res.type(VC_MEDIA_TYPE).send(JSON.stringify(statusListCredential(settings, list, revoked.map((c) => c.statusListIndex! - first), clock.now())));
    } catch (err) {
      next(err);
    }
  });

  router.get('/certificates/:file', async (req, res, next) => {
    try {
      const file = /^(.+)\.json$/.exec(req.params.file)?.[1];
      const serial = file === undefined ? null : serialOf(file);
      const certificate = serial ? await certificates(res).findOneBy({ serial }) : null;
      if (!certificate?.credential) {
        notFound(req, res, certificate ? `Certificate ${serial} has no signed credential.` : serial ? `No certificate has the serial ${serial}.` : 'No certificate has this serial.');
        return;
      }
      open(res, 60);
      res.setHeader('Content-Disposition', `attachment; filename="${certificate.serial}.json"`);
      res.type(VC_MEDIA_TYPE).send(JSON.stringify(certificate.credential));
    } catch (err) {
      next(err);
    }
  });

  return router;
}
