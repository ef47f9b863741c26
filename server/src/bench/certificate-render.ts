/**
 * Benchmark: making printable certificates (`npm run bench:certificates`).
 * Run by hand; prints numbers, asserts nothing.
 *
 * - one certificate's PDF, per script of the holder's name (Latin with
 *   diacritics, Cyrillic, Georgian, Arabic): median and p95 render time
 *   (target <= 150 ms) and size (target <= 400 KB);
 * - a ceremony of 12 certificates in one PDF (target <= 2 s), and its size;
 * - the same certificate rendered twice gives the same bytes.
 *
 * The credentials are signed with a fresh key, as the server signs them;
 * no database is involved: the PDF is made from the credential alone.
 */
import 'reflect-metadata';
import { certificateCredential } from '../modules/certificate/credential/open-badge';
import { signAsIssuer } from '../modules/certificate/credential/issuer-signature';
import { SigningKeyRing } from '../modules/certificate/credential/signing-keys';
import { statusEntry } from '../modules/certificate/credential/status-list';
import { credentialUrls, type CredentialSettings } from '../modules/certificate/credential/credential-settings';
import { certificatesPdf, type PrintableCertificate } from '../modules/certificate/printable/certificate-pdf';
import { certificateView } from '../modules/certificate/printable/certificate-view';
import { Language } from '../modules/user/language';
import { machineSummary } from './harness/machine';
import { timeRuns } from './harness/timing';

const RUNS = 30;
const HOLDERS: Array<[script: string, name: string, administration: string]> = [
  ['Latin (diacritics)', 'Aylar Öwezberdiýewa Çaryýewa', 'Turkmenistan'],
  ['Cyrillic', 'Олена Ковальчук', 'Ukraine'],
  ['Georgian', 'ნინო ბერიძე', 'Georgia'],
  ['Arabic', 'فاطمة الزهراء', 'Egypt'],
];

const settings: CredentialSettings = { keys: SigningKeyRing.generate(), publicUrl: 'https://cdp-hub.example' };
const ceremonyAt = new Date('2028-07-06T10:00:00Z');

function printable(serialNumber: number, name: string, administration: string): PrintableCertificate {
  const serial = `CDP-2028-${String(serialNumber).padStart(3, '0')}`;
  const credential = signAsIssuer(
    certificateCredential(
      {
        serial,
        ceremonyAt,
        holderName: name,
        administration: { name: administration, iso2: 'XX' },
        cohortLabel: '2027-2028',
        signatoryName: 'Ian Saunders',
        signatoryTitle: 'Secretary General',
        researchTitle: 'Coordinated border management and risk-based controls in a single window environment',
        ceremonyPlace: 'WCO headquarters, Brussels',
        statusEntry: statusEntry(settings, serialNumber),
      },
      settings,
    ),
    settings,
    ceremonyAt,
  );
  const view = certificateView(serial, credential);
  return { view, verificationUrl: credentialUrls(settings.publicUrl).verification(serial), revokedAt: null, createdAt: view.issuedAt! };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const quiet = () => undefined;

async function main(): Promise<void> {
  console.log(`Printable certificates: ${machineSummary()}; ${RUNS} runs after a warm-up.`);
  const cold = process.hrtime.bigint();
  await certificatesPdf([printable(1, HOLDERS[0][1], HOLDERS[0][2])], Language.EN, quiet);
  console.log(`first render in this process (reads the fonts): ${(Number(process.hrtime.bigint() - cold) / 1e6).toFixed(1)} ms\n`);

  console.log(`${'one certificate, name in'.padEnd(28)} | median ms | p95 ms | size      | target`);
  for (const [i, [script, name, administration]] of HOLDERS.entries()) {
    const certificate = printable(i + 1, name, administration);
    for (const language of [Language.EN, Language.FR]) {
      const stats = await timeRuns(RUNS, () => certificatesPdf([certificate], language, quiet));
      const bytes = await certificatesPdf([certificate], language, quiet);
      const again = await certificatesPdf([certificate], language, quiet);
      console.log(
        `${`${script} (${language})`.padEnd(28)} | ${stats.median.toFixed(1).padStart(9)} | ${stats.p95.toFixed(1).padStart(6)} | ${kb(bytes.length).padStart(9)} | <= 150 ms, <= 400 KB${bytes.equals(again) ? '' : '  (BYTES DIFFER BETWEEN RENDERS)'}`,
      );
    }
  }

  const ceremony = Array.from({ length: 12 }, (_, i) => printable(i + 1, HOLDERS[i % HOLDERS.length][1], HOLDERS[i % HOLDERS.length][2]));
  const stats = await timeRuns(10, () => certificatesPdf(ceremony, Language.EN, quiet));
  const bytes = await certificatesPdf(ceremony, Language.EN, quiet);
  console.log(`\nceremony of 12 in one PDF: median ${stats.median.toFixed(1)} ms, p95 ${stats.p95.toFixed(1)} ms (target <= 2000 ms); ${kb(bytes.length)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
