import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { Language } from '../../user/language';
import { LANGUAGE_TAGS } from '../../user/language';
import type { CertificateView } from './certificate-view';
import { faces, runsOf, type Run, type Weight } from './fonts';
import { certificateTranslator } from './texts/i18n';

/** One certificate to print: what its credential says, where it is verified, and whether it was revoked. */
export interface PrintableCertificate {
  view: CertificateView;
  verificationUrl: string;
  revokedAt: Date | null;
  /** The instant the PDF states as its creation: the credential's, so the same certificate gives the same bytes. */
  createdAt: Date;
}

/** Told of every character no embedded font has (the PDF is made all the same). */
export type MissingGlyph = (character: string, serial: string) => void;

// A4 landscape, in points.
const WIDTH = 841.89;
const HEIGHT = 595.28;
const CENTRE = WIDTH / 2;
const NAVY = '#1b365d';
const GOLD = '#b08d3c';
const INK = '#222222';
const RED = '#b00020';

type Doc = PDFKit.PDFDocument;

/**
 * A run's pieces from left to right. fontkit shapes Arabic and lays a piece
 * out right to left, but pdfkit lays text out a word at a time (it caches
 * words), so a right-to-left run is drawn word by word, last word first.
 */
const pieces = (run: Run): string[] => (run.rtl ? run.text.split(/( +)/).filter(Boolean).reverse() : [run.text]);

/** Draws runs side by side from x; a line that starts right to left is read from the right, so its runs are drawn last first. */
function drawRuns(doc: Doc, runs: Run[], size: number, x: number, y: number): void {
  const ordered = runs[0]?.rtl ? [...runs].reverse() : runs;
  for (const run of ordered) {
    doc.font(run.face.name).fontSize(size);
    for (const piece of pieces(run)) {
      doc.text(piece, x, y, { lineBreak: false });
      x += doc.widthOfString(piece);
    }
  }
}

function widthOf(doc: Doc, runs: Run[], size: number): number {
  return runs.reduce((w, run) => w + doc.font(run.face.name).fontSize(size).widthOfString(run.text), 0);
}

interface LineStyle {
  size: number;
  weight: Weight;
  color: string;
  /** The smallest size the text may shrink to before it wraps. */
  minSize?: number;
  maxWidth?: number;
  maxLines?: number;
  lineGap?: number;
}

/**
 * Centred text at y, in the faces its characters need; shrinks to fit and
 * then wraps at spaces (up to maxLines). Returns the y below it.
 */
function centred(doc: Doc, text: string, y: number, style: LineStyle, missing: (c: string) => void): number {
  const maxWidth = style.maxWidth ?? WIDTH - 160;
  const maxLines = style.maxLines ?? 1;
  let size = style.size;
  const words = text.split(/\s+/).filter(Boolean);
  let lines: string[] = [text];
  const reported = new Set<string>();
  const report = (c: string) => {
    if (!reported.has(c)) missing(c);
    reported.add(c);
  };
  const measure = (line: string, at: number) => widthOf(doc, runsOf(line, style.weight, () => {}), at);
  for (;;) {
    lines = [];
    let line = '';
    for (const word of words) {
      const candidate = line ? `${line} ${word}` : word;
      if (line && measure(candidate, size) > maxWidth) {
        lines.push(line);
        line = word;
      } else line = candidate;
    }
    if (line) lines.push(line);
    const fits = lines.length <= maxLines && lines.every((l) => measure(l, size) <= maxWidth);
    if (fits || size <= (style.minSize ?? style.size)) break;
    size -= 1;
  }
  doc.fillColor(style.color);
  for (const line of lines.slice(0, maxLines)) {
    const runs = runsOf(line, style.weight, report);
    drawRuns(doc, runs, size, CENTRE - widthOf(doc, runs, size) / 2, y);
    y += size * 1.25 + (style.lineGap ?? 0);
  }
  return y;
}

function frame(doc: Doc): void {
  doc.lineWidth(6).strokeColor(NAVY).rect(18, 18, WIDTH - 36, HEIGHT - 36).stroke();
  doc.lineWidth(1.2).strokeColor(GOLD).rect(30, 30, WIDTH - 60, HEIGHT - 60).stroke();
}

/** The QR code as filled squares (vector, so it prints sharp and costs a few kilobytes). */
function qrCode(doc: Doc, url: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const quiet = 2;
  const cell = size / (count + 2 * quiet);
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.modules.get(row, col)) doc.rect(x + (col + quiet) * cell, y + (row + quiet) * cell, cell, cell);
    }
  }
  doc.fill('#000000');
}

