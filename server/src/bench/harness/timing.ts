/** Timings of one piece of work run again and again, in milliseconds. */
export interface Stats {
  median: number;
  p95: number;
  perSecond: number;
}

/** Runs `work` once to warm up (loading, allocation), then `runs` times one after another, and times each run. */
export async function timeRuns(runs: number, work: () => Promise<unknown>): Promise<Stats> {
  await work();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await work();
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const total = ms.reduce((a, b) => a + b, 0);
  return { median: ms[Math.floor(runs / 2)], p95: ms[Math.min(runs - 1, Math.ceil(runs * 0.95) - 1)], perSecond: (runs * 1000) / total };
}
