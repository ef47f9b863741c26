/** The built `cdp-hub` tool (server/dist/cli/cdp-hub.js, `npm run build` first) as a child process. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import type { DatabaseConfig } from '../../server/src/config';
import { DIST } from './process';

export const CDP_HUB = path.join(DIST, 'cli', 'cdp-hub.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `cdp-hub args` with exactly this environment (plus PATH); `stdin` is written and closed (an absent one is closed empty). */
export async function cdpHub(args: string[], env: Record<string, string>, stdin?: string): Promise<CliResult> {
  const child = spawn(process.execPath, [CDP_HUB, ...args], { env: { PATH: process.env.PATH ?? '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin.end(stdin ?? '');
  const [code] = await once(child, 'close');
  return { code, stdout, stderr };
}

/** DATABASE_URL of a test database. */
export function databaseUrl(config: DatabaseConfig): string {
  return config.kind === 'sqlite' ? `sqlite:${config.file}` : config.url;
}