function page(doc: Doc, certificate: PrintableCertificate, language: Language, missing: MissingGlyph): void {
  const t = certificateTranslator(language);
  const { view } = certificate;
  const miss = (c: string) => missing(c, view.serial);
  const line = (text: string, y: number, style: LineStyle) => centred(doc, text, y, style, miss);
  doc.addPage({ size: 'A4', layout: 'landscape', margin: 0 });
  frame(doc);

  let y = 66;
  y = line(t('certificate.partners'), y, { size: 11, weight: 'bold', color: GOLD });
  y = line(t('certificate.programme'), y + 6, { size: 16, weight: 'regular', color: NAVY });
  y = line(t('certificate.title'), y + 20, { size: 38, weight: 'bold', color: NAVY });
  y = line(t('certificate.certifies'), y + 16, { size: 14, weight: 'regular', color: INK });
  y = line(view.holderName, y + 10, { size: 32, minSize: 18, weight: 'bold', color: NAVY });
  if (view.administration) y = line(t('certificate.ofAdministration', { administration: view.administration }), y + 6, { size: 15, minSize: 10, weight: 'regular', color: INK });
  const completed = view.cohort ? t('certificate.completed', { cohort: view.cohort }) : t('certificate.completedNoCohort');
  y = line(completed, y + 20, { size: 13, minSize: 10, weight: 'regular', color: INK });
  if (view.researchTitle) {
    y = line(t('certificate.research'), y + 2, { size: 13, weight: 'regular', color: INK });
    y = line(`“${view.researchTitle}”`, y + 6, { size: 15, minSize: 10, maxLines: 2, weight: 'bold', color: INK });
  }
  if (view.ceremonyDate) {
    const awarded = view.ceremonyPlace
      ? t('certificate.awardedAtPlace', { place: view.ceremonyPlace, date: view.ceremonyDate })
      : t('certificate.awarded', { date: view.ceremonyDate });
    line(awarded, y + 16, { size: 13, minSize: 9, weight: 'regular', color: INK });
  }

  // The signatory, bottom left, over a signature line.
  const signY = HEIGHT - 128;
  doc.lineWidth(0.8).strokeColor(INK).moveTo(90, signY).lineTo(340, signY).stroke();
  const leftColumn = (text: string, at: number, size: number, weight: Weight) => {
    const runs = runsOf(text, weight, miss);
    doc.fillColor(INK);
    drawRuns(doc, runs, size, 215 - widthOf(doc, runs, size) / 2, at);
  };
  if (view.signatoryName) leftColumn(view.signatoryName, signY + 8, 13, 'bold');
  if (view.signatoryTitle) leftColumn(view.signatoryTitle, signY + 27, 11, 'regular');
  leftColumn(t('certificate.serial', { serial: view.serial }), signY + 52, 10, 'regular');

  // The QR code and the address it opens, bottom right.
  const qrSize = 96;
  const qrX = WIDTH - 90 - qrSize;
  const qrY = HEIGHT - 62 - qrSize;
  qrCode(doc, certificate.verificationUrl, qrX, qrY, qrSize);
  doc.fillColor(INK).font(faces().regular[0].name).fontSize(8);
  doc.text(t('certificate.verify'), qrX - 200, qrY + qrSize - 30, { width: 190, align: 'right', lineBreak: false });
  doc.text(certificate.verificationUrl, qrX - 260, qrY + qrSize - 18, { width: 250, align: 'right', lineBreak: false });

  if (certificate.revokedAt) {
    // Level, so that the stamp reads as text (pdftotext, screen readers); the veil behind it is light, so what was certified stays legible.
    const top = HEIGHT / 2 - 62;
    doc.save();
    doc.opacity(0.6).fillColor('#ffffff').rect(120, top, WIDTH - 240, 112).fill();
    doc.restore();
    doc.lineWidth(4).strokeColor(RED).rect(120, top, WIDTH - 240, 112).stroke();
    centred(doc, t('certificate.revoked'), top + 12, { size: 48, weight: 'bold', color: RED }, miss);
    centred(doc, t('certificate.revokedOn', { date: certificate.revokedAt }), top + 74, { size: 18, weight: 'bold', color: RED }, miss);
  }
}

/**
 * The printable certificates as one PDF, a page each, in the order given.
 * Deterministic: the creation date is the first certificate's, the file
 * identifier is derived from the document information, font subsets are
 * named after their order of use, and compression is zlib's: the same
 * certificates in the same language give the same bytes.
 */
export function certificatesPdf(certificates: PrintableCertificate[], language: Language, missing: MissingGlyph): Promise<Buffer> {
  const t = certificateTranslator(language);
  const first = certificates[0];
  const title =
    certificates.length === 1 ? t('certificate.documentTitle', { serial: first.view.serial, holder: first.view.holderName }) : t('certificate.programme');
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: 'A4',
    layout: 'landscape',
    margin: 0,
    lang: LANGUAGE_TAGS[language],
    displayTitle: true,
    info: {
      Title: title,
      Author: first?.view.issuerName ?? 'World Customs Organization (WCO) Secretariat',
      Subject: t('certificate.programme'),
      Creator: 'CDP Hub',
      Producer: 'CDP Hub',
      CreationDate: first?.createdAt ?? new Date(0),
      ModDate: first?.createdAt ?? new Date(0),
    },
  });
  for (const weight of ['regular', 'bold'] as const) for (const face of faces()[weight]) doc.registerFont(face.name, face.font as unknown as PDFKit.Mixins.PDFFontSource);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  for (const certificate of certificates) page(doc, certificate, language, missing);
  doc.end();
  return done;
}
