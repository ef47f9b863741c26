import { createHash } from 'node:crypto';
import express from 'express';
import fresh from 'fresh';
import type { EntityManager } from 'typeorm';
import type { AuthSettings } from '../../../auth/auth-settings';
import type { Clock } from '../../../common/clock';
import type { Database } from '../../../db/database';
import { readerOfResponse } from '../../../db/request-reader';
import { AppError } from '../../../graphql/errors';
import { fromGlobalIdOfType } from '../../../graphql/relay/global-id';
import { Event } from '../../event/event.entity';
import { Language } from '../../user/language';
import { viewerFromHeader } from '../../user/session.service';
import { User } from '../../user/user.entity';
import { UserRole } from '../../user/user-role';
import { checkCertificate } from '../certificate.service';
import { Certificate } from '../certificate.entity';
import { CertificateVerificationReason } from '../certificate.types';
import { credentialUrls, type CredentialSettings } from '../credential/credential-settings';
import { serialOf } from '../serial';
import { certificatesPdf, type PrintableCertificate } from './certificate-pdf';
import { certificateView } from './certificate-view';
import { languageOfParameter } from './texts/i18n';
import { unknownCertificatePage, verificationPage, VERIFICATION_PAGE_CSP } from './verification-page';

/** A certificate as the PDF prints it, or null when it has no signed credential to print from. */
export function printableCertificate(certificate: Certificate, settings: CredentialSettings): PrintableCertificate | null {
  if (!certificate.credential) return null;
  const view = certificateView(certificate.serial, certificate.credential);
  return {
    view,
    verificationUrl: credentialUrls(settings.publicUrl).verification(certificate.serial),
    revokedAt: certificate.revokedAt,
    createdAt: view.issuedAt ?? certificate.issuedAt,
  };
}

/** The language its holder chose for CDP Hub's e-mail, when the holder has an account; else English. */
async function holderLanguage(db: EntityManager, associateId: string): Promise<Language> {
  const user = await db.getRepository(User).findOne({
    select: { uuid: true, preferredLanguage: true },
    where: { associateId, role: UserRole.ASSOCIATE, isActive: true },
    order: { createdAt: 'ASC' },
  });
  return user?.preferredLanguage ?? Language.EN;
}

/** The page's language: ?lang= first, then the browser's Accept-Language, else English. */
function pageLanguage(req: express.Request): Language {
  const asked = languageOfParameter(req.query.lang);
  if (asked) return asked;
  return req.acceptsLanguages('en', 'fr') === 'fr' ? Language.FR : Language.EN;
}

function errorJson(req: express.Request, res: express.Response, status: number, code: string, message: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code, requestId: String(req.id) } }] });
}

/**
 * Sends a PDF with a strong entity tag of its bytes (the bytes are the same
 * for the same certificate, language and key), or 304 to a client that
 * holds them already.
 */
function sendPdf(req: express.Request, res: express.Response, pdf: Buffer, filename: string, cacheControl: string): void {
  const etag = `"${createHash('sha256').update(pdf).digest('base64url')}"`;
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', cacheControl);
  // Only If-None-Match is weighed: fetch adds `Cache-Control: no-cache` to every conditional request (see http-revalidation.ts).
  const ifNoneMatch = req.headers['if-none-match'];
  if (ifNoneMatch && fresh({ 'if-none-match': ifNoneMatch }, { etag })) {
    res.status(304).end();
    return;
  }
  res.setHeader('Content-Disposition', `inline; filename="${filename}"`);
  res.type('application/pdf').send(pdf);
}

/**
 * What people hold: each certificate as a printable PDF (/certificates/<serial>.pdf),
 * every certificate of a ceremony in one PDF for printing (ADMIN), and the
 * public verification page its QR code opens (/verify/<serial>).
 */
