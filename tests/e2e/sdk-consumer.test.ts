/**
 * The SDK as a consumer gets it: `npm pack` in sdk/, install the tarball in a
 * clean folder, type-check strict TypeScript that uses it (ESM and CommonJS
 * resolution, Node and bundler style), then run the compiled files with node
 * against a live server, in a folder where only the SDK's runtime is installed.
 *
 * Fixtures: tests/consumer/consumer.mts (ESM) and consumer.cts (CommonJS).
 * Needs the SDK built (`npm run build`; `npm test` builds first) and npm with
 * the registry or its cache (installs use --prefer-offline).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_KINDS } from '../support/databases';
import { startTestServer, type TestServer } from '../support/server';

const ROOT = path.resolve(__dirname, '..', '..');
const SDK = path.join(ROOT, 'sdk');
const DIST = path.join(SDK, 'dist');
const FIXTURES = path.join(ROOT, 'tests', 'consumer');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
/**
 * graphql for the type-check only (TypedDocumentNode's types extend graphql's
 * DocumentNode), installed from the repository's own copy: no registry needed.
 */
const GRAPHQL_FOR_TYPES = path.join(ROOT, 'node_modules', 'graphql');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface Run {
  command: string;
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment for child processes, without the npm_* variables of the
 * `npm test` that may have started jest (workspace, omit, legacy-peer-deps...
 * would change what npm does in the temporary folders). Registry, cache and
 * proxy settings are kept.
 */
function childEnv(): NodeJS.ProcessEnv {
  const keep = /^npm_config_(registry|cache|userconfig|globalconfig|prefer_offline|proxy|https_proxy|noproxy|strict_ssl|cafile|@.*:registry|\/\/.*)$/i;
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) && !keep.test(key)) continue;
    env[key] = value;
  }
  return env;
}

function run(file: string, args: string[], cwd: string, timeoutMs = 60_000): Promise<Run> {
  const command = `(cd ${cwd} && ${path.basename(file)} ${args.join(' ')})`;
  return new Promise((resolve) => {
    execFile(file, args, { cwd, env: childEnv(), timeout: timeoutMs, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      // A non-numeric code: the command did not start (ENOENT) or was killed (timeout).
      const code = !error ? 0 : typeof error.code === 'number' ? error.code : 1;
      const failure = error && typeof error.code !== 'number' ? `\n${String(error)}` : '';
      resolve({ command, code, stdout: String(stdout), stderr: String(stderr) + failure });
    });
  });
}

/** Fails with the command's whole output, so a compiler or npm error is readable in the test report. */
function succeeded(result: Run): Run {
  if (result.code !== 0) {
    throw new Error(`${result.command} exited with ${result.code}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`);
  }
  return result;
}

const npm = (args: string[], cwd: string) => run(NPM, args, cwd, 80_000);
const node = (args: string[], cwd: string) => run(process.execPath, args, cwd, 30_000);

function listFiles(dir: string, extension: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith(extension))
    .map((file) => path.join(dir, file));
}

/** Installed packages of a folder: node_modules/<name> and node_modules/@scope/<name>. */
function installedPackages(dir: string): string[] {
  const modules = path.join(dir, 'node_modules');
  if (!fs.existsSync(modules)) return [];
  return fs.readdirSync(modules)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) => (name.startsWith('@') ? fs.readdirSync(path.join(modules, name)).map((inner) => `${name}/${inner}`) : [name]))
    .sort();
}

