import { createHash } from 'node:crypto';
import type { TFunction } from 'i18next';
import { Language, LANGUAGE_TAGS } from '../../user/language';
import { CertificateVerificationReason } from '../certificate.types';
import { credentialUrls } from '../credential/credential-settings';
import type { CertificateView } from './certificate-view';
import { certificateTranslator } from './texts/i18n';

/** What the verification page of one serial says: the answer of the same check as verifyCertificate, and the credential's content. */
export interface VerificationAnswer {
  serial: string;
  reason: CertificateVerificationReason;
  /** Null when the certificate has no signed credential: then only its status is shown. */
  view: CertificateView | null;
  revokedAt: Date | null;
  revocationReason: string | null;
}

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The page's only style sheet, inline and allowed by its hash in the
 * Content-Security-Policy; no script at all. Readable from 320 px wide;
 * printed, the links and the language switch give way to their addresses.
 */
const CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Serif",Georgia,"Times New Roman",serif;color:#1d1d1d;background:#f4f1ea;line-height:1.5;font-size:1.05rem}
header,main,footer{max-width:46rem;margin:0 auto;padding:1rem}
header{border-bottom:4px solid #1b365d;display:flex;flex-wrap:wrap;gap:.5rem;justify-content:space-between;align-items:baseline}
header p{margin:0;color:#1b365d;font-weight:700;letter-spacing:.04em}
nav ul{list-style:none;margin:0;padding:0;display:flex;gap:.75rem}
a{color:#1b365d;text-decoration-thickness:1px;text-underline-offset:2px}
a:focus-visible{outline:3px solid #b08d3c;outline-offset:2px}
h1{color:#1b365d;font-size:1.6rem;margin:.5rem 0}
h2{color:#1b365d;font-size:1.2rem;margin:1.5rem 0 .5rem}
.status{border:3px solid;border-radius:8px;padding:.75rem 1rem;margin:1rem 0;background:#fff}
.status p{margin:.25rem 0}
.status strong{font-size:1.4rem;letter-spacing:.05em}
.valid{border-color:#1e6b33;color:#14532a}
.revoked{border-color:#a1001c;color:#8a0018}
.unknown{border-color:#6b5300;color:#4d3c00}
dl{display:grid;grid-template-columns:minmax(7rem,max-content) 1fr;gap:.4rem 1rem;background:#fff;padding:1rem;border-radius:8px;margin:0}
dt{font-weight:700;color:#1b365d}
dd{margin:0;overflow-wrap:anywhere}
ul.links{padding-left:1.2rem}
ul.links li{margin:.3rem 0;overflow-wrap:anywhere}
footer{color:#4a4a4a;font-size:.9rem;border-top:1px solid #c9c2b3;margin-top:2rem}
@media (max-width:30rem){dl{grid-template-columns:1fr;gap:.1rem}dd{margin-bottom:.6rem}h1{font-size:1.35rem}}
@media print{body{background:#fff;font-size:11pt}nav,.linkedin{display:none}a{color:#000;text-decoration:none}ul.links a::after{content:" <" attr(href) ">"}.status,dl{border:1px solid #000}}
`.trim();

/** The Content-Security-Policy of the page: nothing but its own inline style sheet. */
export const VERIFICATION_PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

function document(language: Language, title: string, body: string, languageLinks: string, t: TFunction): string {
  return `<!doctype html>
<html lang="${LANGUAGE_TAGS[language]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<p>CDP Hub</p>
<nav aria-label="${escape(t('page.language'))}">${languageLinks}</nav>
</header>
<main>
${body}
</main>
<footer><p>${escape(t('page.footer'))}</p></footer>
</body>
</html>
`;
}

/** Links to the page in each language, the current one marked as such. */
function languageLinks(path: string, language: Language): string {
  const items = [Language.EN, Language.FR].map((l) => {
    const tag = LANGUAGE_TAGS[l];
    const name = l === Language.EN ? 'English' : 'Français';
    const current = l === language ? ' aria-current="page"' : '';
    return `<li><a href="${escape(`${path}?lang=${tag}`)}" hreflang="${tag}" lang="${tag}"${current}>${name}</a></li>`;
  });
  return `<ul>${items.join('')}</ul>`;
}

/** LinkedIn's add-to-profile address, from its documented parameters (a certification, its organisation, issue year and month, URL and ID). */
export function linkedInAddUrl(view: CertificateView, verificationUrl: string): string {
  const params = new URLSearchParams({ startTask: 'CERTIFICATION_NAME', name: view.achievementName ?? 'WCO-Japan Career Development Programme certificate' });
  if (view.issuerName) params.set('organizationName', view.issuerName);
  const issued = view.ceremonyDate ?? view.issuedAt;
  if (issued) {
    params.set('issueYear', String(issued.getUTCFullYear()));
    params.set('issueMonth', String(issued.getUTCMonth() + 1));
  }
  params.set('certUrl', verificationUrl);
  params.set('certId', view.serial);
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}

function status(answer: VerificationAnswer, t: TFunction): string {
  if (answer.reason === CertificateVerificationReason.VALID) {
    return `<section class="status valid" aria-labelledby="status"><p id="status">${escape(t('page.status'))}: <strong>${escape(t('page.statusValid'))}</strong></p><p>${escape(t('page.statusValidNote'))}</p></section>`;
  }
  if (answer.reason === CertificateVerificationReason.REVOKED && answer.revokedAt) {
    const reason = answer.revocationReason ? `<p>${escape(t('page.revocationReason'))}: ${escape(answer.revocationReason)}</p>` : '';
    return `<section class="status revoked" aria-labelledby="status"><p id="status">${escape(t('page.status'))}: <strong>${escape(t('page.statusRevoked'))}</strong></p><p>${escape(t('page.statusRevokedNote', { date: answer.revokedAt }))}</p>${reason}</section>`;
  }
  return `<section class="status unknown" aria-labelledby="status"><p id="status">${escape(t('page.status'))}: <strong>${escape(t('page.statusUnknown'))}</strong></p><p>${escape(t('page.statusUnknownNote', { reason: answer.reason }))}</p></section>`;
}

/** The verification page of a certificate that exists. */
export function verificationPage(answer: VerificationAnswer, language: Language, publicUrl: string): string {
  const t = certificateTranslator(language);
  const urls = credentialUrls(publicUrl);
  const path = `/verify/${encodeURIComponent(answer.serial)}`;
  const { view } = answer;
  const rows: Array<[string, string | null]> = view
    ? [
        [t('page.holder'), view.holderName],
        [t('page.administration'), view.administration],
        [t('page.research'), view.researchTitle],
        [t('page.achievement'), view.achievementName],
        [t('page.criteria'), view.criteria],
        [t('page.cohort'), view.cohort],
        [t('page.issuer'), view.issuerName],
        [t('page.issued'), view.issuedAt ? t('page.date', { date: view.issuedAt }) : null],
        [t('page.signatory'), view.signatoryName ? [view.signatoryName, view.signatoryTitle].filter(Boolean).join(', ') : null],
        [t('page.serial'), answer.serial],
      ]
    : [[t('page.serial'), answer.serial]];
  const facts = rows
    .filter((row): row is [string, string] => row[1] !== null)
    .map(([label, value]) => `<dt>${escape(label)}</dt><dd>${escape(value)}</dd>`)
    .join('\n');
  const verificationUrl = urls.verification(answer.serial);
  const downloads = view
    ? `<h2>${escape(t('page.downloads'))}</h2>
<ul class="links">
<li><a href="${escape(urls.pdf(answer.serial, 'en'))}" type="application/pdf">${escape(t('page.downloadPdf'))}</a></li>
<li><a href="${escape(urls.pdf(answer.serial, 'fr'))}" type="application/pdf">${escape(t('page.downloadPdfFr'))}</a></li>
<li><a href="${escape(urls.certificate(answer.serial))}">${escape(t('page.downloadJson'))}</a></li>
${answer.reason === CertificateVerificationReason.VALID ? `<li class="linkedin"><a href="${escape(linkedInAddUrl(view, verificationUrl))}">${escape(t('page.linkedin'))}</a></li>` : ''}
</ul>`
    : '';
  const body = `<h1>${escape(t('page.heading'))}</h1>
<p>${escape(t('page.intro', { serial: answer.serial }))}</p>
${status(answer, t)}
<dl>
${facts}
</dl>
${downloads}
<h2>${escape(t('page.yourselfHeading'))}</h2>
<p>${escape(t('page.yourself'))}</p>
<ul class="links">
<li><a href="${escape(urls.keys)}">${escape(t('page.keys'))}</a></li>
<li><a href="${escape(urls.statusList(1))}">${escape(t('page.statusList'))}</a></li>
</ul>`;
  return document(language, t('page.title', { serial: answer.serial }), body, languageLinks(path, language), t);
}

/** The page for a serial no certificate has: the same style, and nothing but that. */
export function unknownCertificatePage(serialText: string, language: Language): string {
  const t = certificateTranslator(language);
  const path = `/verify/${encodeURIComponent(serialText)}`;
  const body = `<h1>${escape(t('page.notFoundTitle'))}</h1>\n<p>${escape(t('page.notFound'))}</p>`;
  return document(language, t('page.notFoundTitle'), body, languageLinks(path, language), t);
}
