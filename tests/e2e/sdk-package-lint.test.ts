import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintIsClean, lintPackedSdk } from '../../server/src/release/package-lint';

/**
 * @cdp-hub/sdk as consumers see it, checked by the usual tools on one packed
 * tarball: publint (--strict) and Are the Types Wrong (node10, node16 from
 * CommonJS and from ESM, bundler). Both must pass and report nothing. A
 * copy of the package with a deliberate fault shows that each tool's
 * problems fail the check. Needs the SDK built (`npm test` builds first).
 */

const ROOT = path.resolve(__dirname, '..', '..');
const SDK = path.join(ROOT, 'sdk');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** npm pack without scripts (the build already ran); resolves with the tarball's path. */
function pack(dir: string, destination: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(NPM, ['pack', '--json', '--ignore-scripts', '--pack-destination', destination], { cwd: dir, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`npm pack failed in ${dir}: ${stderr}`));
      resolve(path.join(destination, (JSON.parse(stdout) as Array<{ filename: string }>)[0]!.filename));
    });
  });
}

describe('the packed SDK under publint and attw', () => {
  let tmp: string;

  beforeAll(() => {
    for (const entry of ['esm/index.js', 'esm/index.d.ts', 'cjs/index.js', 'cjs/index.d.ts']) {
      if (!fs.existsSync(path.join(SDK, 'dist', entry))) throw new Error(`sdk/dist/${entry} is missing: build the SDK first (\`npm run build\`)`);
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sdk-lint-'));
  });
  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('passes both with clean output: no publint message, attw "No problems found" for ESM and CommonJS', async () => {
    const tarball = await pack(SDK, tmp);
    const lint = await lintPackedSdk(ROOT, tarball);
    expect({ command: lint.publint.command, code: lint.publint.code, output: lint.publint.output }).toEqual({
      command: expect.any(String),
      code: 0,
      output: expect.stringMatching(/Linting\.\.\.\nAll good!\n$/),
    });
    expect({ command: lint.attw.command, code: lint.attw.code, output: lint.attw.output }).toEqual({
      command: expect.any(String),
      code: 0,
      output: expect.stringContaining('No problems found'),
    });
    // The main entry resolved to its own build under every resolution.
    expect(lint.attw.output).toMatch(/"@cdp-hub\/sdk" +│ OK +│ OK \(CJS\) +│ OK \(ESM\) +│ OK +│/);
    expect(lintIsClean(lint)).toBe(true);
  }, 60_000);

  it('fails when the package is wrong: CommonJS types that are ESM, and no "type" field', async () => {
    const copy = path.join(tmp, 'broken');
    fs.mkdirSync(copy);
    fs.cpSync(path.join(SDK, 'dist'), path.join(copy, 'dist'), { recursive: true });
    fs.copyFileSync(path.join(SDK, 'README.md'), path.join(copy, 'README.md'));
    const manifest = JSON.parse(fs.readFileSync(path.join(SDK, 'package.json'), 'utf8'));
    delete manifest.type;
    manifest.exports['.'].require.types = './dist/esm/index.d.ts';
    fs.writeFileSync(path.join(copy, 'package.json'), JSON.stringify(manifest, null, 2));
    const lint = await lintPackedSdk(ROOT, await pack(copy, tmp));
    expect(lint.publint.output).toMatch(/does not specify the "type" field/);
    expect([lint.attw.code, lint.attw.output]).toEqual([1, expect.stringMatching(/node16 \(from CJS\)[\s\S]*Masquerading as ESM/)]);
    expect(lintIsClean(lint)).toBe(false);
  }, 60_000);
});
