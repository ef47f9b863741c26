/**
 * The two endpoints under test, each in a child process of its own so that
 * neither shares an event loop with the load generator or with the other.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { SigningKeyRing } from '../../modules/certificate/credential/signing-keys';
import { DEFAULT_PROGRAMME_CODE } from '../../modules/programme/programme.types';

export interface Endpoint {
  name: string;
  url: string;
  /** The child process's id (its memory is read from /proc). */
  pid: number;
  stop(): Promise<void>;
}

const DIST = path.resolve(__dirname, '..', '..');

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function start(name: string, script: string, env: NodeJS.ProcessEnv, nodeArgs: string[] = [], dist = DIST): Promise<Endpoint> {
  const port = await freePort();
  const child = spawn(process.execPath, [...nodeArgs, path.join(dist, script)], {
    env: { ...process.env, ...env, PORT: String(port) },
    // CDP Hub logs JSON lines on stdout: they go to stderr so that stdout stays the markdown report.
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout?.pipe(process.stderr);
  const base = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(base, child, name);
  return { name, url: `${base}/graphql`, pid: child.pid!, stop: () => stop(child) };
}

async function waitUntilHealthy(base: string, child: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode != null) throw new Error(`${name} exited with code ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGTERM');
  throw new Error(`${name} did not become healthy within 60 s`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode != null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Production requires a signing key file; the benchmark signs nothing, so a throw-away key per run will do. */
function throwAwaySigningKeyFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdp-hub-bench-keys-'));
  const file = path.join(dir, 'signing-keys.json');
  fs.writeFileSync(file, JSON.stringify(SigningKeyRing.generate().toPrivateJwks()), { mode: 0o600 });
  return file;
}

/**
 * CDP Hub as deployed: production settings (trusted documents only), a random token pepper and signing key,
 * warnings only, no playground; `env` adds or overrides settings. `dist` is another build's server/dist,
 * named after the checkout holding it, to compare builds in one run.
 */
export function startCdpHub(
  databaseUrl: string,
  responseCache: string,
  { env = {}, nodeArgs = [], dist, name = dist ? `CDP Hub @ ${path.basename(path.resolve(dist, '..', '..'))}` : 'CDP Hub' }: { env?: NodeJS.ProcessEnv; nodeArgs?: string[]; dist?: string; name?: string } = {},
): Promise<Endpoint> {
  return start(name, 'main.js', {
    NODE_ENV: 'production',
    // The read benchmarks send no mail; production wants that said (or MAIL_URL).
    MAIL: 'off',
    CDP_TOKEN_PEPPER: randomBytes(48).toString('base64'),
    CDP_SIGNING_KEY_FILE: throwAwaySigningKeyFile(),
    LOG_LEVEL: 'warn',
    PLAYGROUND: 'false',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    // off for the uncached rounds; memory or redis to measure the response cache.
    RESPONSE_CACHE: responseCache,
    ...env,
  }, nodeArgs, dist ? path.resolve(dist) : DIST);
}

export function startHandWritten(databaseUrl: string): Promise<Endpoint> {
  return start('hand-written', 'bench/hand-written/server.js', {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    PROGRAMME_CODE: DEFAULT_PROGRAMME_CODE,
  });
}
