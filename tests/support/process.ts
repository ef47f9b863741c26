/**
 * The built server (`server/dist/main.js`, `npm run build` first) as a child
 * process, for the suites that test what only a real process shows: start-up
 * refusals, exit codes, signals and the JSON log on stdout.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

export const DIST = path.resolve(__dirname, '..', '..', 'server', 'dist');
export const MAIN = path.join(DIST, 'main.js');

export interface Running {
  child: ChildProcessWithoutNullStreams;
  /** Every JSON log line written to stdout so far, parsed. */
  lines: Array<Record<string, any>>;
  stderr: string[];
}

/** The built server with exactly this environment (plus PATH), so nothing of the test's own environment leaks in. */
export function start(env: Record<string, string>): Running {
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', ...env } });
  const running: Running = { child, lines: [], stderr: [] };
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) if (line.trim()) running.lines.push(JSON.parse(line));
  });
  child.stderr.on('data', (chunk: Buffer) => running.stderr.push(chunk.toString()));
  return running;
}

/** The first log line that matches; fails with the whole output when the process exits or `ms` pass first. */
export async function waitForLog(running: Running, predicate: (line: Record<string, any>) => boolean, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const found = running.lines.find(predicate);
    if (found) return found;
    if (running.child.exitCode != null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`log line not seen; stdout: ${JSON.stringify(running.lines)} stderr: ${running.stderr.join('')}`);
}

/** The exit code and standard error of a process that stops by itself (e.g. refusing its configuration). */
export async function exitOf(running: Running): Promise<{ code: number; stderr: string }> {
  const [code] = running.child.exitCode != null ? [running.child.exitCode] : await once(running.child, 'close');
  return { code, stderr: running.stderr.join('') };
}

/** SIGTERM, then wait until the process has closed; nothing to do when it has exited already. */
export async function stop(running: Running): Promise<void> {
  if (running.child.exitCode != null) return;
  running.child.kill('SIGTERM');
  await once(running.child, 'close');
}