export function printableRouter(database: Database, clock: Clock, auth: AuthSettings, settings: CredentialSettings): express.Router {
  const router = express.Router();
  const reader = (res: express.Response) => readerOfResponse(database.reader, res);
  const missingGlyph = (req: express.Request) => (character: string, serial: string) =>
    req.log.warn(
      { serial, codePoint: `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` },
      'certificate PDF: no embedded font has this character; it prints as a blank box',
    );

  router.get(/^\/certificates\/([^/]+)\.pdf$/, async (req, res, next) => {
    try {
      const text = String((req.params as Record<string, string>)[0]);
      const serial = serialOf(text);
      const certificate = serial ? await reader(res).getRepository(Certificate).findOneBy({ serial }) : null;
      const printable = certificate && printableCertificate(certificate, settings);
      res.setHeader('Access-Control-Allow-Origin', '*');
      if (!certificate || !printable) {
        errorJson(req, res, 404, 'NOT_FOUND', certificate ? `Certificate ${serial} has no signed credential to print.` : 'No certificate has this serial.');
        return;
      }
      const asked = languageOfParameter(req.query.lang);
      if (req.query.lang !== undefined && !asked) {
        errorJson(req, res, 400, 'BAD_REQUEST', 'lang is en or fr.');
        return;
      }
      const language = asked ?? (await holderLanguage(reader(res), certificate.associateId));
      const pdf = await certificatesPdf([printable], language, missingGlyph(req));
      // Short: a revocation changes the PDF (it is stamped), and the ETag makes revalidation cheap.
      sendPdf(req, res, pdf, `${certificate.serial}.pdf`, 'public, max-age=60');
    } catch (err) {
      next(err);
    }
  });

  router.get('/ceremonies/:eventId/certificates.pdf', async (req, res, next) => {
    try {
      const db = reader(res);
      let role: UserRole | undefined;
      try {
        role = (await viewerFromHeader(db, auth, req.headers.authorization, clock.now()))?.role;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        res.setHeader('WWW-Authenticate', 'Bearer realm="cdp-hub"');
        errorJson(req, res, 401, err.code, err.message);
        return;
      }
      if (role === undefined) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="cdp-hub"');
        errorJson(req, res, 401, 'UNAUTHENTICATED', 'Sign in: send "Authorization: Bearer <token>" of an ADMIN session.');
        return;
      }
      if (role !== UserRole.ADMIN) {
        errorJson(req, res, 403, 'FORBIDDEN', 'Only an ADMIN may print the certificates of a ceremony.');
        return;
      }
      let eventId: string;
      try {
        eventId = fromGlobalIdOfType(req.params.eventId, 'Event', 'eventId');
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        errorJson(req, res, 404, 'NOT_FOUND', err.message);
        return;
      }
      const language = languageOfParameter(req.query.lang) ?? Language.EN;
      const ceremony = await db.getRepository(Event).findOneBy({ uuid: eventId });
      const certificates = ceremony ? await db.getRepository(Certificate).find({ where: { ceremonyId: eventId }, order: { serial: 'ASC' } }) : [];
      const printable = certificates.map((c) => printableCertificate(c, settings)).filter((p): p is PrintableCertificate => p !== null);
      if (!printable.length) {
        errorJson(req, res, 404, 'NOT_FOUND', ceremony ? 'No certificate of this ceremony has a signed credential to print.' : 'No event has this ID.');
        return;
      }
      const pdf = await certificatesPdf(printable, language, missingGlyph(req));
      res.setHeader('Vary', 'Authorization');
      sendPdf(req, res, pdf, `certificates-${req.params.eventId}.pdf`, 'private, no-cache');
    } catch (err) {
      next(err);
    }
  });

  router.get('/verify/:serial', async (req, res, next) => {
    try {
      const language = pageLanguage(req);
      res.setHeader('Content-Security-Policy', VERIFICATION_PAGE_CSP);
      res.setHeader('Content-Language', language.toLowerCase());
      res.setHeader('Vary', 'Accept-Language');
      // The status can change at any moment (a revocation): always asked afresh.
      res.setHeader('Cache-Control', 'no-cache');
      res.type('html');
      const answer = await checkCertificate(reader(res), settings, clock.now(), req.params.serial);
      const certificate = answer.certificate;
      if (answer.reason === CertificateVerificationReason.UNKNOWN_SERIAL || !certificate) {
        res.status(404).send(unknownCertificatePage(req.params.serial, language));
        return;
      }
      const view = certificate.credential ? certificateView(certificate.serial, certificate.credential) : null;
      res.send(
        verificationPage(
          { serial: certificate.serial, reason: answer.reason, view, revokedAt: certificate.revokedAt, revocationReason: certificate.revocationReason },
          language,
          settings.publicUrl,
        ),
      );
    } catch (err) {
      next(err);
    }
  });

  return router;
}