function writeJson(file: string, value: unknown): void {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** A TCP port nothing listens on: the client's "unreachable" case. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Specifiers of every import, export-from, dynamic import and require in a JavaScript file. */
function moduleSpecifiers(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^;'"]*?\bfrom\s*(['"])([^'"]+)\1/g,
    /\bimport\s*(['"])([^'"]+)\1/g,
    /\bimport\(\s*(['"])([^'"]+)\1\s*\)/g,
    /\brequire\(\s*(['"])([^'"]+)\1\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[2]!));
}

/** The compiler options every consumer pass shares: strict, and the SDK's declarations checked too. */
const STRICT = {
  strict: true,
  target: 'ES2022',
  module: 'nodenext',
  moduleResolution: 'nodenext',
  isolatedModules: true,
  verbatimModuleSyntax: true,
  skipLibCheck: false,
  types: [] as string[],
  noEmitOnError: true,
};

const SDK_PACKAGE = '@cdp-hub/sdk';

describe('the packed SDK in a consumer project', () => {
  let server: TestServer;
  let unreachableUrl: string;
  let tmp: string;
  /** The runtime folder: the tarball installed alone. */
  let runtimeDir: string;
  /** The type-check folder: the tarball plus graphql (for types). */
  let typesDir: string;
  let tarball: string | undefined;
  let compiled = false;
  const timings: Record<string, number> = {};

  const requireTarball = (): string => {
    if (!tarball) throw new Error('No tarball: `npm pack` failed in an earlier test');
    return tarball;
  };

  beforeAll(async () => {
    for (const entry of ['esm/index.js', 'esm/index.d.ts', 'cjs/index.js', 'cjs/index.d.ts']) {
      if (!fs.existsSync(path.join(DIST, entry))) {
        throw new Error(`sdk/dist/${entry} is missing: build the SDK first (\`npm run build -w @cdp-hub/sdk\`; \`npm test\` builds before jest)`);
      }
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-hub-consumer-'));
    runtimeDir = path.join(tmp, 'runtime');
    typesDir = path.join(tmp, 'types');
    const kind = DATABASE_KINDS.find((k) => k.name === 'sqlite')!;
    const started = Date.now();
    [server, unreachableUrl] = await Promise.all([
      startTestServer(kind),
      closedPort().then((port) => `http://127.0.0.1:${port}/graphql`),
    ]);
    timings.server = Date.now() - started;
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    // One line a reader of the test output can compare between runs.
    console.log(`sdk-consumer timings (ms): ${JSON.stringify(timings)}`);
  });

  it('ships runtime JavaScript that imports nothing but its own files', () => {
    const files = [...listFiles(path.join(DIST, 'esm'), '.js'), ...listFiles(path.join(DIST, 'cjs'), '.js')];
    expect(files.length).toBeGreaterThan(0);
    const bare: string[] = [];
    let relative = 0;
    for (const file of files) {
      for (const specifier of moduleSpecifiers(fs.readFileSync(file, 'utf8'))) {
        if (specifier.startsWith('./') || specifier.startsWith('../')) relative++;
        else bare.push(`${path.relative(DIST, file)}: '${specifier}'`);
      }
    }
    expect(bare).toEqual([]);
    // The scan did find the modules' own imports (the regexes work).
    expect(relative).toBeGreaterThan(files.length / 2);
  });

  it('npm pack produces a tarball of dist, README.md and package.json only', async () => {
    const started = Date.now();
    // --ignore-scripts: the build already ran; a pack-time build would race other suites reading dist.
    const result = succeeded(await npm(['pack', '--json', '--ignore-scripts', '--pack-destination', tmp], SDK));
    timings.pack = Date.now() - started;
    const [pack] = JSON.parse(result.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const files = pack!.files.map((file) => file.path);
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'dist/schema.graphql',
        'dist/esm/package.json',
        'dist/esm/index.js',
        'dist/esm/index.d.ts',
        'dist/cjs/package.json',
        'dist/cjs/index.js',
        'dist/cjs/index.d.ts',
      ]),
    );
    const unexpected = files.filter(
      (file) =>
        !(file === 'package.json' || file === 'README.md' || file.startsWith('dist/')) ||
        /(^|\/)(src|tests?|__tests__|codegen|scripts)\//.test(file) ||
        /\.test\.|tsconfig|codegen/.test(file),
    );
    expect(unexpected).toEqual([]);
    // Both builds ship the same modules.
    const esm = files.filter((f) => f.startsWith('dist/esm/')).map((f) => f.slice('dist/esm/'.length));
    const cjs = files.filter((f) => f.startsWith('dist/cjs/')).map((f) => f.slice('dist/cjs/'.length));
    expect(esm.sort()).toEqual(cjs.sort());
    tarball = path.join(tmp, pack!.filename);
    expect(fs.existsSync(tarball)).toBe(true);
  }, 60_000);

  it('installs from the tarball with no dependency the consumer does not need at run time', async () => {
    fs.mkdirSync(runtimeDir);
    writeJson(path.join(runtimeDir, 'package.json'), { name: 'cdp-hub-consumer-runtime', version: '1.0.0', private: true });
    const started = Date.now();
    succeeded(await npm(['install', '--no-audit', '--no-fund', '--prefer-offline', requireTarball()], runtimeDir));
    timings.installRuntime = Date.now() - started;

    const manifest = JSON.parse(fs.readFileSync(path.join(runtimeDir, 'node_modules', SDK_PACKAGE, 'package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.peerDependenciesMeta?.graphql?.optional).toBe(true);
    // Subscriptions run over the consumer's own graphql-ws client: an optional peer too.
    expect(manifest.peerDependenciesMeta?.['graphql-ws']?.optional).toBe(true);

    // graphql is an optional peer (types only) and there are no dependencies: nothing else may come in.
    const installed = installedPackages(runtimeDir);
    const allowed = [SDK_PACKAGE];
    const extra = installed.filter((name) => !allowed.includes(name));
    if (extra.length > 0) {
      const manifestOf = (name: string) => JSON.parse(fs.readFileSync(path.join(runtimeDir, 'node_modules', name, 'package.json'), 'utf8'));
      const requiredBy = (name: string) =>
        installed.filter((other) => {
          if (other === name) return false;
          const m = manifestOf(other);
          return Boolean(m.dependencies?.[name] || (m.peerDependencies?.[name] && !m.peerDependenciesMeta?.[name]?.optional));
        });
      throw new Error(
        `\`npm install <tarball>\` installed more than the SDK's runtime: ${extra
          .map((name) => `${name} (required by ${requiredBy(name).join(', ') || '?'})`)
          .join('; ')}. npm 7+ installs every non-optional peer dependency, so a dependency of the SDK that peer-depends on ` +
          'graphql brings graphql to every consumer although nothing needs it at run time.',
      );
    }
    expect(installed).toContain(SDK_PACKAGE);
    expect(extra).toEqual([]);
  }, 90_000);

  describe('strict TypeScript', () => {
    const tsc = async (config: string) => {
      const started = Date.now();
      const result = await run(process.execPath, [TSC, '-p', config, '--listFiles'], typesDir, 60_000);
      timings[path.basename(config, '.json')] = Date.now() - started;
      return succeeded(result);
    };
    const tsconfig = (name: string, compilerOptions: Record<string, unknown>, files: string[]) => {
      const file = path.join(typesDir, name);
      writeJson(file, { compilerOptions: { ...STRICT, ...compilerOptions }, files });
      return file;
    };
    const declarations = (result: Run) =>
      result.stdout.split(/\r?\n/).filter((line) => line.includes(`node_modules/${SDK_PACKAGE}/`)).map((line) => line.slice(line.indexOf('dist/')));

    beforeAll(async () => {
      fs.mkdirSync(typesDir);
      writeJson(path.join(typesDir, 'package.json'), { name: 'cdp-hub-consumer-types', version: '1.0.0', private: true });
      for (const fixture of ['consumer.mts', 'consumer.cts']) fs.copyFileSync(path.join(FIXTURES, fixture), path.join(typesDir, fixture));
      if (!tarball) return; // the pack test reports the failure
      const started = Date.now();
      succeeded(await npm(['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, GRAPHQL_FOR_TYPES], typesDir));
      timings.installTypes = Date.now() - started;
    }, 90_000);

    it('type-checks and compiles the ESM and CommonJS consumers (nodenext, lib ES2022 + DOM)', async () => {
      requireTarball();
      const config = tsconfig('tsconfig.json', { lib: ['ES2022', 'DOM'], outDir: 'out' }, ['consumer.mts', 'consumer.cts']);
      const result = await tsc(config);
      // The ESM file resolved the "import" build and the CommonJS file the "require" build.
      expect(declarations(result)).toEqual(expect.arrayContaining(['dist/esm/index.d.ts', 'dist/cjs/index.d.ts']));
      expect(fs.existsSync(path.join(typesDir, 'out', 'consumer.mjs'))).toBe(true);
      expect(fs.existsSync(path.join(typesDir, 'out', 'consumer.cjs'))).toBe(true);
      compiled = true;
    }, 60_000);

    it("type-checks without the DOM library: the SDK's declarations need none", async () => {
      requireTarball();
      const config = tsconfig('tsconfig.no-dom.json', { lib: ['ES2022'], noEmit: true }, ['consumer.mts', 'consumer.cts']);
      const result = await tsc(config);
      expect(result.stdout).not.toMatch(/lib\.dom\.d\.ts/);
      expect(declarations(result)).toEqual(expect.arrayContaining(['dist/esm/index.d.ts', 'dist/cjs/index.d.ts']));
    }, 60_000);

    it('type-checks the ESM consumer with bundler resolution (module esnext)', async () => {
      requireTarball();
      const config = tsconfig(
        'tsconfig.bundler.json',
        { module: 'esnext', moduleResolution: 'bundler', lib: ['ES2022', 'DOM'], noEmit: true },
        ['consumer.mts'],
      );
      const result = await tsc(config);
      expect(declarations(result)).toContain('dist/esm/index.d.ts');
      expect(declarations(result)).not.toContain('dist/cjs/index.d.ts');
    }, 60_000);
  });

  describe('the compiled consumers against a live server', () => {
    const results: Record<'mjs' | 'cjs', Run | undefined> = { mjs: undefined, cjs: undefined };

    beforeAll(async () => {
      if (!compiled || !fs.existsSync(runtimeDir)) return; // earlier tests report why
      for (const ext of ['mjs', 'cjs'] as const) {
        fs.copyFileSync(path.join(typesDir, 'out', `consumer.${ext}`), path.join(runtimeDir, `consumer.${ext}`));
      }
      const started = Date.now();
      [results.mjs, results.cjs] = await Promise.all(
        (['mjs', 'cjs'] as const).map((ext) => node([`consumer.${ext}`, server.url, unreachableUrl], runtimeDir)),
      );
      timings.runConsumers = Date.now() - started;
    }, 60_000);

    it('run where graphql cannot be resolved', async () => {
      expect(compiled).toBe(true);
      expect(fs.existsSync(path.join(runtimeDir, 'node_modules', 'graphql'))).toBe(false);
      const probe = await node(['-e', "require.resolve('graphql')"], runtimeDir);
      expect(probe.code).not.toBe(0);
      expect(probe.stderr).toMatch(/Cannot find module 'graphql'/);
    });

    it.each([
      ['mjs', 'esm'],
      ['cjs', 'cjs'],
    ] as const)('consumer.%s (%s) gets typed data and typed errors', async (ext, module) => {
      const result = results[ext];
      if (!result) throw new Error('The consumer did not run: see the failures above');
      const output = succeeded(result).stdout.trim().split(/\r?\n/).pop()!;
      const printed = JSON.parse(output);
      const cohorts = await server.data<{ cohorts: { totalCount: number } }>('{ cohorts(first: 1) { totalCount } }');

      expect(printed).toEqual({
        module,
        cohort: { label: '2023-2024', status: 'COMPLETED', associateCount: 10, associateNodes: 10, sameId: true },
        verification: { reason: 'UNKNOWN_SERIAL', isValid: false },
        paginate: { count: cohorts.cohorts.totalCount, unique: cohorts.cohorts.totalCount, totalCount: cohorts.cohorts.totalCount },
        invalidId: {
          thrown: true,
          isCdpGraphQLError: true,
          isCdpError: true,
          isError: true,
          name: 'CdpGraphQLError',
          code: 'INVALID_ID',
          hasCode: true,
        },
        unreachable: { thrown: true, isCdpNetworkError: true, isCdpError: true, name: 'CdpNetworkError', reason: 'unreachable' },
      });
      // Pages of two: more than one page was fetched.
      expect(cohorts.cohorts.totalCount).toBeGreaterThan(2);
    });

    it('mixes the ESM and CommonJS builds: documents and instanceof work across them', async () => {
      fs.copyFileSync(path.join(FIXTURES, 'dual-package.mjs'), path.join(runtimeDir, 'dual-package.mjs'));
      const result = succeeded(await node(['dual-package.mjs', server.url], runtimeDir));
      const regions = await server.data<{ regions: { totalCount: number } }>('{ regions { totalCount } }');
      expect(JSON.parse(result.stdout.trim().split(/\r?\n/).pop()!)).toEqual({
        distinctBuilds: true,
        esmDocumentThroughCjsClient: regions.regions.totalCount,
        cjsDocumentThroughEsmClient: regions.regions.totalCount,
        cjsErrorIsEsmCdpGraphQLError: true,
        cjsErrorIsEsmCdpError: true,
        cjsErrorIsEsmCdpNetworkError: false,
      });
    });
  });
});
