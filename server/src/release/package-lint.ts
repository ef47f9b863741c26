import { execFile } from 'node:child_process';
import path from 'node:path';

export interface ToolRun {
  command: string;
  code: number;
  output: string;
}

/**
 * How the SDK's package is checked as consumers see it, on the packed
 * tarball: publint (package.json fields, exports, files) with warnings as
 * errors, and Are the Types Wrong (the types each resolution finds: node10,
 * node16 from CommonJS and from ESM, bundler). The schema and the manifest
 * are data files for tools, not modules, so attw does not resolve them.
 */
export const PUBLINT_ARGS = ['run', '--strict'];
export const ATTW_ARGS = ['--exclude-entrypoints', './schema.graphql', './persisted-operations.json', '--no-emoji', '--no-color', '--format', 'table-flipped'];

function runBin(root: string, bin: string, args: string[]): Promise<ToolRun> {
  const file = path.join(root, 'node_modules', '.bin', bin);
  const command = `${bin} ${args.join(' ')}`;
  return new Promise((resolve) => {
    execFile(file, args, { cwd: root, timeout: 60_000, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } }, (error, stdout, stderr) => {
      const code = !error ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ command, code, output: `${stdout}${stderr}${error && typeof error.code !== 'number' ? String(error) : ''}` });
    });
  });
}

/** publint and attw over one packed tarball of @cdp-hub/sdk. */
export async function lintPackedSdk(root: string, tarball: string): Promise<{ publint: ToolRun; attw: ToolRun }> {
  const [publint, attw] = await Promise.all([runBin(root, 'publint', [...PUBLINT_ARGS, tarball]), runBin(root, 'attw', [tarball, ...ATTW_ARGS])]);
  return { publint, attw };
}

/** Both tools passed and reported nothing: publint no suggestion, warning or error; attw "No problems found". */
export const lintIsClean = ({ publint, attw }: { publint: ToolRun; attw: ToolRun }) =>
  publint.code === 0 && /All good!/.test(publint.output) && !/Suggestions|Warnings|Errors/.test(publint.output) && attw.code === 0 && /No problems found/.test(attw.output);
