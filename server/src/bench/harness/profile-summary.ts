/**
 * Reads a V8 .cpuprofile (from node --cpu-prof) and splits its self time by
 * where the code lives: a package under node_modules, a folder of CDP Hub,
 * Node's internals, or V8's own buckets (garbage collector, program, idle).
 * It tells where per-request time goes without opening a profiler UI.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatMs, markdownTable } from './markdown';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSplit {
  /** Busy time in ms (everything but idle). */
  busyMs: number;
  byPlace: { place: string; ms: number }[];
  byFunction: { fn: string; place: string; ms: number }[];
}

/** "typeorm", "@apollo/server", "cdp-hub graphql/relay", "node internals", "(garbage collector)"… */
export function placeOf(url: string, functionName: string): string {
  if (!url) return `(${functionName.replace(/^\(|\)$/g, '') || 'anonymous'})`;
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first, second] = url.slice(modules + '/node_modules/'.length).split('/');
    return first.startsWith('@') ? `${first}/${second}` : first;
  }
  if (url.startsWith('node:')) return 'node internals';
  const dist = url.lastIndexOf('/dist/');
  if (dist >= 0) return `cdp-hub ${path.posix.dirname(url.slice(dist + '/dist/'.length))}`;
  return url;
}

const V8_BUCKETS = new Set(['(garbage collector)', '(program)', '(idle)', '(root)']);

export function summariseProfile(profile: CpuProfile): ProfileSplit {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  // A native function (no url) is charged to the nearest caller with a url: better-sqlite3's
  // statement.all() then counts as better-sqlite3, not as an anonymous native frame.
  const placeCache = new Map<number, string>();
  const placeOfNode = (id: number): string => {
    const cached = placeCache.get(id);
    if (cached) return cached;
    const { callFrame } = nodes.get(id)!;
    let place = placeOf(callFrame.url, callFrame.functionName);
    if (!callFrame.url && !V8_BUCKETS.has(place) && parent.has(id)) {
      const up = placeOfNode(parent.get(id)!);
      if (!V8_BUCKETS.has(up)) place = up;
    }
    placeCache.set(id, place);
    return place;
  };

  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

  const places = new Map<string, number>();
  const functions = new Map<string, { fn: string; place: string; ms: number }>();
  let busyMs = 0;
  for (const [id, us] of selfUs) {
    const place = placeOfNode(id);
    if (place === '(idle)') continue;
    const ms = us / 1000;
    busyMs += ms;
    places.set(place, (places.get(place) ?? 0) + ms);
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    const key = `${functionName}@${url}:${lineNumber}`;
    const entry = functions.get(key) ?? { fn: `${functionName || '(anonymous)'} ${path.basename(url)}:${lineNumber + 1}`, place, ms: 0 };
    entry.ms += ms;
    functions.set(key, entry);
  }
  return {
    busyMs,
    byPlace: [...places].map(([place, ms]) => ({ place, ms })).sort((a, b) => b.ms - a.ms),
    byFunction: [...functions.values()].sort((a, b) => b.ms - a.ms),
  };
}

/** The newest profile in the folder, summarised as markdown. */
export function profileReport(dir: string, rows = 25): string {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(dir, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (!files.length) return `No .cpuprofile in ${dir}.`;
  const split = summariseProfile(JSON.parse(fs.readFileSync(files[0], 'utf8')) as CpuProfile);
  const share = (ms: number) => `${((100 * ms) / split.busyMs).toFixed(1)}%`;
  const places = markdownTable(
    ['where', 'self ms', 'share of busy time'],
    split.byPlace.slice(0, rows).map((p) => [p.place, formatMs(p.ms), share(p.ms)]),
  );
  const functions = markdownTable(
    ['function', 'where', 'self ms', 'share'],
    split.byFunction.slice(0, rows).map((f) => [`\`${f.fn}\``, f.place, formatMs(f.ms), share(f.ms)]),
  );
  return `### CPU profile of CDP Hub (${path.basename(files[0])}), ${formatMs(split.busyMs)} ms busy\n\n${places}\n\n${functions}\n`;
}
