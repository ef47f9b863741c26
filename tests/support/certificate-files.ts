import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/**
 * Poppler and zbar, from Debian (.ci/run installs them): a PDF as a PNG, as
 * its text, and the QR codes in a PNG. Files go to a temporary folder.
 */
// Asynchronous, so the test's event loop keeps running: a blocked loop would hand fetch a keep-alive connection the server has closed meanwhile.
const run = async (command: string, args: string[]): Promise<Buffer> => (await promisify(execFile)(command, args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 })).stdout;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-certificates-'));
let counter = 0;
const scratchFile = (ext: string) => path.join(scratch, `${++counter}.${ext}`);

export const REFERENCE_DIR = path.resolve(__dirname, '..', 'fixtures', 'certificates');
export const ARTIFACT_DIR = path.resolve(__dirname, '..', '.artifacts', 'certificates');

/** The first page of a PDF as a PNG at `dpi`. */
export async function pdfToPng(pdf: Buffer, dpi: number): Promise<Buffer> {
  const input = scratchFile('pdf');
  fs.writeFileSync(input, pdf);
  const out = scratchFile('page');
  await run('pdftoppm', ['-r', String(dpi), '-f', '1', '-l', '1', '-png', '-singlefile', input, out]);
  return fs.readFileSync(`${out}.png`);
}

/** The text of a PDF, page after page (pages end with a form feed). */
export async function pdfText(pdf: Buffer): Promise<string> {
  const input = scratchFile('pdf');
  fs.writeFileSync(input, pdf);
  return (await run('pdftotext', ['-enc', 'UTF-8', input, '-'])).toString('utf8');
}

/** pdfinfo's fields, e.g. Pages and "Page size". */
export async function pdfInfo(pdf: Buffer): Promise<Record<string, string>> {
  const input = scratchFile('pdf');
  fs.writeFileSync(input, pdf);
  const text = (await run('pdfinfo', [input])).toString('utf8');
  return Object.fromEntries(text.split('\n').filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
}

/** The fonts a PDF embeds (pdffonts): name, whether embedded and whether a subset. */
export async function pdfFonts(pdf: Buffer): Promise<Array<{ name: string; embedded: boolean; subset: boolean }>> {
  const input = scratchFile('pdf');
  fs.writeFileSync(input, pdf);
  const lines = (await run('pdffonts', [input])).toString('utf8').split('\n').slice(2).filter(Boolean);
  return lines.map((line) => {
    const columns = line.trim().split(/\s+/);
    // name type [encoding words...] emb sub uni object ID
    const [emb, sub] = columns.slice(-5, -3);
    return { name: columns[0], embedded: emb === 'yes', subset: sub === 'yes' };
  });
}

/** Every QR code zbarimg reads in the PNG. */
export async function qrCodes(png: Buffer): Promise<string[]> {
  const input = scratchFile('png');
  fs.writeFileSync(input, png);
  return (await run('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', input])).toString('utf8').split('\n').filter(Boolean);
}

/**
 * How much of `actual` differs from the committed reference `name`.png
 * (pixelmatch, per-pixel colour threshold 0.1): the share of pixels that
 * differ, 1 when the sizes differ. With UPDATE_CERTIFICATE_REFERENCES=1 the
 * reference is (re)written first, to be looked at and committed. The actual
 * image and the difference go to tests/.artifacts/certificates/.
 */
export function differenceFromReference(name: string, actual: Buffer): number {
  const referenceFile = path.join(REFERENCE_DIR, `${name}.png`);
  fs.mkdirSync(ARTIFACT_DIR, { recursive: true });
  fs.writeFileSync(path.join(ARTIFACT_DIR, `${name}.png`), actual);
  if (process.env.UPDATE_CERTIFICATE_REFERENCES === '1') fs.writeFileSync(referenceFile, actual);
  if (!fs.existsSync(referenceFile)) throw new Error(`No reference ${referenceFile}: run with UPDATE_CERTIFICATE_REFERENCES=1, look at it and commit it.`);
  const a = PNG.sync.read(actual);
  const b = PNG.sync.read(fs.readFileSync(referenceFile));
  if (a.width !== b.width || a.height !== b.height) return 1;
  const diff = new PNG({ width: a.width, height: a.height });
  const differing = pixelmatch(a.data, b.data, diff.data, a.width, a.height, { threshold: 0.1 });
  fs.writeFileSync(path.join(ARTIFACT_DIR, `${name}.diff.png`), PNG.sync.write(diff));
  return differing / (a.width * a.height);
}

/**
 * GET over a connection of its own (no keep-alive), as a fetch Response.
 * The suite pauses between requests for poppler and zbar, long enough on a
 * busy machine for fetch to reuse a kept-alive connection the server is just closing.
 */
export function getOnce(url: string, headers: Record<string, string> = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const status = res.statusCode!;
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, v);
        }
        resolve(new Response(status === 304 || status === 204 ? null : Buffer.concat(chunks), { status, headers: responseHeaders }));
      });
    });
    request.on('error', reject);
  });
}
